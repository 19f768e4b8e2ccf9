package io.maestro.bench;

import io.maestro.api.event.RunStatus;
import io.maestro.api.event.TraceContext;
import io.maestro.api.step.Cancellation;
import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepLog;
import io.maestro.api.step.StepResult;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.ShellExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@code shell} step costs over the process it runs. {@link #bareShell} is the floor: fork
 * and wait for {@code /bin/sh -c true}; {@link #bareSetsidShell} is the same through
 * {@code /usr/bin/setsid}, which the {@code shell} step type puts in front of the shell when it
 * exists. {@link #shellExecutor} is the step type alone (environment, outputs file, output pumps),
 * {@link #oneStepRun} a whole 1-step run through the conductor, {@link #chainOf100} the per-step
 * time inside a 100-step chain of {@code true} steps; both with each {@link StoreKind}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class ShellStepBenchmark {
    static final int CHAIN = 100;

    @State(Scope.Benchmark)
    public static class Conducted {
        @Param({"FILE", "MEM", "NONE"})
        public StoreKind store;

        PipelineSpec oneStep;
        PipelineSpec chain;
        BenchConductor conductor;

        @Setup(Level.Trial)
        public void open() {
            var parser = new SpecParser();
            oneStep = parser.parse("one.yaml", GeneratedSpecs.shellChain(1));
            chain = parser.parse("chain.yaml", GeneratedSpecs.shellChain(CHAIN));
            conductor = new BenchConductor(store);
        }

        @TearDown(Level.Trial)
        public void close() {
            conductor.close();
        }
    }

    /** The {@code shell} executor given what the conductor would give it, minus the conductor. */
    @State(Scope.Benchmark)
    public static class Direct implements StepContext, StepLog, Cancellation {
        final ShellExecutor executor = new ShellExecutor();
        Path workspace;
        Path outputs;
        Map<String, String> environment;

        @Setup(Level.Trial)
        public void open() throws IOException {
            workspace = Files.createTempDirectory("maestro-bench-shell-");
            outputs = workspace.resolve("outputs");
            var trace = trace();
            environment = Map.of("MAESTRO_RUN_ID", runId(), "MAESTRO_STEP_ID", stepId(), "MAESTRO_ATTEMPT", "1",
                    "MAESTRO_OUTPUTS", outputs.toString(), "MAESTRO_WORKSPACE", workspace.toString(),
                    "MAESTRO_TENANT", tenant(), "MAESTRO_PIPELINE", "bench-shell", "TRACEPARENT", trace.traceparent());
        }

        @TearDown(Level.Trial)
        public void close() {
            BenchConductor.deleteTree(workspace);
        }

        @Override public String tenant() { return "default"; }
        @Override public String runId() { return "0190c2f4-0000-7000-8000-000000000000"; }
        @Override public String stepId() { return "sh0"; }
        @Override public int attempt() { return 1; }
        @Override public Map<String, Object> inputs() { return Map.of("run", "true"); }
        @Override public Path workspace() { return workspace; }
        @Override public Path outputsFile() { return outputs; }
        @Override public Map<String, String> environment() { return environment; }
        @Override public TraceContext trace() { return new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"); }
        @Override public StepLog log() { return this; }
        @Override public Cancellation cancellation() { return this; }
        @Override public void stdout(String line) { }
        @Override public void stderr(String line) { }
        @Override public boolean isCancelled() { return false; }
        @Override public void onCancel(Runnable action) { }
    }

    @Benchmark
    public int bareShell() throws Exception {
        int exit = new ProcessBuilder("/bin/sh", "-c", "true").start().waitFor();
        if (exit != 0) throw new IllegalStateException("/bin/sh -c true exited " + exit);
        return exit;
    }

    @Benchmark
    public int bareSetsidShell() throws Exception {
        int exit = new ProcessBuilder("/usr/bin/setsid", "/bin/sh", "-c", "true").start().waitFor();
        if (exit != 0) throw new IllegalStateException("setsid /bin/sh -c true exited " + exit);
        return exit;
    }

    @Benchmark
    public StepResult shellExecutor(Direct direct) throws Exception {
        return direct.executor.execute(direct);
    }

    @Benchmark
    public RunStatus oneStepRun(Conducted c) {
        return c.conductor.runToSuccess(c.oneStep);
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public RunStatus chainOf100(Conducted c) {
        return c.conductor.runToSuccess(c.chain);
    }
}
