package io.maestro.bench;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization decision ({@code data.maestro.authz.decision}) through the policy client, from
 * a real local OPA serving the shipped policies: {@code cold} misses the cache every time (a new
 * subject each call, so OPA evaluates over loopback HTTP), {@code warm} is answered by the cache.
 * SampleTime mode, so JMH reports p50 / p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class PolicyDecisionBenchmark {
    static final String PATH = "maestro/authz/decision";

    private Path dir;
    private LocalOpa opa;
    private CachingPolicyClient client;
    private final AtomicLong subjects = new AtomicLong();
    private Map<String, Object> warmInput;

    @Setup
    public void start() throws IOException {
        dir = Files.createTempDirectory("maestro-policy-bench");
        var metrics = new SimpleMeterRegistry();
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir, null, Duration.ofSeconds(30), metrics);
        var direct = new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics, OpenTelemetry.noop().getTracer("bench"));
        client = new CachingPolicyClient(direct, Duration.ofMinutes(10), 100_000, metrics);
        warmInput = input("tok_warm");
        if (!client.evaluate(PATH, warmInput).allowed()) throw new IllegalStateException("operator run:resume should be allowed");
    }

    static Map<String, Object> input(String subjectId) {
        return Map.of("subject", Map.of("tenant", "acme", "role", "operator", "id", subjectId),
                "action", "run:resume", "resource", Map.of("kind", "run", "tenant", "acme"));
    }

    @Benchmark
    public PolicyAnswer cold() {
        return client.evaluate(PATH, input("tok_" + subjects.incrementAndGet()));
    }

    @Benchmark
    public PolicyAnswer warm() {
        return client.evaluate(PATH, warmInput);
    }

    @TearDown
    public void stop() throws IOException {
        opa.close();
        io.maestro.core.os.LocalResources.deleteTree(dir);
    }
}
