package io.maestro.bench;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.maestro.sandbox.CypherSandbox;
import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.SandboxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.AccessMode;
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
 * The sandbox's overhead over a raw driver call, on a real embedded Neo4j (10,000 Person nodes,
 * indexed id) and a real local OPA: {@code raw} is a READ-session query through the driver;
 * {@code sandboxed} is the same query through parse, policy (cached after the first), EXPLAIN and
 * the capped run. Target: overhead p50 under 10 ms. SampleTime, so JMH reports p50 / p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1g"})
public class SandboxOverheadBenchmark {
    static final String QUERY = "MATCH (p:Person {id: $id})-[:KNOWS]->(f:Person) RETURN f.name AS friend ORDER BY friend";

    private Path dir;
    private LocalOpa opa;
    private EmbeddedNeo4j neo4j;
    private Driver driver;
    private CypherSandbox sandbox;

    @Setup
    public void start() throws IOException {
        dir = Files.createTempDirectory("maestro-sandbox-bench");
        var metrics = new SimpleMeterRegistry();
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir.resolve("opa"), null, Duration.ofSeconds(30), metrics);
        neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"));
        var c = neo4j.connection();
        driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        try (var s = driver.session()) {
            s.run("CREATE INDEX person_id IF NOT EXISTS FOR (p:Person) ON (p.id)").consume();
            s.run("UNWIND range(1, 10000) AS i CREATE (:Person {id: 'p-' + i, name: 'person ' + i})").consume();
            s.run("MATCH (a:Person), (b:Person) WHERE b.id = 'p-' + ((toInteger(substring(a.id, 2)) % 10000) + 1) CREATE (a)-[:KNOWS]->(b)").consume();
            s.run("CALL db.awaitIndexes(60)").consume();
        }
        var policy = new CachingPolicyClient(new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics,
                OpenTelemetry.noop().getTracer("bench")), Duration.ofMinutes(10), 10_000, metrics);
        sandbox = new CypherSandbox(driver, policy, new SandboxSettings(1_000, Duration.ofSeconds(5), 1_000, 100_000, 10_000_000,
                1_000_000_000L, 5), metrics, attempt -> { });
    }

    static Map<String, Object> params() {
        return Map.of("id", "p-" + (1 + ThreadLocalRandom.current().nextInt(10_000)));
    }

    @Benchmark
    public Object raw() {
        try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> tx.run(QUERY, params()).list());
        }
    }

    @Benchmark
    public Object sandboxed() {
        return sandbox.run("acme", "bench", null, QUERY, params());
    }

    @TearDown
    public void stop() throws IOException {
        driver.close();
        neo4j.close();
        opa.close();
        io.maestro.core.os.LocalResources.deleteTree(dir);
    }
}
