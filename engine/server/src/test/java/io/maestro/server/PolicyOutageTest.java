package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPA going away fails closed: a clear 503 problem, readiness down, nothing done — never an allow. */
class PolicyOutageTest {
    @TempDir static Path home;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(home);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void withoutOpaEveryDecisionIsA503AndReadinessIsDown() {
        String admin = server.token("acme", Role.TENANT_ADMIN);
        assertThat(server.get("/api/v1/pipelines", admin).status()).isEqualTo(200);
        assertThat(server.get("/actuator/health/readiness", null).status()).isEqualTo(200);

        server.engine.localOpa().orElseThrow().close();

        String fresh = server.token("acme", Role.TENANT_ADMIN); // not in the decision cache
        TestServer.Response refused = server.post("/api/v1/pipelines", fresh,
                java.util.Map.of("file", "p.yaml", "spec", TestServer.spec("p", "  - id: a\n    uses: noop\n")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("title").asString()).isEqualTo("Policy unavailable");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
        assertThat(server.engine.pipelines().list("acme")).as("nothing was recorded").isEmpty();

        assertThat(server.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(server.get("/actuator/prometheus", null).body())
                .containsPattern("maestro_authz_decisions_total\\{action=\"pipeline:write\",decision=\"unavailable\"[^}]*} 1");
    }
}
