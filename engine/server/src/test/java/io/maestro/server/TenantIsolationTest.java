package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token of tenant B can neither see nor act on tenant A's pipelines or runs, whatever its role,
 * on every endpoint; and its answer is the same as for a resource that does not exist at all.
 */
class TenantIsolationTest {
    @TempDir static Path home;
    static TestServer server;
    static String acmeRunId;
    static String acmeAdmin;
    static String globexAdmin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.embedded(home);
        acmeAdmin = server.token("acme", Role.TENANT_ADMIN);
        globexAdmin = server.token("globex", Role.PLATFORM_ADMIN);
        server.submit(acmeAdmin, "secret.yaml", TestServer.spec("secret-build", """
                  - id: a
                    with:
                      run: echo "acme secret" && echo x > "$MAESTRO_WORKSPACE/a.txt"
                      artifacts: [a.txt]
                """));
        acmeRunId = server.startRun(acmeAdmin, "secret-build", Map.of());
        server.awaitRun(acmeAdmin, acmeRunId, "SUCCEEDED");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every endpoint that names a tenant's resource, with {run} and {pipeline} placeholders. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/v1/pipelines/{pipeline}"},
            new String[] {"POST", "/api/v1/pipelines/{pipeline}/runs"},
            new String[] {"GET", "/api/v1/runs/{run}"},
            new String[] {"POST", "/api/v1/runs/{run}/cancel"},
            new String[] {"POST", "/api/v1/runs/{run}/resume"},
            new String[] {"GET", "/api/v1/runs/{run}/steps"},
            new String[] {"GET", "/api/v1/runs/{run}/attempts"},
            new String[] {"GET", "/api/v1/runs/{run}/steps/a/logs"},
            new String[] {"GET", "/api/v1/runs/{run}/steps/a/logs/stream"},
            new String[] {"GET", "/api/v1/runs/{run}/outputs"},
            new String[] {"GET", "/api/v1/runs/{run}/artifacts"},
            new String[] {"GET", "/api/v1/runs/{run}/artifacts/a.txt"},
            new String[] {"GET", "/api/v1/runs/{run}/trace"},
            new String[] {"GET", "/api/v1/runs/{run}/events"});

    @Test
    void anotherTenantsResourcesAnswerExactlyLikeMissingOnes() {
        for (String[] e : ENDPOINTS) {
            String owned = e[1].replace("{run}", acmeRunId).replace("{pipeline}", "secret-build");
            String missing = e[1].replace("{run}", "01936f0e-8a5c-7cc2-9a1e-3f4b2c1d0e9f").replace("{pipeline}", "no-such-pipeline");
            var other = server.call(e[0], owned, globexAdmin, e[0].equals("POST") ? "{}" : null);
            var absent = server.call(e[0], missing, globexAdmin, e[0].equals("POST") ? "{}" : null);
            assertThat(other.status()).as(e[0] + " " + e[1]).isEqualTo(404);
            assertThat(absent.status()).as(e[0] + " " + e[1] + " (missing)").isEqualTo(404);
            assertThat(other.body()).as(e[0] + " " + e[1]).doesNotContain("acme")
                    .isEqualTo(absent.body().replace("01936f0e-8a5c-7cc2-9a1e-3f4b2c1d0e9f", acmeRunId)
                            .replace("no-such-pipeline", "secret-build"));
            var own = server.call(e[0], owned, acmeAdmin, e[0].equals("POST") ? "{}" : null, Map.of("Accept", "application/json"));
            assertThat(own.status()).as(e[0] + " " + e[1] + " (own tenant)").isNotEqualTo(404);
        }
    }

    @Test
    void listingsOnlyShowTheCallersTenant() {
        assertThat(server.get("/api/v1/runs", globexAdmin).json().path("items")).isEmpty();
        assertThat(server.get("/api/v1/pipelines", globexAdmin).json().path("items")).isEmpty();
        assertThat(server.get("/api/v1/runs", acmeAdmin).json().path("items").valueStream()
                .map(r -> r.path("id").asString())).contains(acmeRunId);
    }

    @Test
    void aSpecCannotNameAnotherTenant() {
        var r = server.post("/api/v1/pipelines", globexAdmin, Map.of("file", "x.yaml", "spec",
                "apiVersion: maestro/v1\nkind: Pipeline\nmetadata:\n  name: x\n  tenant: acme\nsteps:\n  - id: a\n    with: {run: 'true'}\n"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("errors").get(0).path("line").asInt()).isEqualTo(5);
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("metadata.tenant");
    }

    @Test
    void rolesOnlyDoWhatTheMatrixAllows() {
        String viewer = server.token("acme", Role.VIEWER);
        assertThat(server.post("/api/v1/pipelines/secret-build/runs", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/pipelines", viewer, Map.of("file", "x.yaml", "spec", "x")).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/plugins/template/disable", acmeAdmin, null).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/runs/" + acmeRunId, viewer).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/runs", "mst_0000000000000000_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/runs", null).status()).isEqualTo(401);
    }
}
