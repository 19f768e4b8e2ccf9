package io.maestro.server.stream;

import io.maestro.core.store.EventRecord;
import io.maestro.core.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client following events over SSE: a tenant's runs, or one run. It joins the live feed first,
 * then sends the backlog after {@code afterSeq} from the store, then the live events, skipping any
 * already sent, so a client reconnecting with {@code Last-Event-ID} misses nothing and sees nothing twice.
 */
public final class Subscription {
    private static final MediaType FRAMES = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);
    private static final FeedEvent CLOSE = new FeedEvent(-1, null, null, null, null);
    /** Events written with one flush: a busy run's events go out in batches, not one syscall each. */
    private static final int BATCH = 256;
    /**
     * A client this far behind is cut off rather than buffered without bound; it reconnects with
     * {@code Last-Event-ID} and catches up from the store.
     */
    private static final int MAX_QUEUED = 20_000;
    private final String tenant;
    private final String runId;
    private final long afterSeq;
    private final SseEmitter emitter;
    private final EventFeed feed;
    private final RunStore store;
    private final BlockingQueue<FeedEvent> live = new LinkedBlockingQueue<>();
    private long lastSent;

    private Subscription(String tenant, String runId, long afterSeq, SseEmitter emitter, EventFeed feed, RunStore store) {
        this.tenant = tenant;
        this.runId = runId;
        this.afterSeq = afterSeq;
        this.emitter = emitter;
        this.feed = feed;
        this.store = store;
        this.lastSent = afterSeq;
    }

    /**
     * @param runId    null for every run of the tenant
     * @param afterSeq the Last-Event-ID (0 to replay a run from its start); null for a tenant-wide
     *                 stream means "from now on"
     */
    public static SseEmitter open(String tenant, String runId, Long afterSeq, EventFeed feed, RunStore store) {
        var emitter = new SseEmitter(0L);
        long start = afterSeq != null ? afterSeq : runId != null ? 0 : feed.position();
        var s = new Subscription(tenant, runId, start, emitter, feed, store);
        emitter.onCompletion(s::close);
        emitter.onTimeout(s::close);
        emitter.onError(e -> s.close());
        feed.add(s);
        s.connected();
        Thread.ofVirtual().name("sse-" + (runId == null ? tenant : runId)).start(s::pump);
        return emitter;
    }

    /** A first comment, so the response (and the client's "open") does not wait for the first event. */
    private void connected() {
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    void offer(FeedEvent e) {
        if (!tenant.equals(e.tenant()) || (runId != null && !runId.equals(e.runId()))) return;
        if (live.size() >= MAX_QUEUED) {
            close(); // too slow: the reconnect resumes from the store
            return;
        }
        live.add(e);
    }

    void close() {
        feed.remove(this);
        live.add(CLOSE);
    }

    private void pump() {
        try {
            sendBacklog();
            var batch = new ArrayList<FeedEvent>(BATCH);
            while (true) {
                FeedEvent e = live.poll(15, TimeUnit.SECONDS);
                if (e == null) {
                    emitter.send(SseEmitter.event().comment("keepalive"));
                    continue;
                }
                batch.add(e);
                live.drainTo(batch, BATCH - 1);
                int close = batch.indexOf(CLOSE);
                send(close < 0 ? batch : batch.subList(0, close));
                if (close >= 0) return;
                batch.clear();
            }
        } catch (IOException | IllegalStateException e) {
            close(); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.remove(this);
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
        }
    }

    private void sendBacklog() throws IOException {
        long from = afterSeq;
        while (true) {
            List<EventRecord> page = runId != null ? store.events(runId, from, 1_000) : store.eventsAfter(from, 1_000);
            if (page.isEmpty()) return;
            var batch = new ArrayList<FeedEvent>(page.size());
            for (EventRecord r : page) {
                from = r.seq();
                String t = runId != null ? tenant : feed.tenantOf(r.runId());
                if (tenant.equals(t)) batch.add(FeedEvent.of(r, t));
            }
            send(batch);
        }
    }

    /** Writes the events not sent yet, in order, as one chunk with one flush. */
    private void send(List<FeedEvent> events) throws IOException {
        var chunk = new StringBuilder();
        for (FeedEvent e : events) {
            if (e.seq() <= lastSent) continue;
            chunk.append(e.frame());
            lastSent = e.seq();
        }
        if (!chunk.isEmpty()) emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(chunk.toString(), FRAMES)));
    }
}
