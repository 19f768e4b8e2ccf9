package io.maestro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/** Tenants never see each other's graph: a store and instance each; the same query returns zero rows across. */
class TenantGraphsTest {
    @Test
    void eachTenantQueriesOnlyItsOwnGraph(@TempDir Path dir) {
        var metrics = new SimpleMeterRegistry();
        try (var opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir.resolve("opa"), null, Duration.ofSeconds(30), metrics);
             var graphs = new TenantGraphs(dir.resolve("neo4j"), 32L * 1024 * 1024)) {
            var policy = new CachingPolicyClient(new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics,
                    OpenTelemetry.noop().getTracer("test")), Duration.ofSeconds(2), 100, metrics);
            Neo4jConnection acme = graphs.connection("acme");
            Neo4jConnection globex = graphs.connection("globex");
            assertThat(acme.uri()).isNotEqualTo(globex.uri());
            assertThat(acme.password()).isNotEqualTo(globex.password());
            assertThat(graphs.connection("acme")).isSameAs(acme);
            try (var d = GraphDatabase.driver(acme.uri(), AuthTokens.basic(acme.user(), acme.password())); var s = d.session()) {
                s.run("UNWIND range(1, 50) AS i CREATE (:Person {id: 'acme-' + i, name: 'secret ' + i})").consume();
            }
            String question = "MATCH (p:Person) RETURN p.id AS id, p.name AS name";
            try (var acmeDriver = GraphDatabase.driver(acme.uri(), AuthTokens.basic(acme.user(), acme.password()));
                 var globexDriver = GraphDatabase.driver(globex.uri(), AuthTokens.basic(globex.user(), globex.password()))) {
                var own = new CypherSandbox(acmeDriver, policy, SandboxSettings.defaults(), metrics, a -> { });
                var other = new CypherSandbox(globexDriver, policy, SandboxSettings.defaults(), metrics, a -> { });
                assertThat(own.run("acme", "ana", null, question, Map.of()).rows()).hasSize(50);
                assertThat(other.run("globex", "gus", null, question, Map.of()).rows()).as("zero cross-tenant rows").isEmpty();
                assertThat(other.run("globex", "gus", null, "CALL db.labels() YIELD label RETURN label", Map.of()).rows())
                        .as("not even acme's labels").isEmpty();
            }
            // acme's credentials do not open globex's graph
            try (var wrong = GraphDatabase.driver(globex.uri(), AuthTokens.basic(acme.user(), acme.password()))) {
                assertThatThrownBy(wrong::verifyConnectivity).hasMessageContaining("unauthorized");
            }
            assertThatThrownBy(() -> graphs.connection("../acme")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
