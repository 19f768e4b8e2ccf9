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

/**
 * Data residency through the API on a server that stores in us-east-1: runs and their artifacts
 * carry that region, and a tenant pinned elsewhere (acme, eu-west-1 in the shipped tenant data)
 * has its runs refused by the policy before any step runs.
 */
class ResidencyApiTest {
    static final String SPEC = """
              - id: report
                with:
                  run: echo done > "$MAESTRO_WORKSPACE/report.txt"
                  artifacts: [report.txt]
            """;

    @TempDir static Path home;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(home, Map.of("MAESTRO_REGION", "us-east-1"));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void runsAndArtifactsCarryTheirRegionAndAPinnedTenantStaysInItsRegion() throws Exception {
        String globex = server.token("globex", Role.TENANT_ADMIN);
        server.submit(globex, "report.yaml", TestServer.spec("report", SPEC));
        String runId = server.startRun(globex, "report", Map.of());
        JsonNode run = server.awaitRun(globex, runId, "SUCCEEDED");
        assertThat(run.path("region").asString()).isEqualTo("us-east-1");
        JsonNode artifacts = server.get("/api/v1/runs/" + runId + "/artifacts", globex).json().path("items");
        assertThat(artifacts.get(0).path("region").asString()).isEqualTo("us-east-1");

        String acme = server.token("acme", Role.TENANT_ADMIN);
        server.submit(acme, "report.yaml", TestServer.spec("report", SPEC));
        String refusedId = server.startRun(acme, "report", Map.of());
        JsonNode refused = server.awaitRun(acme, refusedId, "FAILED");
        assertThat(refused.path("reason").asString()).contains("residency.region_pinned").contains("eu-west-1").contains("us-east-1");
        assertThat(server.get("/api/v1/runs/" + refusedId + "/artifacts", acme).json().path("items").size()).as("nothing written").isZero();
    }
}
