package io.maestro.core.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code key=value} lines a step appended to {@code $MAESTRO_OUTPUTS}; later keys win. */
public final class OutputsFile {
    public static final int MAX_BYTES = 1024 * 1024;

    private OutputsFile() { }

    public static Map<String, String> read(Path file) throws IOException, io.maestro.api.step.StepFailure {
        var outputs = new LinkedHashMap<String, String>();
        if (!Files.exists(file)) return outputs;
        if (Files.size(file) > MAX_BYTES) {
            throw new io.maestro.api.step.StepFailure("outputs file is over " + MAX_BYTES + " bytes", false);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new io.maestro.api.step.StepFailure("outputs line '" + line + "' is not key=value", false);
            }
            outputs.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return outputs;
    }
}
