package io.maestro.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.http.PluginRequest;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.maestro.core.run.ConductorFixture;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin asks the engine's real OPA through {@code PluginContext.policy()} and sees API types only. */
class PluginPolicyTest {
    /** A route answering what the policy decides about a Cypher query's facts, or why there is no decision. */
    static final Map<String, String> ASKER = Map.of("test.asker.Asker", """
            package test.asker;
            import io.maestro.api.http.*;
            import io.maestro.api.plugin.*;
            import io.maestro.api.policy.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Asker implements PluginRoutes, PluginContextAware {
                private PluginContext ctx;
                public void init(PluginContext ctx) { this.ctx = ctx; }
                public List<Route> routes() {
                    return List.of(new Route("POST", "/ask", req -> {
                        Map<String, Object> facts = new HashMap<>();
                        facts.put("clauses", List.of("MATCH", new String(req.body()).strip(), "RETURN"));
                        facts.put("writes", new String(req.body()).strip().equals("CREATE") ? List.of("CREATE") : List.of());
                        facts.put("procedures", List.of());
                        facts.put("functions", List.of());
                        facts.put("load_csv", false);
                        facts.put("var_length", List.of());
                        facts.put("subqueries", 0);
                        facts.put("labels", List.of());
                        facts.put("relationship_types", List.of());
                        try {
                            PolicyVerdict v = ctx.policy().evaluate("maestro/cypher/decision",
                                    Map.of("tenant", req.tenant(), "facts", facts));
                            return PluginResponse.text(200, v.allowed() + " " + v.object().get("denials") + " rev=" + v.revision());
                        } catch (PolicyUnavailableException e) {
                            return PluginResponse.text(503, "unavailable: " + e.getClass().getName());
                        } catch (UnsupportedOperationException e) {
                            return PluginResponse.text(501, "none");
                        }
                    }, "console:run"));
                }
            }
            """);

    @TempDir Path home;
    @TempDir Path builds;
    ConductorFixture f;
    LocalOpa opa;

    @BeforeEach
    void setUp() {
        f = new ConductorFixture(home);
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), home.resolve("policy"), null,
                Duration.ofSeconds(30), f.metrics);
    }

    @AfterEach
    void tearDown() {
        f.close();
        opa.close();
    }

    private static String ask(PluginHost host, String clause) throws Exception {
        var route = host.routes().get("asker").getFirst();
        var response = route.handler().handle(new PluginRequest("POST", "/ask", Map.of(), Map.of(), Map.of(),
                clause.getBytes(StandardCharsets.UTF_8), "acme", "ana"));
        return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aPluginSeesTheRealPolicysDecisionsAndTheirRevisionAndFailsClosedWhenOpaIsGone() throws Exception {
        var client = new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), f.metrics, OpenTelemetry.noop().getTracer("test"));
        try (var host = new PluginHost(home.resolve("plugins"), home, f.bus, f.executors, f.metrics, Map.of(),
                io.maestro.api.plugin.RunControl.NONE, client)) {
            PluginJars.install(PluginJars.build(builds, "asker", "1.0.0", ">=1.1.0 & <2.0.0", ASKER), host.pluginsDir(), "asker.jar");
            assertThat(host.sync()).isEmpty();
            assertThat(host.routes().get("asker").getFirst().action()).as("the route's action survives the host's wrapper")
                    .isEqualTo("console:run");

            assertThat(ask(host, "WITH")).startsWith("200 true ").doesNotContain("rev=null");
            assertThat(ask(host, "CREATE")).startsWith("200 false ").contains("cypher.write");

            opa.close();
            assertThat(ask(host, "WITH")).isEqualTo("503 unavailable: io.maestro.api.policy.PolicyUnavailableException");
        }
    }

    @Test
    void aHostWithoutAPolicyLayerSaysSoInsteadOfDeciding() throws Exception {
        try (var host = new PluginHost(home.resolve("plugins"), home, f.bus, f.executors, f.metrics, Map.of())) {
            PluginJars.install(PluginJars.build(builds, "asker", "1.0.0", null, ASKER), host.pluginsDir(), "asker.jar");
            assertThat(host.sync()).isEmpty();
            assertThat(ask(host, "WITH")).isEqualTo("501 none");
        }
    }
}
