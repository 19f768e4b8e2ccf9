package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.core.access.Role;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.PolicyBundleException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy change that does not compile is refused: health says so, the previous revision keeps deciding requests. */
class PolicyBundleHealthTest {
    static final Path REPO_POLICIES = Path.of(System.getProperty("maestro.repo", "../..")).resolve("policies");
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
    void aBrokenPolicyIsReportedAndThePreviousRevisionKeepsDeciding(@TempDir Path work) throws Exception {
        String viewer = server.token("acme", Role.VIEWER);
        assertThat(server.get("/api/v1/runs", viewer).status()).isEqualTo(200);
        assertThat(server.get("/actuator/health", null).status()).isEqualTo(200);
        LocalOpa opa = server.engine.localOpa().orElseThrow();
        String revision = opa.revision();

        Path broken = work.resolve("broken");
        io.maestro.core.policy.PolicyBundle.copy(REPO_POLICIES, broken);
        Files.writeString(broken.resolve("maestro/authz/authz.rego"), "package maestro.authz\n\nallow if {\n");
        assertThatThrownBy(() -> opa.publish(broken)).isInstanceOf(PolicyBundleException.class);

        assertThat(server.get("/actuator/health", null).status()).as("health reports the refused bundle").isEqualTo(503);
        assertThat(server.get("/actuator/health/readiness", null).status()).as("still ready: decisions are made").isEqualTo(200);
        assertThat(server.get("/actuator/prometheus", null).body()).contains("maestro_policy_bundle_healthy 0.0")
                .containsPattern("maestro_policy_bundle_failures_total [1-9]");
        String fresh = server.token("acme", Role.VIEWER);
        assertThat(server.get("/api/v1/runs", fresh).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/pipelines", fresh, java.util.Map.of("file", "p.yaml", "spec", "x")).status())
                .as("the previous revision still denies a viewer's write").isEqualTo(403);
        assertThat(opa.revision()).isEqualTo(revision);
    }
}
