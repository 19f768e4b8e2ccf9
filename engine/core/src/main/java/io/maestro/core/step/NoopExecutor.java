package io.maestro.core.step;

import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code uses: noop}: does nothing; {@code with.outputs} (a map) becomes its outputs. For joins and tests. */
public final class NoopExecutor implements StepExecutor {
    @Override
    public String type() {
        return "noop";
    }

    @Override
    public StepResult execute(StepContext ctx) {
        if (ctx.inputs().get("outputs") instanceof Map<?, ?> given) {
            var outputs = new LinkedHashMap<String, String>();
            given.forEach((k, v) -> outputs.put(String.valueOf(k), String.valueOf(v)));
            return StepResult.of(outputs);
        }
        return StepResult.of(Map.of());
    }
}
