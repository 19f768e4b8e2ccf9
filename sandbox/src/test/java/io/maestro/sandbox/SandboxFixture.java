package io.maestro.sandbox;

import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Values;

/** A real OPA with the shipped policies and a real embedded Neo4j with a few hundred nodes, for sandbox tests. */
final class SandboxFixture implements AutoCloseable {
    final LocalOpa opa;
    final EmbeddedNeo4j neo4j;
    final Driver driver;
    final PolicyClient policy;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final List<CypherSandbox.BlockedAttempt> audited = new CopyOnWriteArrayList<>();

    SandboxFixture(Path dir) {
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir.resolve("opa"), null,
                Duration.ofSeconds(30), metrics);
        neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"));
        var c = neo4j.connection();
        driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        policy = new CachingPolicyClient(new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics,
                OpenTelemetry.noop().getTracer("test")), Duration.ofSeconds(2), 1000, metrics);
        try (var session = driver.session()) {
            session.run("UNWIND range(1, 400) AS i CREATE (:Person {id: 'p-' + i, name: 'person ' + i})").consume();
            session.run("UNWIND range(1, 200) AS i CREATE (:Account {id: 'a-' + i, balance: i * 10})").consume();
            session.run("MATCH (p:Person), (a:Account) WHERE p.id = 'p-' + a.balance / 10 CREATE (p)-[:OWNS]->(a)").consume();
            session.run("UNWIND range(1, 399) AS i MATCH (a:Person {id: 'p-' + i}), (b:Person {id: 'p-' + (i + 1)}) "
                    + "CREATE (a)-[:KNOWS {since: $year}]->(b)", Values.parameters("year", 2020)).consume();
        }
    }

    CypherSandbox sandbox(SandboxSettings settings) {
        return new CypherSandbox(driver, policy, settings, metrics, audited::add);
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
        opa.close();
    }
}
