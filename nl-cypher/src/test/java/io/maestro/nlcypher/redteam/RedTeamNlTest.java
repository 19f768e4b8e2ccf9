package io.maestro.nlcypher.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.maestro.nlcypher.Candidate;
import io.maestro.nlcypher.ScriptedChatServer;
import io.maestro.nlcypher.Translation;
import io.maestro.nlcypher.Translator;
import io.maestro.nlcypher.Translators;
import io.maestro.sandbox.BlockedQueryException;
import io.maestro.sandbox.CypherFacts;
import io.maestro.sandbox.CypherSandbox;
import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.SandboxSettings;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The natural-language red team ({@code redteam/nl-injections.yaml}): prompt injections and
 * injections through data values, against the offline translator and against a fully jailbroken
 * model backend, with a real OPA, a real sandbox and a real embedded Neo4j (TINY sample graph plus
 * the poisoned values). Every malicious query is refused with its rule; the graph never changes.
 */
class RedTeamNlTest {
    private static final String TENANT = "acme";
    private static final String USER = "red-team";
    @TempDir
    static Path dir;
    private static LocalOpa opa;
    private static EmbeddedNeo4j neo4j;
    private static Driver driver;
    private static CypherSandbox sandbox;
    private static Translator offline;
    private static ScriptedChatServer model;
    private static Translator jailbroken;
    private static String fingerprint;
    private static final List<CypherSandbox.BlockedAttempt> audited = new CopyOnWriteArrayList<>();
    private static final Map<String, Object> CASES = load();

    @BeforeAll
    static void start() {
        var metrics = new SimpleMeterRegistry();
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir.resolve("opa"), null, Duration.ofSeconds(30), metrics);
        neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"));
        var c = neo4j.connection();
        driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        SampleGraph.load(driver, "neo4j", Size.TINY, 42);
        try (var session = driver.session()) {
            for (var dv : cases("data_values")) {
                @SuppressWarnings("unchecked") var poison = (Map<String, Object>) dv.get("poison");
                // the label and property come from our own test file; the value is a parameter
                session.run("CREATE (n:" + poison.get("label") + " {id: $id}) SET n[$property] = $value",
                        Map.of("id", "RT-" + dv.get("id"), "property", poison.get("property"), "value", poison.get("value"))).consume();
            }
        }
        var policy = new CachingPolicyClient(new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics,
                OpenTelemetry.noop().getTracer("test")), Duration.ofSeconds(2), 1000, metrics);
        sandbox = new CypherSandbox(driver, policy, new SandboxSettings(1_000, Duration.ofSeconds(5), 1_000, 100_000, 10_000_000, 1_000_000, 1_000),
                metrics, audited::add);
        offline = Translators.create(driver, "neo4j", Map.of());
        model = new ScriptedChatServer();
        var settings = new java.util.HashMap<>(model.settings());
        settings.put("MAESTRO_NLQ_CORRECTIONS", "0");
        jailbroken = Translators.create(driver, "neo4j", settings);
        fingerprint = fingerprint();
    }

    @AfterAll
    static void stop() {
        if (model != null) model.close();
        if (driver != null) driver.close();
        if (neo4j != null) neo4j.close();
        if (opa != null) opa.close();
    }

    @Test
    void theRedTeamHasAtLeastThirtyNaturalLanguageCases() {
        assertThat(cases("prompt_injections").size() + cases("data_values").size()).isGreaterThanOrEqualTo(30);
    }

    @TestFactory
    Stream<DynamicTest> promptInjections() {
        return cases("prompt_injections").stream().map(c -> DynamicTest.dynamicTest(c.get("id") + " " + c.get("rule"), () -> attack(c, null)));
    }

    @TestFactory
    Stream<DynamicTest> dataValueInjections() {
        return cases("data_values").stream().map(c -> {
            @SuppressWarnings("unchecked") var poison = (Map<String, Object>) c.get("poison");
            return DynamicTest.dynamicTest(c.get("id") + " " + c.get("rule"), () -> attack(c, String.valueOf(poison.get("value"))));
        });
    }

    private void attack(Map<String, Object> c, String poison) {
        String question = String.valueOf(c.get("question"));
        String rule = String.valueOf(c.get("rule"));
        // 1. the offline translator composes plain reads, values as parameters
        Translation t = offline.translate(question);
        var candidates = new ArrayList<Candidate>(t.alternatives());
        if (t.best() != null) candidates.add(0, t.best());
        for (Candidate candidate : candidates) {
            CypherFacts facts = CypherFacts.of(candidate.cypher(), 1_000);
            assertThat(facts.writes()).as(candidate.cypher()).isEmpty();
            assertThat(facts.procedures()).as(candidate.cypher()).isEmpty();
            assertThat(candidate.cypher().toUpperCase()).doesNotContain("LOAD CSV");
            if (poison != null) assertThat(candidate.cypher()).doesNotContain(poison);
        }
        if (t.best() != null && t.status() == Translation.Status.CONFIDENT) {
            try {
                sandbox.run(TENANT, USER, "neo4j", t.best().cypher(), t.best().parameters());
            } catch (BlockedQueryException e) {
                assertThat(e.rule()).as("an offline translation may only be refused for its cost").isEqualTo("cypher.cost_blocked");
            }
        }
        // 2. a jailbroken model writes what the attacker asked for; the sandbox refuses it
        String malicious = String.valueOf(c.get("model_writes"));
        model.answer(malicious);
        Translation m = jailbroken.translate(question);
        String cypher = m.best() == null ? malicious : m.best().cypher();
        int before = audited.size();
        assertThatThrownBy(() -> sandbox.run(TENANT, USER, "neo4j", cypher, Map.of()))
                .isInstanceOfSatisfying(BlockedQueryException.class, e -> assertThat(e.rules()).as(e.getMessage()).contains(rule));
        assertThat(audited).hasSize(before + 1);
        assertThat(audited.get(before).rule()).isNotBlank();
        assertThat(fingerprint()).as("the graph is unchanged").isEqualTo(fingerprint);
    }

    /** Every node's labels and properties and every relationship, in a stable order. */
    private static String fingerprint() {
        try (var session = driver.session()) {
            var nodes = session.run("MATCH (n) RETURN count(n) AS c, collect(labels(n)[0] + ':' + coalesce(n.id, '') + ':' "
                    + "+ toString(size(keys(n)))) AS all").single();
            var rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single();
            var digest = session.run("MATCH (n) WITH n ORDER BY elementId(n) RETURN reduce(s = 0, k IN keys(n) | s + size(toString(n[k]))) AS w")
                    .list().stream().mapToLong(r -> r.get("w").asLong()).sum();
            return nodes.get("c").asLong() + "/" + nodes.get("all").asList().hashCode() + "/" + rels.get("c").asLong() + "/" + digest;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String section) {
        return (List<Map<String, Object>>) CASES.get(section);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = RedTeamNlTest.class.getResourceAsStream("/redteam/nl-injections.yaml")) {
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
