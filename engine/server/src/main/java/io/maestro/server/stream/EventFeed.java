package io.maestro.server.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maestro.core.store.EventRecord;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the run store's event log (all runs, all conductors sharing the store) with one query per
 * tick, however many clients listen, and hands each new event to the subscriptions that want it.
 * Sequence numbers may commit out of order when several processes write: a gap is held back until
 * it fills, or skipped after {@code gapWait} (a rolled-back insert leaves a gap forever).
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    private static final int BATCH = 2_000;
    private final RunStore store;
    private final Duration tick;
    private final Duration gapWait;
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final Cache<String, String> tenants = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Thread tailer;
    private volatile boolean closed;
    private long delivered;
    private long gapSince = -1;

    public EventFeed(RunStore store, Duration tick, Duration gapWait, MeterRegistry metrics) {
        this.store = store;
        this.tick = tick;
        this.gapWait = gapWait;
        this.delivered = store.lastEventSeq();
        Gauge.builder("maestro.sse.subscribers", subscriptions, Set::size)
                .description("clients following run events over server-sent events").register(metrics);
        this.tailer = Thread.ofPlatform().daemon().name("maestro-event-feed").start(this::tail);
    }

    /** The newest sequence number handed to subscribers; a new subscriber's backlog ends here or later. */
    public synchronized long position() {
        return delivered;
    }

    void add(Subscription s) {
        subscriptions.add(s);
    }

    void remove(Subscription s) {
        subscriptions.remove(s);
    }

    /** The tenant of a run, cached; null when the run does not exist. */
    public String tenantOf(String runId) {
        return tenants.get(runId, id -> store.findRun(id).map(RunRecord::tenant).orElse(null));
    }

    private void tail() {
        while (!closed) {
            try {
                if (!poll()) Thread.sleep(tick.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("event feed cannot read the run store: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** @return true when a full batch was read (more may be waiting) */
    private boolean poll() {
        long from;
        synchronized (this) {
            from = delivered;
        }
        List<EventRecord> page = store.eventsAfter(from, BATCH);
        long next = from;
        for (EventRecord e : page) {
            if (e.seq() != next + 1) {
                long now = System.nanoTime();
                if (gapSince < 0) gapSince = now;
                if (now - gapSince < gapWait.toNanos()) break; // wait for the missing sequence numbers
                log.debug("skipping event sequence gap {}..{}", next + 1, e.seq() - 1);
            }
            gapSince = -1;
            if (!subscriptions.isEmpty()) {
                var event = FeedEvent.of(e, tenantOf(e.runId()));
                for (Subscription s : subscriptions) s.offer(event);
            }
            next = e.seq();
        }
        synchronized (this) {
            delivered = next;
        }
        return page.size() == BATCH && next > from;
    }

    @Override
    public void close() {
        closed = true;
        tailer.interrupt();
        subscriptions.forEach(Subscription::close);
    }
}
