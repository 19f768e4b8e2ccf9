package io.maestro.core.plan;

import io.maestro.core.spec.StepSpec;
import java.util.List;
import java.util.Map;

/**
 * One step instance of a run: a spec step, or one matrix combination of it ({@code test[jdk=21]}).
 * {@code needs} are instance keys: a step that needs a matrix step waits for all its instances.
 */
public record PlannedStep(String key, StepSpec spec, Map<String, Object> matrix, List<String> needs) {

    public String stepId() {
        return spec.id();
    }
}
