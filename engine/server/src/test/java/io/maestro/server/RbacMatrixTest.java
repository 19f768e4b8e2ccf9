package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint × every role × own and other tenant, through the real server and the real OPA,
 * compared with the roles × actions table of docs/security/rbac.md: a granted action reaches the
 * endpoint (its usual answer), a refused one is a 403, and another tenant's resource is a 404
 * whatever the role.
 */
class RbacMatrixTest {
    static final Path RBAC_DOC = Path.of(System.getProperty("maestro.repo", "../..")).resolve("docs/security/rbac.md");

    /** An endpoint, the action it asks for, what it answers when allowed, and whether it names a tenant's resource. */
    record Endpoint(String method, String path, String action, Set<Integer> allowedStatuses, boolean ownedResource, String body) {
        Endpoint(String method, String path, String action, Set<Integer> allowed, boolean owned) {
            this(method, path, action, allowed, owned, method.equals("POST") ? "{}" : null);
        }
    }

    static final String SPEC = TestServer.spec("matrix", """
              - id: a
                with:
                  run: echo hello && echo x > "$MAESTRO_WORKSPACE/a.txt"
                  artifacts: [a.txt]
            """);

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/pipelines", "pipeline:write", Set.of(201), false,
                    TestServer.JSON.writeValueAsString(Map.of("file", "matrix.yaml", "spec", SPEC))),
            new Endpoint("GET", "/api/v1/pipelines", "pipeline:read", Set.of(200), false),
            new Endpoint("GET", "/api/v1/pipelines/{pipeline}", "pipeline:read", Set.of(200), true),
            new Endpoint("POST", "/api/v1/pipelines/{pipeline}/runs", "run:start", Set.of(201), true),
            new Endpoint("GET", "/api/v1/runs", "run:read", Set.of(200), false),
            new Endpoint("GET", "/api/v1/runs/{run}", "run:read", Set.of(200), true),
            new Endpoint("POST", "/api/v1/runs/{run}/cancel", "run:cancel", Set.of(409), true),
            new Endpoint("POST", "/api/v1/runs/{run}/resume", "run:resume", Set.of(202, 409), true),
            new Endpoint("GET", "/api/v1/runs/{run}/steps", "run:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/attempts", "run:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/outputs", "run:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/trace", "run:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/events", "run:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/events", "run:read", Set.of(200), false),
            new Endpoint("GET", "/api/v1/runs/{run}/steps/a/logs", "log:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/steps/a/logs/stream", "log:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/artifacts", "artifact:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/runs/{run}/artifacts/a.txt", "artifact:read", Set.of(200), true),
            new Endpoint("GET", "/api/v1/plugins", "plugin:read", Set.of(200), false),
            new Endpoint("POST", "/api/v1/plugins/template/enable", "plugin:manage", Set.of(404), false),
            new Endpoint("POST", "/api/v1/plugins/template/disable", "plugin:manage", Set.of(404), false),
            new Endpoint("GET", "/api/v1/plugins/template/stats", "plugin:read", Set.of(404), false),
            new Endpoint("POST", "/api/v1/plugins/template/stats", "plugin:route-write", Set.of(404), false),
            // the nl-cypher plugin's console routes need their console action on top of plugin:read / plugin:route-write;
            // an empty body is a 400 once allowed, so no graph or translator is started
            new Endpoint("POST", "/api/v1/plugins/nl-cypher/translate", "console:translate", Set.of(400), false),
            new Endpoint("POST", "/api/v1/plugins/nl-cypher/preview", "console:run", Set.of(400), false),
            new Endpoint("POST", "/api/v1/plugins/nl-cypher/run", "console:run", Set.of(400), false),
            new Endpoint("GET", "/api/v1/plugins/nl-cypher/history", "console:run", Set.of(200), false));

    @TempDir static Path home;
    static TestServer server;
    static String runId;
    static final Map<Role, String> ACME = new EnumMap<>(Role.class);
    static final Map<Role, String> GLOBEX = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() throws Exception {
        NlCypherPluginServerTest.install(home);
        server = new TestServer(home, Map.of("MAESTRO_PLUGIN_NL_CYPHER_SAMPLE", "none"));
        for (Role role : Role.values()) {
            ACME.put(role, server.token("acme", role));
            GLOBEX.put(role, server.token("globex", role));
        }
        String admin = ACME.get(Role.TENANT_ADMIN);
        server.submit(admin, "matrix.yaml", SPEC);
        runId = server.startRun(admin, "matrix", Map.of());
        server.awaitRun(admin, runId, "SUCCEEDED");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** docs/security/rbac.md's table: action → role → allowed. */
    static Map<String, Map<String, Boolean>> documentedMatrix() throws IOException {
        List<String> roles = null;
        var matrix = new HashMap<String, Map<String, Boolean>>();
        for (String line : Files.readAllLines(RBAC_DOC)) {
            if (!line.startsWith("|")) continue;
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) cells.add(c.strip());
            if (cells.get(0).equals("action")) {
                roles = cells.subList(1, cells.size());
            } else if (roles != null && cells.get(0).matches("[a-z]+:[a-z-]+")) {
                var row = new HashMap<String, Boolean>();
                for (int i = 0; i < roles.size(); i++) row.put(roles.get(i), cells.get(i + 1).equals("allow"));
                matrix.put(cells.get(0), row);
            }
        }
        return matrix;
    }

    @Test
    void everyEndpointAnswersEveryRoleAsTheDocumentedMatrixSays() throws Exception {
        Map<String, Map<String, Boolean>> matrix = documentedMatrix();
        assertThat(matrix).as("the roles × actions table in " + RBAC_DOC).isNotEmpty();
        for (Role role : Role.values()) assertThat(matrix.get("run:read")).as("a column for " + role.wireName()).containsKey(role.wireName());

        List<String> mismatches = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            Map<String, Boolean> row = matrix.get(e.action());
            assertThat(row).as("docs/security/rbac.md has a row for " + e.action()).isNotNull();
            for (Role role : Role.values()) {
                boolean allowed = row.get(role.wireName());
                int own = status(e, ACME.get(role));
                boolean ok = allowed ? e.allowedStatuses().contains(own) : own == 403;
                if (!ok) mismatches.add(String.format("%s %s as acme %s: %d, documented %s", e.method(), e.path(), role.wireName(), own,
                        allowed ? "allow " + e.allowedStatuses() : "deny (403)"));
                if (e.ownedResource()) {
                    int other = status(e, GLOBEX.get(role));
                    if (other != 404) mismatches.add(String.format("%s %s as globex %s on acme's resource: %d, expected 404",
                            e.method(), e.path(), role.wireName(), other));
                }
            }
        }
        assertThat(mismatches).as("endpoint answers that differ from docs/security/rbac.md").isEmpty();
        assertThat(ENDPOINTS.stream().map(Endpoint::action).distinct())
                .as("every permission the API asks for is walked").containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(io.maestro.server.auth.Permission.values()).map(io.maestro.server.auth.Permission::action).toList());
    }

    @Test
    void decisionsAreCountedWithTheirOutcome() {
        assertThat(server.call("POST", "/api/v1/runs/" + runId + "/cancel", ACME.get(Role.VIEWER), "{}").status()).isEqualTo(403);
        TestServer.Response scrape = server.get("/actuator/prometheus", null);
        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).containsPattern("maestro_authz_decisions_total\\{action=\"run:cancel\",decision=\"deny\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("maestro_policy_evaluate_seconds_count\\{outcome=\"answered\",path=\"maestro/authz/decision\"[^}]*} [1-9]");
    }

    @Test
    void aPlatformAdminMayActOnAnotherTenantWithAnAuditedReasonAndNobodyElseMay() throws Exception {
        var audited = new java.util.concurrent.CopyOnWriteArrayList<io.maestro.api.plugin.AuditEntry>();
        try (AutoCloseable ignored = server.engine.bus().addListener("test-audit", new io.maestro.api.event.RunListener() {
            @Override public void onAuditAction(io.maestro.api.event.MaestroEvent.AuditAction e) { audited.add(e.entry()); }
        })) {
            var crossing = Map.of("X-Maestro-Tenant", "acme", "X-Maestro-Reason", "INC-4711 checking a stuck run");
            TestServer.Response run = server.call("GET", "/api/v1/runs/" + runId, GLOBEX.get(Role.PLATFORM_ADMIN), null, crossing);
            assertThat(run.status()).isEqualTo(200);
            assertThat(run.json().path("id").asString()).isEqualTo(runId);
            assertThat(server.call("GET", "/api/v1/runs", GLOBEX.get(Role.PLATFORM_ADMIN), null, crossing).body()).contains(runId);
            server.engine.bus().drain();
            assertThat(audited).anySatisfy(a -> {
                assertThat(a.tenant()).isEqualTo("acme");
                assertThat(a.outcome()).isEqualTo("success");
                assertThat(a.details()).containsEntry("home_tenant", "globex").containsEntry("reason", "INC-4711 checking a stuck run")
                        .containsEntry("rule", "tenant.cross_tenant_with_reason");
            });

            // without a reason: refused before anything is looked up
            TestServer.Response noReason = server.call("GET", "/api/v1/runs/" + runId, GLOBEX.get(Role.PLATFORM_ADMIN), null,
                    Map.of("X-Maestro-Tenant", "acme"));
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.json().path("detail").asString()).contains("X-Maestro-Reason");
            assertThat(server.call("GET", "/api/v1/runs", GLOBEX.get(Role.PLATFORM_ADMIN), null,
                    Map.of("X-Maestro-Tenant", "ACME!", "X-Maestro-Reason", "x")).status()).isEqualTo(400);

            // any other role: 403 whether or not the resource exists there (nothing leaks)
            for (Role role : List.of(Role.TENANT_ADMIN, Role.AUDITOR, Role.OPERATOR)) {
                TestServer.Response existing = server.call("GET", "/api/v1/runs/" + runId, GLOBEX.get(role), null, crossing);
                TestServer.Response missing = server.call("GET", "/api/v1/runs/01936f0e-8a5c-7cc2-9a1e-3f4b2c1d0e9f", GLOBEX.get(role), null, crossing);
                assertThat(existing.status()).as(role.wireName()).isEqualTo(403);
                assertThat(missing.status()).as(role.wireName()).isEqualTo(403);
                assertThat(existing.json().path("detail").asString()).isEqualTo(missing.json().path("detail").asString())
                        .contains("may not act on tenant 'acme'");
            }
            server.engine.bus().drain();
            assertThat(audited).anySatisfy(a -> {
                assertThat(a.outcome()).isEqualTo("denied");
                assertThat(a.details()).containsEntry("rule", "tenant.boundary").containsEntry("home_tenant", "globex");
            });
        }
    }

    /** The status of a call; event streams are closed as soon as their status is known. */
    static int status(Endpoint e, String token) throws Exception {
        String path = e.path().replace("{run}", runId).replace("{pipeline}", "matrix");
        var b = HttpRequest.newBuilder(URI.create(server.server.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (e.body() != null) b.header("Content-Type", "application/json");
        b.method(e.method(), e.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(e.body()));
        HttpResponse<InputStream> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }
}
