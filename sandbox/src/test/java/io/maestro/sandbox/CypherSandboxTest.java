package io.maestro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allowed queries through the whole sandbox: preview, capped run, timeout, rate limit, typed errors. */
class CypherSandboxTest {
    @TempDir static Path dir;
    static SandboxFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SandboxFixture(dir);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    static SandboxSettings with(int rowCap, Duration timeout, long perMinute) {
        var d = SandboxSettings.defaults();
        return new SandboxSettings(rowCap, timeout, d.cheapRows(), d.moderateRows(), d.blockedRows(), perMinute, d.blockedBurst());
    }

    @Test
    void aReadIsPreviewedWithItsPlanAndRunWithParameters() {
        CypherSandbox sandbox = fixture.sandbox(SandboxSettings.defaults());
        String q = "MATCH (p:Person)-[:OWNS]->(a:Account) WHERE a.balance > $min RETURN p.name AS name, a.balance AS balance ORDER BY balance DESC";
        CypherSandbox.Preview preview = sandbox.preview("acme", "ana", null, q);
        assertThat(preview.facts().labels()).containsExactly("Account", "Person");
        assertThat(preview.facts().relationshipTypes()).containsExactly("OWNS");
        assertThat(preview.cost().operators()).isNotEmpty();
        assertThat(preview.cost().costClass()).isIn(SandboxSettings.CostClass.CHEAP, SandboxSettings.CostClass.MODERATE);

        CypherSandbox.QueryResult result = sandbox.run("acme", "ana", null, q, Map.of("min", 1990));
        assertThat(result.columns()).containsExactly("name", "balance");
        assertThat(result.rows()).hasSize(1).first().satisfies(r -> assertThat(r).containsEntry("name", "person 200").containsEntry("balance", 2000L));
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void theRowCapIsALimitAddedOrLoweredAndTheResultSaysItWasCut() {
        CypherSandbox sandbox = fixture.sandbox(with(25, Duration.ofSeconds(5), 1000));
        assertThat(CypherFacts.of("MATCH (p:Person) RETURN p.id", 25).runnable()).endsWith("LIMIT 26");
        assertThat(CypherFacts.of("MATCH (p:Person) RETURN p.id LIMIT 10", 25).runnable()).endsWith("LIMIT 10");
        assertThat(CypherFacts.of("MATCH (p:Person) RETURN p.id LIMIT 100000", 25).runnable()).endsWith("LIMIT 26");
        assertThat(CypherFacts.of("MATCH (p:Person) RETURN p.id LIMIT $n", 25).runnable()).endsWith("LIMIT 26");

        CypherSandbox.QueryResult capped = sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN p", Map.of());
        assertThat(capped.rows()).hasSize(25);
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.rows().getFirst().get("p")).isInstanceOfSatisfying(Map.class, node -> assertThat(node).containsKeys("labels", "properties"));
        CypherSandbox.QueryResult small = sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN p.id LIMIT 3", Map.of());
        assertThat(small.rows()).hasSize(3);
        assertThat(small.truncated()).isFalse();
    }

    @Test
    void aSlowQueryIsStoppedByTheTransactionTimeout() {
        CypherSandbox sandbox = fixture.sandbox(with(10, Duration.ofMillis(500), 1000));
        assertThat(CypherFacts.of("UNWIND range(1, 9) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n", 10).runnable())
                .as("only the final RETURN is capped").isEqualTo("UNWIND range(1, 9) AS i WITH i WHERE (i % 7) = 3 RETURN count(i) AS n LIMIT 11");
        assertThatThrownBy(() -> sandbox.run("acme", "ana", null,
                "UNWIND range(1, 500000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n", Map.of()))
                .isInstanceOf(CypherSandbox.QueryFailedException.class).hasMessageContaining("longer than 500 ms")
                .satisfies(e -> assertThat(((CypherSandbox.QueryFailedException) e).kind())
                        .as("a timeout is told apart from other failures").isEqualTo(CypherSandbox.QueryFailedException.Kind.TIMEOUT));
    }

    @Test
    void eachTenantHasItsOwnRateLimit() {
        CypherSandbox sandbox = fixture.sandbox(with(10, Duration.ofSeconds(5), 3));
        for (int i = 0; i < 3; i++) sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN count(p) AS n", Map.of());
        assertThatThrownBy(() -> sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN count(p) AS n", Map.of()))
                .isInstanceOf(CypherSandbox.RateLimitedException.class).hasMessageContaining("acme");
        assertThat(sandbox.run("globex", "gus", null, "MATCH (p:Person) RETURN count(p) AS n", Map.of()).rows()).hasSize(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a hang guard, not a speed check
    void aDeadDatabaseIsATypedErrorNotAHang() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var dead = org.neo4j.driver.GraphDatabase.driver("bolt://127.0.0.1:" + port, org.neo4j.driver.AuthTokens.basic("neo4j", "x"),
                org.neo4j.driver.Config.builder().withConnectionTimeout(1, java.util.concurrent.TimeUnit.SECONDS)
                        .withMaxTransactionRetryTime(0, java.util.concurrent.TimeUnit.SECONDS).build())) {
            var sandbox = new CypherSandbox(dead, fixture.policy, SandboxSettings.defaults(), fixture.metrics, a -> { });
            assertThatThrownBy(() -> sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN p.id", Map.of()))
                    .isInstanceOf(CypherSandbox.QueryFailedException.class).hasMessageContaining("not reachable")
                    .satisfies(e -> assertThat(((CypherSandbox.QueryFailedException) e).kind())
                            .isEqualTo(CypherSandbox.QueryFailedException.Kind.UNAVAILABLE));
        }
    }

    @Test
    void credentialsTheDatabaseRefusesAreAnUnavailableDatabaseNotABlockedQuery() {
        var c = fixture.neo4j.connection();
        try (var wrong = org.neo4j.driver.GraphDatabase.driver(c.uri(), org.neo4j.driver.AuthTokens.basic(c.user(), "not-the-password"),
                org.neo4j.driver.Config.builder().withMaxTransactionRetryTime(0, java.util.concurrent.TimeUnit.SECONDS).build())) {
            var sandbox = new CypherSandbox(wrong, fixture.policy, SandboxSettings.defaults(), fixture.metrics, a -> { });
            assertThatThrownBy(() -> sandbox.run("acme", "ana", null, "MATCH (p:Person) RETURN p.id", Map.of()))
                    .isInstanceOf(CypherSandbox.QueryFailedException.class).hasMessageContaining("credentials")
                    .satisfies(e -> assertThat(((CypherSandbox.QueryFailedException) e).kind())
                            .isEqualTo(CypherSandbox.QueryFailedException.Kind.UNAVAILABLE));
        }
    }

    @Test
    void badInputIsATypedRefusalNeverAHang() {
        CypherSandbox sandbox = fixture.sandbox(SandboxSettings.defaults());
        for (String bad : new String[] {"", "   ", "MATCH (n", "x".repeat(100_000), "¿Quién conoce a quién?"}) {
            assertThatThrownBy(() -> sandbox.preview("acme", "ana", null, bad)).isInstanceOf(BlockedQueryException.class)
                    .satisfies(e -> assertThat(((BlockedQueryException) e).rule()).isEqualTo("cypher.unparseable"));
        }
        assertThat(sandbox.preview("acme", "ana", null, "MATCH (n:NoSuchLabel) RETURN n").cost().notices())
                .as("the planner's warning is shown").anySatisfy(n -> assertThat(n.code()).containsIgnoringCase("UnknownLabel"));
    }
}
