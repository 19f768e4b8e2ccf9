package io.maestro.bench;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.maestro.nlcypher.Translation;
import io.maestro.nlcypher.Translators;
import io.maestro.sandbox.BlockedQueryException;
import io.maestro.sandbox.CypherSandbox;
import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.SandboxSettings;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/**
 * Analysts' questions on the 1-million-node sample graph, end to end: offline translation, then
 * the sandbox (policy, EXPLAIN cost preview, READ session with a 5 s timeout and a 1,000-row cap).
 * Each query runs once cold and five times warm. Usage:
 * {@code LargeGraphQueries <store-dir>} (the LARGE graph, seed 42, is loaded on first use and kept).
 */
public final class LargeGraphQueries {
    static final List<String> QUESTIONS = List.of(
            "How many people are in the graph?",
            "How many critical events are there?",
            "Show transactions over 250,000",
            "Who are the 10 riskiest people?",
            "Who owns account ACC-0000225?",
            "Who uses device DEV-0000770?",
            "Which accounts did ACC-0000225 send money to?",
            "How many transactions per channel?",
            "Average amount per currency",
            "Who knows the most people?",
            "Which organisation has the most employees?",
            "Devices used by more than one person",
            "Which people were seen in Paris?",
            "Organisations with no subsidiaries",
            "How many hops between PER-0000010 and PER-0000020?");

    private LargeGraphQueries() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LargeGraphQueries <store-dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        boolean loaded = Files.exists(dir.resolve("loaded"));
        var metrics = new SimpleMeterRegistry();
        try (var opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), Files.createTempDirectory("maestro-opa"), null,
                Duration.ofSeconds(30), metrics);
             var neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"), 1L << 30)) {
            var c = neo4j.connection();
            try (var driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()))) {
                if (!loaded) {
                    var report = SampleGraph.load(driver, "neo4j", Size.LARGE, 42);
                    System.out.println("# loaded LARGE in " + report.took().toSeconds() + " s");
                    Files.writeString(dir.resolve("loaded"), "LARGE 42\n");
                }
                long t0 = System.nanoTime();
                var translator = Translators.create(driver, "neo4j", Map.of());
                System.out.printf("# translator ready (schema and names read) in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                var policy = new CachingPolicyClient(new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics,
                        OpenTelemetry.noop().getTracer("bench")), Duration.ofMinutes(10), 10_000, metrics);
                var sandbox = new CypherSandbox(driver, policy, new SandboxSettings(1_000, Duration.ofSeconds(5), 1_000, 100_000, 10_000_000,
                        1_000_000, 1_000), metrics, attempt -> { });
                System.out.println("| question | translation | cost class (max est. rows) | rows | cold ms | warm median ms | warm max ms |");
                System.out.println("|---|---|---|---|---|---|---|");
                for (String q : QUESTIONS) System.out.println(row(q, translator.translate(q), sandbox));
            }
        }
    }

    private static String row(String q, Translation t, CypherSandbox sandbox) {
        String head = "| " + q + " | " + t.status().name().toLowerCase() + (t.best() == null ? "" : " " + t.best().intent()) + " | ";
        if (t.best() == null) return head + "– | – | – | – | – |";
        long[] warm = new long[5];
        CypherSandbox.QueryResult result;
        long cold;
        try {
            long s = System.nanoTime();
            result = sandbox.run("bench", "bench", "neo4j", t.best().cypher(), t.best().parameters());
            cold = System.nanoTime() - s;
            for (int i = 0; i < warm.length; i++) {
                s = System.nanoTime();
                sandbox.run("bench", "bench", "neo4j", t.best().cypher(), t.best().parameters());
                warm[i] = System.nanoTime() - s;
            }
        } catch (BlockedQueryException e) {
            return head + "refused: " + e.rule() + " | – | – | – | – |";
        } catch (CypherSandbox.QueryFailedException e) {
            return head + "failed: " + e.getMessage().lines().findFirst().orElse("") + " | – | – | – | – |";
        }
        Arrays.sort(warm);
        return head + String.format("%s (%,.0f) | %d%s | %.0f | %.1f | %.1f |", result.cost().costClass().name().toLowerCase(),
                result.cost().maxEstimatedRows(), result.rows().size(), result.truncated() ? " (capped)" : "", cold / 1e6, warm[2] / 1e6, warm[4] / 1e6);
    }
}
