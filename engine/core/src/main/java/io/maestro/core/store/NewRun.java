package io.maestro.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as submitted: its spec text (so it can be resumed anywhere), params and planned steps, and
 * its region (where its workspace, logs and artifacts are kept; null when nobody said).
 */
public record NewRun(String runId, String tenant, String pipeline, String specPath, String specText,
                     Map<String, Object> params, String traceId, String owner, Instant createdAt,
                     List<PlannedStepRow> steps, String region) {

    public record PlannedStepRow(String stepId, String uses) { }
}
