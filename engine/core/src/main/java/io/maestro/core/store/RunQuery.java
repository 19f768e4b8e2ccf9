package io.maestro.core.store;

import io.maestro.api.event.RunStatus;
import java.time.Instant;

/**
 * Filters for listing runs, newest first; null fields do not filter. {@code since} is inclusive,
 * {@code until} exclusive, both on the creation time; {@code after} continues a listing past the
 * last run of the previous page.
 */
public record RunQuery(String tenant, String pipeline, RunStatus status, Instant since, Instant until,
                       RunCursor after, int limit) {

    public RunQuery(String tenant, String pipeline, RunStatus status, int limit) {
        this(tenant, pipeline, status, null, null, null, limit);
    }

    public static RunQuery latest(int limit) {
        return new RunQuery(null, null, null, limit);
    }
}
