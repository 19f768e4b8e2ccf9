package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The run lifecycle through the real server and the embedded store: submit, run, read, fail, resume. */
class RunApiTest {
    /** Fails on its first run and passes when resumed (the workspace survives a resume). */
    static final String FLAKY = TestServer.spec("flaky", """
              - id: build
                with:
                  run: |
                    echo "compiled 3 modules"
                    echo "version=1.2.3" >> "$MAESTRO_OUTPUTS"
                    echo report > "$MAESTRO_WORKSPACE/report.txt"
                  artifacts: [report.txt]
              - id: test
                needs: [build]
                retry: {max: 0}
                matrix: {shard: [1, 2]}
                with:
                  run: |
                    if [ ! -f "$MAESTRO_WORKSPACE/seen-${{ matrix.shard }}" ] && [ "${{ matrix.shard }}" = 2 ]; then
                      touch "$MAESTRO_WORKSPACE/seen-${{ matrix.shard }}"
                      echo "shard 2 flaked" >&2
                      exit 1
                    fi
                    echo "shard ${{ matrix.shard }} passed"
            """);

    @TempDir static Path home;
    static TestServer server;
    static String author;
    static String operator;
    static String viewer;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(home);
        author = server.token("acme", Role.AUTHOR);
        operator = server.token("acme", Role.OPERATOR);
        viewer = server.token("acme", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runsASubmittedPipelineAndResumesItFromTheFailedStep() throws Exception {
        assertThat(server.submit(author, "flaky.yaml", FLAKY)).isEqualTo("flaky");
        JsonNode pipeline = server.get("/api/v1/pipelines/flaky", viewer).json();
        assertThat(pipeline.path("revision").asInt()).isEqualTo(1);
        assertThat(pipeline.path("stepCount").asInt()).isEqualTo(2);
        assertThat(pipeline.path("tenant").asString()).isEqualTo("acme");

        String runId = server.startRun(author, "flaky", Map.of());
        JsonNode failed = server.awaitRun(viewer, runId, "FAILED");
        assertThat(failed.path("tenant").asString()).isEqualTo("acme");
        assertThat(failed.path("traceId").asString()).hasSize(32);
        assertThat(failed.path("stepCounts").path("FAILED").asInt()).isEqualTo(1);

        JsonNode steps = server.get("/api/v1/runs/" + runId + "/steps", viewer).json().path("items");
        assertThat(steps).hasSize(3);
        JsonNode shard2 = find(steps, "test[shard=2]");
        assertThat(shard2.path("status").asString()).isEqualTo("FAILED");
        assertThat(shard2.path("stepId").asString()).isEqualTo("test");
        assertThat(shard2.path("needs").get(0).asString()).isEqualTo("build");
        assertThat(shard2.path("matrix").path("shard").asInt()).isEqualTo(2);

        String logPath = "/api/v1/runs/" + runId + "/steps/" + java.net.URLEncoder.encode("test[shard=2]", "UTF-8") + "/logs";
        JsonNode log = server.get(logPath, viewer).json();
        assertThat(log.path("items").get(0).path("line").asString()).isEqualTo("shard 2 flaked");
        assertThat(log.path("items").get(0).path("stream").asString()).isEqualTo("ERR");
        long next = log.path("next").asLong();
        assertThat(server.get(logPath + "?after=" + next, viewer).json().path("items")).isEmpty();

        assertThat(server.get("/api/v1/runs/" + runId + "/outputs", viewer).json().path("outputs").path("build").path("version")
                .asString()).isEqualTo("1.2.3");
        JsonNode artifact = server.get("/api/v1/runs/" + runId + "/artifacts", viewer).json().path("items").get(0);
        assertThat(artifact.path("name").asString()).isEqualTo("report.txt");
        assertThat(artifact.path("sizeBytes").asLong()).isEqualTo(7);
        assertThat(server.get("/api/v1/runs/" + runId + "/artifacts/report.txt", viewer).body()).isEqualTo("report\n");

        assertThat(server.post("/api/v1/runs/" + runId + "/resume", viewer, null).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/runs/" + runId + "/resume", operator, null).status()).isEqualTo(202);
        server.awaitRun(viewer, runId, "SUCCEEDED");
        JsonNode attempts = server.get("/api/v1/runs/" + runId + "/attempts", viewer).json().path("items");
        assertThat(attempts.valueStream().filter(a -> a.path("stepKey").asString().equals("test[shard=2]"))
                .map(a -> a.path("status").asString())).containsExactly("FAILED", "SUCCEEDED");
        assertThat(attempts.valueStream().filter(a -> a.path("stepKey").asString().equals("build"))).hasSize(1);

        JsonNode trace = server.get("/api/v1/runs/" + runId + "/trace", viewer).json();
        assertThat(trace.path("traceId").asString()).isEqualTo(failed.path("traceId").asString());
        assertThat(trace.path("spans").valueStream().map(s -> s.path("name").asString())).contains("run flaky");
        assertThat(server.post("/api/v1/runs/" + runId + "/cancel", operator, null).status()).isEqualTo(409);
    }

    @Test
    void listsRunsNewestFirstWithFiltersAndCursors() throws Exception {
        server.submit(author, "quick.yaml", TestServer.spec("quick", "  - id: a\n    with: {run: 'true'}\n"));
        String first = server.startRun(author, "quick", Map.of());
        server.awaitRun(viewer, first, "SUCCEEDED");
        String second = server.startRun(author, "quick", Map.of());
        server.awaitRun(viewer, second, "SUCCEEDED");
        String third = server.startRun(author, "quick", Map.of());
        server.awaitRun(viewer, third, "SUCCEEDED");

        JsonNode page1 = server.get("/api/v1/runs?pipeline=quick&limit=2", viewer).json();
        assertThat(page1.path("items").valueStream().map(r -> r.path("id").asString())).containsExactly(third, second);
        String cursor = page1.path("nextCursor").asString();
        JsonNode page2 = server.get("/api/v1/runs?pipeline=quick&limit=2&cursor=" + cursor, viewer).json();
        assertThat(page2.path("items").valueStream().map(r -> r.path("id").asString())).containsExactly(first);
        assertThat(page2.path("nextCursor").isNull()).isTrue();
        assertThat(server.get("/api/v1/runs?pipeline=quick&status=FAILED", viewer).json().path("items")).isEmpty();
        assertThat(server.get("/api/v1/runs?pipeline=quick&since=2999-01-01T00:00:00Z", viewer).json().path("items")).isEmpty();
    }

    @Test
    void refusesParamsTheSpecDoesNotDeclareWithoutRecordingARun() {
        server.submit(author, "params.yaml", TestServer.spec("params", "  - id: a\n    with: {run: 'true'}\n"));
        int before = server.get("/api/v1/runs?pipeline=params", viewer).json().path("items").size();
        var r = server.post("/api/v1/pipelines/params/runs", author, Map.of("params", Map.of("nope", 1)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("params");
        assertThat(r.json().path("detail").asString()).contains("nope");
        assertThat(server.get("/api/v1/runs?pipeline=params", viewer).json().path("items")).hasSize(before);
    }

    @Test
    void answersWithTheCallerAndTheLinkTemplates() {
        assertThat(server.get("/api/v1/me", operator).json().path("role").asString()).isEqualTo("operator");
        assertThat(server.get("/api/v1/ui-config", viewer).json().path("traceLink").path("urlTemplate").asString())
                .isEqualTo("http://jaeger.example:16686/trace/{traceId}");
    }

    static JsonNode find(JsonNode items, String key) {
        return items.valueStream().filter(s -> s.path("key").asString().equals(key)).findFirst().orElseThrow();
    }
}
