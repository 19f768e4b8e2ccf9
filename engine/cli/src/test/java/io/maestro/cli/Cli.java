package io.maestro.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real {@code maestro} command in-process with captured output and its own MAESTRO_HOME. */
final class Cli {
    record Result(int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        String runId() {
            var m = java.util.regex.Pattern.compile("^run (\\S+) (started|resumed)").matcher(firstLine());
            if (!m.find()) throw new AssertionError("no run id in: " + out + err);
            return m.group(1);
        }
    }

    private final Map<String, String> env = new HashMap<>();

    Cli(Path home) {
        env.put("MAESTRO_HOME", home.toString());
    }

    Cli with(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** A copy with one more variable; this one is unchanged. */
    Cli and(String key, String value) {
        var copy = new Cli(Path.of(env.get("MAESTRO_HOME")));
        copy.env.putAll(env);
        copy.env.put(key, value);
        return copy;
    }

    Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = MaestroCommand.execute(Map.copyOf(env), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static Path spec(String name) {
        return Path.of("../../dag-specs", name).toAbsolutePath().normalize();
    }
}
