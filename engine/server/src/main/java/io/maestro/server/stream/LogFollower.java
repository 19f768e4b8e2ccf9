package io.maestro.server.stream;

import io.maestro.core.store.LogLine;
import io.maestro.core.store.RunStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one step's log for one client: reads the store after the last line sent, on a virtual
 * thread, every quarter second while lines come and every second when idle, until the client leaves.
 */
public final class LogFollower {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final RunStore store;
    private final String runId;
    private final String stepKey;
    private final SseEmitter emitter;
    private final Function<LogLine, ?> view;
    private volatile boolean open = true;
    private long after;

    private LogFollower(RunStore store, String runId, String stepKey, long after, SseEmitter emitter, Function<LogLine, ?> view) {
        this.view = view;
        this.store = store;
        this.runId = runId;
        this.stepKey = stepKey;
        this.after = after;
        this.emitter = emitter;
    }

    /** @param view what a line looks like on the wire (the API's log line record) */
    public static SseEmitter open(RunStore store, String runId, String stepKey, Long after, Function<LogLine, ?> view) {
        var emitter = new SseEmitter(0L);
        var f = new LogFollower(store, runId, stepKey, after == null ? 0 : after, emitter, view);
        emitter.onCompletion(() -> f.open = false);
        emitter.onTimeout(() -> f.open = false);
        emitter.onError(e -> f.open = false);
        try { // a first comment, so the response (and the client's "open") does not wait for the first line
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (java.io.IOException | IllegalStateException e) {
            f.open = false;
        }
        Thread.ofVirtual().name("log-" + runId).start(f::pump);
        return emitter;
    }

    private void pump() {
        long idleSince = System.nanoTime();
        try {
            while (open) {
                List<LogLine> lines = store.logs(runId, stepKey, after, 500);
                for (LogLine l : lines) {
                    emitter.send(SseEmitter.event().id(Long.toString(l.seq())).name("log")
                            .data(JSON.writeValueAsString(view.apply(l)), MediaType.APPLICATION_JSON));
                    after = l.seq();
                }
                if (!lines.isEmpty()) {
                    idleSince = System.nanoTime();
                    continue;
                }
                boolean idle = System.nanoTime() - idleSince > 5_000_000_000L;
                Thread.sleep(idle ? 1_000 : 250);
                if (idle && System.nanoTime() - idleSince > 15_000_000_000L) {
                    emitter.send(SseEmitter.event().comment("keepalive"));
                    idleSince = System.nanoTime() - 5_000_000_001L;
                }
            }
        } catch (IOException | IllegalStateException e) {
            open = false; // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            emitter.completeWithError(e);
        }
    }
}
