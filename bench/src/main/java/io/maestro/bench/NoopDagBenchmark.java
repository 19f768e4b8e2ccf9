package io.maestro.bench;

import io.maestro.api.event.RunStatus;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scheduler overhead: one whole run of a 10,000-step {@code noop} DAG (100 levels × 100 steps, each
 * needing 1–3 steps of the level before, {@code concurrency: 64}) through the real conductor. The
 * figure is the time from {@code Conductor.start} to the run's end with its records flushed, so it
 * includes planning, recording the run and every step event; divide by 10,000 for µs per step.
 * {@code store=FILE} is the embedded H2 file store {@code maestro run} uses; {@code store=MEM} is
 * in-memory H2, which takes the file I/O out and leaves scheduling plus the SQL work; {@code store=NONE}
 * discards every record ({@link DiscardingRunStore}), which leaves the scheduling alone. The secondary
 * figure {@code cpuMs} is the CPU time the whole JVM used during the run (all threads: scheduler,
 * steps, store writer, JIT, GC). JMH's summary line shows its sum over the measurement iterations;
 * the per-run mean is the {@code avg} of the "(min, avg, max)" line above it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class NoopDagBenchmark {
    static final int LEVELS = 100;
    static final int WIDTH = 100;

    @Param({"FILE", "MEM", "NONE"})
    public StoreKind store;

    private PipelineSpec spec;
    private Path homes;
    private int iteration;
    private BenchConductor conductor;

    @Setup(Level.Trial)
    public void parse() throws IOException {
        spec = new SpecParser().parse("gen.yaml", GeneratedSpecs.layeredNoop(LEVELS, WIDTH, 64));
        if (spec.steps().size() != LEVELS * WIDTH) throw new IllegalStateException("spec has " + spec.steps().size() + " steps");
        homes = Files.createTempDirectory("maestro-bench-noop-");
    }

    /**
     * A fresh store per iteration, so every measured run writes into a store of the same size. The
     * homes (20,000 step directories each) are deleted only after the last iteration.
     */
    @Setup(Level.Iteration)
    public void open() throws IOException {
        conductor = new BenchConductor(store, Files.createDirectory(homes.resolve("iteration-" + ++iteration)));
    }

    @TearDown(Level.Iteration)
    public void close() {
        conductor.close();
    }

    @TearDown(Level.Trial)
    public void deleteHomes() {
        BenchConductor.deleteTree(homes);
    }

    /** CPU time of the JVM during one measured run, reported beside the wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        public double cpuMs;

        @Setup(Level.Iteration)
        public void reset() {
            cpuMs = 0;
        }

        static long now() {
            return OS.getProcessCpuTime();
        }
    }

    @Benchmark
    public RunStatus run10kNoopSteps(Cpu cpu) {
        long before = Cpu.now();
        RunStatus status = conductor.runToSuccess(spec);
        cpu.cpuMs += (Cpu.now() - before) / 1e6;
        return status;
    }
}
