package io.maestro.api.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a successful attempt returns: outputs for later steps' templates, and artifact files. */
public record StepResult(Map<String, String> outputs, List<Path> artifacts) {
    public StepResult {
        outputs = Map.copyOf(outputs);
        artifacts = List.copyOf(artifacts);
    }

    public static StepResult of(Map<String, String> outputs) {
        return new StepResult(outputs, List.of());
    }
}
