package io.maestro.core.store;

import java.time.Instant;

/** Where a newest-first run listing stopped: the creation time and id of the last run returned. */
public record RunCursor(Instant createdAt, String runId) {

    public static RunCursor after(RunRecord last) {
        return new RunCursor(last.createdAt(), last.runId());
    }
}
