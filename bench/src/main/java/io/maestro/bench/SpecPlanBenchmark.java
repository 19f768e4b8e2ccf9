package io.maestro.bench;

import io.maestro.core.plan.Planner;
import io.maestro.core.plan.RunPlan;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecParser;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validate and plan a generated spec text of {@code steps} steps (100 per level, the same shape as
 * {@link NoopDagBenchmark}): {@link #parseAndPlan} is what {@code maestro validate}/{@code plan} do
 * before any step runs; {@link #parse} (YAML, JSON Schema, binding, checks) and {@link #plan}
 * (JGraphT DAG, levels, critical path) split it. The 1,000-step size shows how the cost grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class SpecPlanBenchmark {
    @Param({"1000", "10000"})
    public int steps;

    private final SpecParser parser = new SpecParser();
    private final Planner planner = new Planner();
    private String text;
    private PipelineSpec parsed;

    @Setup(Level.Trial)
    public void generate() {
        text = GeneratedSpecs.layeredNoop(steps / NoopDagBenchmark.WIDTH, NoopDagBenchmark.WIDTH, 64);
        parsed = parser.parse("gen.yaml", text);
    }

    @Benchmark
    public RunPlan parseAndPlan() {
        return planner.plan(parser.parse("gen.yaml", text));
    }

    @Benchmark
    public PipelineSpec parse() {
        return parser.parse("gen.yaml", text);
    }

    @Benchmark
    public RunPlan plan() {
        return planner.plan(parsed);
    }
}
