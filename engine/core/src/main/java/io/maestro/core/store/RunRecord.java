package io.maestro.core.store;

import io.maestro.api.event.RunStatus;
import java.time.Instant;
import java.util.Map;

public record RunRecord(String runId, String tenant, String pipeline, String specPath, String specText,
                        Map<String, Object> params, RunStatus status, String reason, String traceId,
                        String owner, Instant heartbeatAt, Instant createdAt, Instant startedAt, Instant finishedAt,
                        String region) {
}
