package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged nl-cypher plugin jar in a real server: its console routes over HTTP with real tokens, the
 * host-provided sandbox and embedded Neo4j (tiny sample graph), the real OPA for both the route's
 * authorization ({@code console:run}) and the query's policy.
 */
class NlCypherPluginServerTest {
    static final Path JAR = Path.of("../../plugins/nl-cypher-sandbox/target/maestro-plugin-nl-cypher-sandbox-0.1.0-SNAPSHOT.jar");
    static final String BASE = "/api/v1/plugins/nl-cypher";
    @TempDir Path home;

    static void install(Path home) throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(JAR, home.resolve("plugins/nl-cypher.jar"));
    }

    @Test
    void previewAndRunAnswerOverHttpForTheCallersTenantAndRole() throws Exception {
        install(home);
        try (var server = new TestServer(home, Map.of("MAESTRO_PLUGIN_NL_CYPHER_SAMPLE", "tiny",
                "MAESTRO_PLUGIN_NL_CYPHER_PAGE_CACHE_MB", "16", "MAESTRO_PLUGIN_NL_CYPHER_ROW_CAP", "10"))) {
            String author = server.token("acme", Role.AUTHOR);
            String viewer = server.token("acme", Role.VIEWER);

            TestServer.Response preview = server.post(BASE + "/preview", author,
                    Map.of("cypher", "MATCH (p:Person)-[:OWNS]->(a:Account) RETURN p.name, a.id", "parameters", Map.of()));
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            assertThat(preview.contentType()).startsWith("application/json");
            assertThat(preview.json().path("costClass").asString()).isIn("CHEAP", "MODERATE");
            assertThat(preview.json().path("labels").toString()).isEqualTo("[\"Account\",\"Person\"]");
            assertThat(preview.json().path("operators").size()).isPositive();

            TestServer.Response run = server.post(BASE + "/run", author, Map.of("cypher",
                    "MATCH (p:Person) WHERE p.born >= $year RETURN p.id AS id ORDER BY id", "parameters", Map.of("year", 1900),
                    "question", "everyone born since 1900"));
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(run.json().path("columns").toString()).isEqualTo("[\"id\"]");
            assertThat(run.json().path("rows").size()).isEqualTo(10);
            assertThat(run.json().path("truncated").asBoolean()).isTrue();
            assertThat(run.json().path("rowCap").asInt()).isEqualTo(10);
            assertThat(run.json().path("rows").get(0).path("id").asString()).startsWith("PER-");

            TestServer.Response blocked = server.post(BASE + "/run", author, Map.of("cypher", "MATCH (n) DETACH DELETE n"));
            assertThat(blocked.status()).isEqualTo(422);
            assertThat(blocked.contentType()).startsWith("application/problem+json");
            assertThat(blocked.json().path("rule").asString()).isEqualTo("cypher.write");
            assertThat(server.get("/actuator/prometheus", null).body()).as("the plugin's sandbox meters are the engine's")
                    .contains("maestro_sandbox_blocked_total{rule=\"cypher.write\"} 1.0");

            TestServer.Response history = server.get(BASE + "/history?limit=5", author);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().path("items").get(0).path("status").asString()).isEqualTo("BLOCKED");
            assertThat(history.json().path("items").get(1).path("question").asString()).isEqualTo("everyone born since 1900");
            assertThat(history.json().path("items").get(1).path("user").asString()).startsWith("token:");
            assertThat(server.get(BASE + "/history", server.token("globex", Role.AUTHOR)).json().path("items").size())
                    .as("another tenant's history").isZero();

            TestServer.Response translate = server.post(BASE + "/translate", author, Map.of("question", "who owns ACC-0000001?"));
            // the translator on the class path: the placeholder (a 503 problem, never a 500) or the real offline one
            assertThat(translate.status()).as(translate.body()).isIn(200, 503);
            if (translate.status() == 200) {
                assertThat(translate.json().path("question").asString()).isEqualTo("who owns ACC-0000001?");
                assertThat(translate.json().path("status").asString()).isIn("CONFIDENT", "UNSURE", "NO_MATCH");
            } else {
                assertThat(translate.json().path("title").asString()).isEqualTo("Translator unavailable");
            }

            TestServer.Response denied = server.post(BASE + "/run", viewer, Map.of("cypher", "RETURN 1"));
            assertThat(denied.status()).as("a viewer may not use the console").isEqualTo(403);
            assertThat(server.get(BASE + "/history", viewer).status()).isEqualTo(403);
            assertThat(server.post(BASE + "/run", null, Map.of("cypher", "RETURN 1")).status()).isEqualTo(401);
        }
    }
}
