package io.maestro.core.run;

import io.maestro.api.event.StepStatus;
import java.util.Map;

/** What the scheduler knows of one step instance; replaced, never mutated. */
record StepState(StepStatus status, int attempts, Map<String, String> outputs, String reason) {
    static final StepState PENDING = new StepState(StepStatus.PENDING, 0, Map.of(), null);
}
