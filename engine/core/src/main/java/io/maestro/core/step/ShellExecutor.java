package io.maestro.core.step;

import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepFailure;
import io.maestro.api.step.StepResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code uses: shell}: runs {@code with.run} through {@code /bin/sh -c} in the run workspace, with
 * {@code with.env} added to the step environment. Output lines go to the step log; {@code key=value}
 * lines the script appends to {@code $MAESTRO_OUTPUTS} become the step's outputs; files matching the
 * workspace-relative globs in {@code with.artifacts} are reported as artifacts.
 */
public final class ShellExecutor implements StepExecutor {

    @Override
    public String type() {
        return "shell";
    }

    @Override
    public StepResult execute(StepContext ctx) throws Exception {
        Object run = ctx.inputs().get("run");
        if (!(run instanceof String script)) throw new StepFailure("with.run must be a string", false);
        Files.createDirectories(ctx.outputsFile().getParent());
        Files.deleteIfExists(ctx.outputsFile());
        var pb = new ProcessBuilder(command(script))
                .directory(ctx.workspace().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(ctx.environment());
        if (ctx.inputs().get("env") instanceof Map<?, ?> env) {
            env.forEach((k, v) -> pb.environment().put(String.valueOf(k), String.valueOf(v)));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new StepFailure("cannot start /bin/sh: " + e.getMessage(), false);
        }
        ctx.cancellation().onCancel(() -> ProcessTree.kill(process.toHandle()));
        Thread out = pump(process.getInputStream(), ctx.log()::stdout);
        Thread err = pump(process.getErrorStream(), ctx.log()::stderr);
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle());
            ProcessTree.killSession(process.pid());
            throw e;
        }
        // whatever the script left running in its session (it ran under setsid) goes with it: a
        // background process may have redirected its output, so closed pipes prove nothing
        if (SETSID) ProcessTree.killSession(process.pid());
        if (!joined(out, err, 2_000)) ProcessTree.killSession(process.pid());
        if (ctx.cancellation().isCancelled()) throw new InterruptedException("cancelled");
        if (exit != 0) throw new StepFailure("exit code " + exit);
        return new StepResult(OutputsFile.read(ctx.outputsFile()), Artifacts.match(ctx.workspace(), ctx.inputs().get("artifacts")));
    }

    /**
     * The step runs in a session of its own, so a Ctrl-C on the terminal reaches Maestro only; the
     * conductor then kills each step's process tree and records it as cancelled (not failed).
     */
    static List<String> command(String script) {
        return SETSID ? List.of("/usr/bin/setsid", "/bin/sh", "-c", script) : List.of("/bin/sh", "-c", script);
    }

    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"));

    private static boolean joined(Thread out, Thread err, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        out.join(Math.max(1, deadline - System.currentTimeMillis()));
        err.join(Math.max(1, deadline - System.currentTimeMillis()));
        return !out.isAlive() && !err.isAlive();
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
        return Thread.ofVirtual().start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) sink.accept(line);
            } catch (IOException ignored) {
                // the process was killed; whatever was read is logged
            }
        });
    }
}
