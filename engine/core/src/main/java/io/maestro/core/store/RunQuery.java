package io.maestro.core.store;

import io.maestro.api.event.RunStatus;

/** Filters for listing runs, newest first; null fields do not filter. */
public record RunQuery(String tenant, String pipeline, RunStatus status, int limit) {
    public static RunQuery latest(int limit) {
        return new RunQuery(null, null, null, limit);
    }
}
