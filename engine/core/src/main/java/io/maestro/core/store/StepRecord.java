package io.maestro.core.store;

import io.maestro.api.event.StepStatus;
import java.time.Instant;
import java.util.Map;

public record StepRecord(String runId, String stepId, String uses, StepStatus status, int attempts, String reason,
                         Map<String, String> outputs, Instant startedAt, Instant finishedAt, Long durationMillis) {
}
