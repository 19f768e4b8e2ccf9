package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import io.maestro.core.testing.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on a real PostgreSQL (Debian's server, started on a free loopback port). */
class PostgresApiTest {
    @TempDir Path home;

    @Test
    void submitsRunsFailsAndResumesOnPostgres() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String url = pg.createDatabase("api_" + Long.toHexString(System.nanoTime()));
        var env = new java.util.HashMap<String, String>(Map.of("MAESTRO_DB_URL", url, "MAESTRO_DB_USER", pg.user()));
        if (pg.password() != null) env.put("MAESTRO_DB_PASSWORD", pg.password());
        try (var server = new TestServer(home, env)) {
            String operator = server.token("acme", Role.TENANT_ADMIN);
            String other = server.token("globex", Role.TENANT_ADMIN);
            server.submit(operator, "flaky.yaml", RunApiTest.FLAKY);
            assertThat(server.post("/api/v1/pipelines", operator, Map.of("file", "flaky.yaml", "spec", RunApiTest.FLAKY))
                    .json().path("revision").asInt()).isEqualTo(2);
            String runId = server.startRun(operator, "flaky", Map.of());
            server.awaitRun(operator, runId, "FAILED");
            assertThat(server.get("/api/v1/runs/" + runId, other).status()).isEqualTo(404);
            assertThat(server.post("/api/v1/runs/" + runId + "/resume", operator, null).status()).isEqualTo(202);
            server.awaitRun(operator, runId, "SUCCEEDED");
            var page = server.get("/api/v1/runs?limit=1", operator).json();
            assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(runId);
            assertThat(page.path("items").get(0).path("stepCounts").path("SUCCEEDED").asInt()).isEqualTo(3);
            assertThat(server.get("/api/v1/runs", other).json().path("items")).isEmpty();
        }
    }
}
