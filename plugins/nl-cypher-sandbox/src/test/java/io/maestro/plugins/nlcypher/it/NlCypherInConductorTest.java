package io.maestro.plugins.nlcypher.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.http.PluginResponse;
import io.maestro.testkit.MaestroTestKit;
import io.maestro.testkit.PluginBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded by a real conductor's plugin host (its own class loader, the host-provided sandbox
 * and Neo4j, the host's real OPA through {@code PluginContext.policy()}): the {@code cypher} step type
 * in real runs, the routes through the host, and a hot reload.
 */
class NlCypherInConductorTest {
    static final String REQUIRES = ">=1.1.0 & <2.0.0";
    static final Map<String, String> ENV = Map.of("MAESTRO_PLUGIN_NL_CYPHER_SAMPLE", "tiny",
            "MAESTRO_PLUGIN_NL_CYPHER_PAGE_CACHE_MB", "16", "MAESTRO_PLUGIN_NL_CYPHER_ROW_CAP", "50");

    @TempDir static Path home;
    static MaestroTestKit maestro;

    static Path pluginJar(String version) throws Exception {
        return PluginBundle.fromClasses(Path.of("target/classes"), "nl-cypher", version, REQUIRES,
                Map.of("Plugin-Class", "io.maestro.plugins.nlcypher.NlCypherPlugin"));
    }

    @BeforeAll
    static void start() throws Exception {
        maestro = MaestroTestKit.start(home, ENV);
        maestro.install(pluginJar("0.1.0"));
    }

    @AfterAll
    static void stop() {
        if (maestro != null) maestro.close();
    }

    @Test
    void theExamplePipelinesGraphChecksPassOnTheSampleGraph() throws Exception {
        var run = maestro.run(Files.readString(Path.of("../../dag-specs/graph-checks.yaml")));

        assertThat(run.status()).as(run.reason() + " " + run.steps()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.step("accounts-have-owners").outputs()).containsEntry("rows", "0").containsEntry("truncated", "false");
        assertThat(Integer.parseInt(run.step("shared-devices").outputs().get("rows"))).isPositive();
        assertThat(maestro.logs(run.runId(), "shared-devices")).first().asString().startsWith("cypher: ").contains(" rows in ")
                .contains("expected: rows >= 1");
        assertThat(maestro.logs(run.runId(), "shared-devices")).anySatisfy(l -> assertThat(l).contains("\"device\":\"DEV-"));
        assertThat(maestro.logs(run.runId(), "report")).anySatisfy(l -> assertThat(l).contains("graph checks passed: "));
    }

    @Test
    void aBrokenExpectationABlockedQueryAndBadInputEachFailTheirStepSayingWhy() throws Exception {
        var run = maestro.run("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: bad-checks, tenant: intelgraph}
                steps:
                  - {id: expects-none, uses: cypher, with: {query: "MATCH (p:Person) RETURN p.id LIMIT 3", expect: {rows: 0}}}
                  - {id: too-few, uses: cypher, with: {query: "MATCH (p:Person) RETURN p.id LIMIT 3", expect: {min_rows: 4}}}
                  - {id: writes, uses: cypher, with: {query: "MATCH (a:Account) SET a.balance = 0 RETURN a"}}
                  - {id: typo, uses: cypher, with: {qeury: "RETURN 1"}}
                  - {id: over-cap, uses: cypher, with: {query: "RETURN 1", expect: {max_rows: 1000}}}
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.step("expects-none").status()).isEqualTo(StepStatus.FAILED);
        assertThat(run.step("expects-none").reason()).contains("graph check failed: expected 0 rows (expect.rows), got 3");
        assertThat(maestro.logs(run.runId(), "expects-none")).first().asString().startsWith("cypher: 3 rows in ");
        assertThat(run.step("too-few").reason()).contains("expected at least 4 rows (expect.min_rows), got 3");
        assertThat(run.step("writes").reason()).contains("the sandbox refused the query (rule cypher.write)");
        assertThat(run.step("writes").attempts()).as("a refusal is not retried").isEqualTo(1);
        assertThat(run.step("typo").reason()).contains("with.qeury is not an input of a cypher step");
        assertThat(run.step("over-cap").reason()).contains("with.expect.max_rows is 1000, above the sandbox's row cap (50)");
        assertThat(maestro.audited()).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("cypher.query");
            assertThat(a.outcome()).isEqualTo("denied");
            assertThat(a.tenant()).isEqualTo("intelgraph");
            assertThat(a.runId()).isEqualTo(run.runId());
            assertThat(a.actorType()).isEqualTo("service");
            assertThat(a.details()).containsEntry("rule", "cypher.write").containsEntry("surface", "step");
        });
        var count = maestro.run("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: unchanged, tenant: intelgraph}
                steps: [{id: zeroed, uses: cypher, with: {query: "MATCH (a:Account) WHERE a.balance = 0 RETURN a.id"}}]
                """);
        assertThat(count.step("zeroed").outputs()).as("the write never ran").containsEntry("rows", "0");
    }

    @Test
    void theRoutesAnswerThroughTheHostAndTheHistorySurvivesAHotReload() throws Exception {
        PluginResponse ran = maestro.call("nl-cypher", "POST", "/run", "acme", "token:ana",
                "{\"cypher\": \"MATCH (p:Person) RETURN count(p) AS people\", \"question\": \"how many people?\"}");
        assertThat(ran.status()).as(text(ran)).isEqualTo(200);
        assertThat(text(ran)).contains("\"columns\":[\"people\"]").contains("\"rows\":[{\"people\":80}]");
        PluginResponse translate = maestro.call("nl-cypher", "POST", "/translate", "acme", "token:ana",
                "{\"question\": \"who owns account ACC-0000001?\"}");
        // the real offline translator (io.maestro.nlcypher.Translators, host-provided) over the tenant's sample graph
        assertThat(translate.status()).as(text(translate)).isEqualTo(200);
        assertThat(text(translate)).contains("\"backend\":\"offline\"").contains("OWNS");

        Path installed = maestro.pluginsDir().resolve("nl-cypher-0.1.0.jar");
        Path tmp = maestro.pluginsDir().resolve(".upgrade.tmp");
        Files.copy(pluginJar("0.2.0"), tmp);
        Files.move(tmp, installed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(maestro.syncPlugins()).isEmpty();
        assertThat(maestro.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("0.2.0"));

        PluginResponse history = maestro.call("nl-cypher", "GET", "/history", "acme", "token:ana", null);
        assertThat(text(history)).contains("\"question\":\"how many people?\"").contains("\"status\":\"RAN\"");
        PluginResponse again = maestro.call("nl-cypher", "POST", "/run", "acme", "token:ana",
                "{\"cypher\": \"MATCH (a:Account) RETURN count(a) AS accounts\"}");
        assertThat(again.status()).as("the new version reopens the tenant's graph: " + text(again)).isEqualTo(200);
        assertThat(text(maestro.call("nl-cypher", "GET", "/history?limit=1", "acme", "token:ana", null)))
                .contains("count(a) AS accounts").doesNotContain("how many people?");
        assertThat(text(maestro.call("nl-cypher", "GET", "/history", "globex", "token:gus", null))).isEqualTo("{\"items\":[]}");
    }

    static String text(PluginResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
