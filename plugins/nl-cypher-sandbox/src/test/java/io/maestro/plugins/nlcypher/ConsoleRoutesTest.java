package io.maestro.plugins.nlcypher;

import static io.maestro.plugins.nlcypher.ConsoleFixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.plugins.nlcypher.ConsoleFixture.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's routes over the real sandbox, real embedded Neo4j graphs (tiny sample graph, one per
 * tenant) and the real OPA; only the translator is a fake.
 */
class ConsoleRoutesTest {
    @TempDir static Path dir;
    static ConsoleFixture fixture;
    static EmbeddedGraphs graphs;
    static TestContext context;
    static ConsoleRoutes routes;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture(dir);
        Map<String, String> settings = ConsoleFixture.settings("ROW_CAP", "5", "QUERIES_PER_MINUTE", "10000");
        graphs = fixture.embeddedGraphs(settings);
        context = fixture.context(settings);
        routes = fixture.routes(fixture.console(context, graphs, (driver, database, s) -> new FakeTranslator()));
    }

    @AfterAll
    static void stop() {
        if (graphs != null) graphs.close();
        if (fixture != null) fixture.close();
    }

    static String body(Object json) {
        return new Json().mapper.writeValueAsString(json);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void translateAnswersWithTheShapeTheUiReads() throws Exception {
        Reply r = call(routes, "POST", "/translate", "acme", "token:ana", body(Map.of("question", "who owns account ACC-0000001?")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        Map<String, Object> t = r.json();
        assertThat(t).containsOnlyKeys("question", "status", "confidence", "backend", "best", "alternatives", "notes");
        assertThat(t).containsEntry("question", "who owns account ACC-0000001?").containsEntry("status", "CONFIDENT")
                .containsEntry("confidence", 0.92).containsEntry("backend", "fake")
                .containsEntry("notes", List.of("account id read from the question"));
        assertThat(map(t.get("best"))).containsOnlyKeys("intent", "cypher", "parameters", "confidence", "explanation")
                .containsEntry("intent", "account.owner").containsEntry("parameters", Map.of("account", "ACC-0000001"))
                .containsEntry("cypher", FakeTranslator.OWNER.cypher());
        assertThat(list(t.get("alternatives"))).singleElement().satisfies(c -> assertThat(c).containsEntry("intent", "person.list")
                .containsEntry("parameters", Map.of()).containsEntry("confidence", 0.41));
    }

    @Test
    void aQuestionWithoutAMatchHasNoBestCandidateAndAnUnsureOneSaysSo() throws Exception {
        Map<String, Object> none = call(routes, "POST", "/translate", "acme", "token:ana", body(Map.of("question", "what is love"))).json();
        assertThat(none).containsEntry("status", "NO_MATCH").containsEntry("best", null).containsEntry("confidence", 0.0)
                .containsEntry("alternatives", List.of());
        Map<String, Object> unsure = call(routes, "POST", "/translate", "acme", "token:ana", body(Map.of("question", "list people"))).json();
        assertThat(unsure).containsEntry("status", "UNSURE");
        assertThat(map(unsure.get("best"))).containsEntry("intent", "person.list");
    }

    @Test
    void unusableInputIsA400NamingTheFieldAndTheReason() throws Exception {
        var cases = Map.of(
                "{}", "question",
                body(Map.of("question", "")), "question",
                body(Map.of("question", "   ")), "question",
                body(Map.of("question", 42)), "question",
                body(Map.of("question", "x".repeat(100_000))), "question",
                "{\"question\": \"who", "body",
                "[\"who owns\"]", "body",
                "", "body",
                body(Map.of("question", "!!!")), "question"); // the translator's own refusal
        cases.forEach((input, field) -> {
            try {
                Reply r = call(routes, "POST", "/translate", "acme", "token:ana", input);
                assertThat(r.status()).as(input.length() > 60 ? input.substring(0, 60) : input).isEqualTo(400);
                assertThat(r.contentType()).isEqualTo("application/problem+json");
                assertThat(list(r.json().get("errors"))).singleElement().satisfies(e -> {
                    assertThat(e).containsEntry("field", field);
                    assertThat((String) e.get("reason")).isNotBlank();
                });
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Reply tooLong = call(routes, "POST", "/translate", "acme", "token:ana", body(Map.of("question", "x".repeat(2_001))));
        assertThat((String) tooLong.json().get("detail")).contains("2001 characters, over the limit of 2000");
        assertThat(call(routes, "POST", "/run", "acme", "token:ana", body(Map.of("cypher", "RETURN 1", "parameters", List.of(1)))).json())
                .containsEntry("status", 400).extracting(j -> list(j.get("errors")).getFirst().get("field")).isEqualTo("parameters");
        assertThat(call(routes, "POST", "/preview", "acme", "token:ana", body(Map.of("parameters", Map.of()))).status()).isEqualTo(400);
    }

    @Test
    void aTranslatorThatCannotStartIsA503NotA500() throws Exception {
        var broken = fixture.routes(fixture.console(context, graphs, (driver, database, settings) -> {
            throw new IllegalStateException("the embedding model is missing");
        }));
        Reply r = call(broken, "POST", "/translate", "acme", "token:ana", body(Map.of("question", "who owns ACC-1")));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).containsEntry("title", "Translator unavailable");
        assertThat((String) r.json().get("detail")).contains("the translator for tenant acme could not be started: the embedding model is missing");
        assertThat(r.body()).doesNotContain("IllegalStateException");
    }

    @Test
    void previewShowsTheCostClassThePlanAndTheSchemaItTouches() throws Exception {
        Reply r = call(routes, "POST", "/preview", "acme", "token:ana", body(Map.of(
                "cypher", "MATCH (p:Person)-[:OWNS]->(a:Account) WHERE a.balance > $min RETURN p.name, a.id", "parameters", Map.of("min", 10))));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> p = r.json();
        assertThat(p).containsOnlyKeys("costClass", "maxEstimatedRows", "operators", "notices", "labels", "relationshipTypes");
        assertThat(p.get("costClass")).isIn("CHEAP", "MODERATE");
        assertThat(p.get("labels")).isEqualTo(List.of("Account", "Person"));
        assertThat(p.get("relationshipTypes")).isEqualTo(List.of("OWNS"));
        assertThat(list(p.get("operators"))).isNotEmpty().allSatisfy(o -> assertThat(o).containsOnlyKeys("name", "estimatedRows", "depth"))
                .first().satisfies(o -> assertThat(o).containsEntry("depth", 0));
        Map<String, Object> unknown = call(routes, "POST", "/preview", "acme", "token:ana", body(Map.of("cypher", "MATCH (n:Nope) RETURN n"))).json();
        assertThat(list(unknown.get("notices"))).isNotEmpty().allSatisfy(n -> assertThat(n).containsOnlyKeys("code", "title"));
    }

    @Test
    void runReturnsColumnsAndRowsWithNodesRenderedAsTheSandboxRendersThem() throws Exception {
        Reply r = call(routes, "POST", "/run", "acme", "token:ana", body(Map.of(
                "cypher", "MATCH (o)-[rel:OWNS]->(a:Account) WHERE a.id = $id RETURN o, rel, a.id AS account",
                "parameters", Map.of("id", firstAccount("acme")), "question", "who owns the first account?")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> run = r.json();
        assertThat(run).containsOnlyKeys("columns", "rows", "truncated", "rowCap", "tookMs", "costClass");
        assertThat(run).containsEntry("columns", List.of("o", "rel", "account")).containsEntry("truncated", false)
                .containsEntry("rowCap", 5);
        assertThat(list(run.get("rows"))).singleElement().satisfies(row -> {
            assertThat(row).containsOnlyKeys("o", "rel", "account").containsEntry("account", firstAccount("acme"));
            assertThat(map(row.get("o"))).containsOnlyKeys("id", "labels", "properties");
            assertThat(map(row.get("rel"))).containsOnlyKeys("id", "type", "start", "end", "properties").containsEntry("type", "OWNS");
        });
        assertThat(((Number) run.get("tookMs")).longValue()).isNotNegative();
    }

    @Test
    void aResultOverTheRowCapIsCutAndSaysSo() throws Exception {
        Map<String, Object> run = call(routes, "POST", "/run", "acme", "token:ana", body(Map.of("cypher", "MATCH (p:Person) RETURN p.id AS id"))).json();
        assertThat(list(run.get("rows"))).hasSize(5);
        assertThat(run).containsEntry("truncated", true).containsEntry("rowCap", 5).containsEntry("columns", List.of("id"));
    }

    @Test
    void aBlockedWriteIs422WithItsRuleIsAuditedAndIsInTheHistory() throws Exception {
        String write = "MATCH (p:Person) DETACH DELETE p";
        Reply r = call(routes, "POST", "/run", "acme", "token:mallory", body(Map.of("cypher", write, "question", "delete everyone")));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.json()).containsEntry("rule", "cypher.write").containsEntry("title", "Query blocked").containsEntry("status", 422);
        assertThat(context.audited).anySatisfy(a -> {
            assertThat(a.tenant()).isEqualTo("acme");
            assertThat(a.actor()).isEqualTo("token:mallory");
            assertThat(a.actorType()).isEqualTo("user");
            assertThat(a.action()).isEqualTo("cypher.query");
            assertThat(a.outcome()).isEqualTo("denied");
            assertThat(a.details()).containsEntry("rule", "cypher.write").containsEntry("query", write).containsEntry("surface", "console");
        });
        assertThat(items("acme", "token:mallory")).first().satisfies(h -> assertThat(h).containsEntry("status", "BLOCKED")
                .containsEntry("rule", "cypher.write").containsEntry("cypher", write).containsEntry("question", "delete everyone")
                .containsEntry("rows", null));
        assertThat(count("acme")).as("nothing was deleted").isEqualTo(countPeople("acme"));
    }

    @Test
    void theTenantsRateLimitIs429WithTheRuleAndWhenToRetry() throws Exception {
        var limited = fixture.routes(fixture.console(fixture.context(ConsoleFixture.settings("QUERIES_PER_MINUTE", "2")), graphs,
                (d, db, s) -> new FakeTranslator()));
        String q = body(Map.of("cypher", "MATCH (p:Person) RETURN count(p) AS n"));
        assertThat(call(limited, "POST", "/run", "acme", "token:bob", q).status()).isEqualTo(200);
        assertThat(call(limited, "POST", "/run", "acme", "token:bob", q).status()).isEqualTo(200);
        Reply third = call(limited, "POST", "/run", "acme", "token:bob", q);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json()).containsEntry("rule", "sandbox.rate_limited");
        assertThat(third.headers()).containsEntry("Retry-After", "30");
        assertThat(call(limited, "POST", "/run", "globex", "token:gus", q).status()).as("another tenant's budget").isEqualTo(200);
        assertThat(items("acme", "token:bob")).first().satisfies(h -> assertThat(h).containsEntry("status", "BLOCKED")
                .containsEntry("rule", "sandbox.rate_limited"));
    }

    @Test
    void aQueryOverTheTimeoutIs422WithRuleSandboxTimeout() throws Exception {
        var slow = fixture.routes(fixture.console(fixture.context(ConsoleFixture.settings("TIMEOUT_MS", "500")), graphs,
                (d, db, s) -> new FakeTranslator()));
        Reply r = call(slow, "POST", "/run", "acme", "token:tim", body(Map.of(
                "cypher", "UNWIND range(1, 500000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n")));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json()).containsEntry("rule", "sandbox.timeout").containsEntry("title", "Query timed out");
        assertThat(items("acme", "token:tim")).first().satisfies(h -> assertThat(h).containsEntry("status", "FAILED")
                .containsEntry("rule", "sandbox.timeout"));
    }

    @Test
    void historyIsNewestFirstAndHoldsOnlyTheCallersTenant() throws Exception {
        for (String q : List.of("RETURN 1 AS one", "RETURN 2 AS two")) {
            assertThat(call(routes, "POST", "/run", "acme", "token:hana", body(Map.of("cypher", q))).status()).isEqualTo(200);
        }
        assertThat(call(routes, "POST", "/run", "acme", "token:hana", body(Map.of("cypher", "RETURN 3 AS three",
                "parameters", Map.of("n", 3)))).status()).isEqualTo(200);
        assertThat(call(routes, "POST", "/run", "globex", "token:gina", body(Map.of("cypher", "RETURN 'globex' AS mine",
                "question", "globex secret")))).extracting(Reply::status).isEqualTo(200);

        List<Map<String, Object>> acme = items("acme", "token:hana");
        assertThat(acme).extracting(h -> h.get("cypher")).containsExactly("RETURN 3 AS three", "RETURN 2 AS two", "RETURN 1 AS one");
        assertThat(acme).allSatisfy(h -> assertThat(h).containsOnlyKeys("id", "at", "user", "question", "cypher", "parameters", "status", "rule",
                "rows", "costClass").containsEntry("status", "RAN").containsEntry("rows", 1).containsEntry("rule", null));
        assertThat(acme.get(0).get("parameters")).as("a query loaded back from history runs with its values").isEqualTo(Map.of("n", 3));
        assertThat(list(call(routes, "GET", "/history", "acme", "token:hana", null).json().get("items")))
                .as("zero cross-tenant items").noneSatisfy(h -> assertThat(h.get("user")).isEqualTo("token:gina"))
                .noneSatisfy(h -> assertThat(String.valueOf(h.get("cypher"))).contains("globex"));
        assertThat(list(call(routes, "GET", "/history", "globex", "token:gina", null).json().get("items")))
                .isNotEmpty().allSatisfy(h -> assertThat(h.get("user")).isNotEqualTo("token:hana"));
        assertThat(list(call(routes, "GET", "/history?limit=2", "acme", "token:hana", null).json().get("items"))).hasSize(2);
        for (String bad : List.of("0", "501", "ten", "-1")) {
            Reply r = call(routes, "GET", "/history?limit=" + bad, "acme", "token:hana", null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(list(r.json().get("errors")).getFirst()).containsEntry("field", "limit");
        }
    }

    @Test
    void historySurvivesANewPluginVersionOverTheSameDataDirectory() throws Exception {
        call(routes, "POST", "/run", "globex", "token:rey", body(Map.of("cypher", "RETURN 'before reload' AS x")));
        var reloaded = fixture.routes(fixture.console(context, graphs, (d, db, s) -> new FakeTranslator()));
        assertThat(list(call(reloaded, "GET", "/history", "globex", "token:rey", null).json().get("items")))
                .anySatisfy(h -> assertThat(h).containsEntry("cypher", "RETURN 'before reload' AS x").containsEntry("user", "token:rey"));
    }

    @Test
    @Timeout(60) // a hang guard
    void aDeadExternalNeo4jIsA503ProblemWithinTheConnectTimeout() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var settings = Map.of("NEO4J_URI", "bolt://127.0.0.1:" + port, "NEO4J_PASSWORD", "x", "CONNECT_TIMEOUT_MS", "1000");
        var deadContext = fixture.context(settings);
        var deadSettings = ConsoleSettings.from(settings, Map.of());
        try (var dead = new ExternalGraphs(deadSettings.external(), deadSettings.databases(), deadSettings.connectTimeout())) {
            var deadRoutes = fixture.routes(fixture.console(deadContext, dead, (d, db, s) -> new FakeTranslator()));
            long t0 = System.nanoTime();
            Reply preview = call(deadRoutes, "POST", "/preview", "acme", "token:ana", body(Map.of("cypher", "MATCH (p:Person) RETURN p")));
            Reply run = call(deadRoutes, "POST", "/run", "acme", "token:ana", body(Map.of("cypher", "MATCH (p:Person) RETURN p")));

            assertThat(preview.status()).as(preview.body()).isEqualTo(503);
            assertThat(preview.json()).containsEntry("title", "Graph database unavailable");
            assertThat(run.status()).isEqualTo(503);
            assertThat(run.body()).doesNotContain("\tat ");
            assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds").isLessThan(20);
        }
    }

    @Test
    void withoutAPolicyDecisionNothingRunsAndTheAnswerIs503() throws Exception {
        var noPolicy = new TestContext(dir.resolve("plugin-data"), ConsoleFixture.settings(), new io.maestro.core.policy.OpaPolicyClient(
                java.net.URI.create("http://127.0.0.1:9"), java.time.Duration.ofMillis(500), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")));
        var blind = fixture.routes(fixture.console(noPolicy, graphs, (d, db, s) -> new FakeTranslator()));
        Reply r = call(blind, "POST", "/run", "acme", "token:pia", body(Map.of("cypher", "MATCH (p:Person) RETURN p.id")));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).containsEntry("title", "Policy unavailable");
        assertThat(items("acme", "token:pia")).first().satisfies(h -> assertThat(h).containsEntry("status", "FAILED")
                .containsEntry("rule", "policy.unavailable"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    static List<Map<String, Object>> items(String tenant, String user) throws Exception {
        return list(call(routes, "GET", "/history?limit=500", tenant, user, null).json().get("items")).stream()
                .filter(h -> user.equals(h.get("user"))).toList();
    }

    static String firstAccount(String tenant) throws Exception {
        Reply r = call(routes, "POST", "/run", tenant, "token:fixture", body(Map.of("cypher", "MATCH (a:Account) RETURN a.id AS id ORDER BY id LIMIT 1")));
        return (String) list(r.json().get("rows")).getFirst().get("id");
    }

    static long count(String tenant) throws Exception {
        try (var session = graphs.graph(tenant).driver().session()) {
            return session.run("MATCH (p:Person) RETURN count(p) AS n").single().get("n").asLong();
        }
    }

    static long countPeople(String tenant) {
        return 80; // the tiny sample graph: 400 nodes, 20 % people
    }
}
