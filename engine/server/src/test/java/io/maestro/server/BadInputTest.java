package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed requests get precise 4xx problem details naming the field, never a 500. */
class BadInputTest {
    @TempDir static Path home;
    static TestServer server;
    static String token;
    static String runId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.embedded(home);
        token = server.token("acme", Role.TENANT_ADMIN);
        server.submit(token, "p.yaml", TestServer.spec("p", "  - id: a\n    with: {run: 'echo hi > \"$MAESTRO_WORKSPACE/out.txt\"', artifacts: [out.txt]}\n"));
        runId = server.startRun(token, "p", Map.of());
        server.awaitRun(token, runId, "SUCCEEDED");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(TestServer.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void malformedJsonAndUnknownFields() {
        assertProblem(server.call("POST", "/api/v1/pipelines", token, "{not json"), 400, "body");
        assertProblem(server.call("POST", "/api/v1/pipelines", token, "{\"spec\": \"x\", \"extra\": 1}"), 400, "extra");
        assertProblem(server.call("POST", "/api/v1/pipelines", token, "{\"spec\": [1]}"), 400, "spec");
        assertProblem(server.call("POST", "/api/v1/pipelines", token, "{}"), 422, "spec");
        assertProblem(server.call("POST", "/api/v1/pipelines", token, "{\"file\": \"../x.yaml\", \"spec\": \"a: 1\"}"), 422, "file");
        assertProblem(server.call("POST", "/api/v1/pipelines/p/runs", token, "{\"params\": {}, \"x\": 1}"), 400, "x");
    }

    @Test
    void malformedYamlPointsAtTheLine() {
        var r = server.post("/api/v1/pipelines", token, Map.of("file", "bad.yaml", "spec", "metadata:\n  name: [unclosed\n"));
        assertProblem(r, 422, null);
        assertThat(r.json().path("errors").get(0).path("file").asString()).isEqualTo("bad.yaml");
        assertThat(r.json().path("errors").get(0).path("line").asInt()).isPositive();
    }

    @Test
    void oversizedBodies() {
        String big = "{\"spec\": \"" + "a".repeat(7 * 1024 * 1024) + "\"}";
        assertProblem(server.call("POST", "/api/v1/pipelines", token, big), 413, null);
    }

    @Test
    void badIdsCursorsAndParameters() {
        assertProblem(server.get("/api/v1/runs/not-a-run", token), 400, "runId");
        assertProblem(server.get("/api/v1/runs?cursor=bogus", token), 400, "cursor");
        assertProblem(server.get("/api/v1/runs?status=EXPLODED", token), 400, "status");
        assertProblem(server.get("/api/v1/runs?limit=0", token), 400, "limit");
        assertProblem(server.get("/api/v1/runs?since=yesterday", token), 400, "since");
        assertProblem(server.get("/api/v1/pipelines/Bad_Name", token), 400, "name");
        assertProblem(server.get("/api/v1/runs/" + runId + "/steps/a/logs?after=-1", token), 400, "after");
        assertProblem(server.call("GET", "/api/v1/runs/" + runId + "/events", token, null, Map.of("Last-Event-ID", "x")), 400, "Last-Event-ID");
    }

    @Test
    void artifactNamesCannotEscape() {
        assertProblem(server.get("/api/v1/runs/" + runId + "/artifacts/..%2F..%2Fetc%2Fpasswd", token), 400, null);
        assertProblem(server.get("/api/v1/runs/" + runId + "/artifacts/..", token), 400, null);
        assertProblem(server.get("/api/v1/runs/" + runId + "/artifacts/other.txt", token), 404, null);
        assertThat(server.get("/api/v1/runs/" + runId + "/artifacts/out.txt", token).body()).isEqualTo("hi\n");
    }

    @Test
    void unknownPathsAreProblemsToo() {
        var r = server.get("/api/v1/nothing-here", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
