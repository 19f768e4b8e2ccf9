package io.maestro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

class EmbeddedNeo4jTest {
    @Test
    void startsOnLoopbackWithAuthenticationAndKeepsItsPasswordAcrossRestarts(@TempDir Path dir) throws Exception {
        String password;
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir)) {
            Neo4jConnection c = neo4j.connection();
            assertThat(c.uri().getHost()).isEqualTo("127.0.0.1");
            password = c.password();
            try (Driver driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
                 var session = driver.session()) {
                session.run("CREATE (:Person {name: 'Ada'})").consume();
                assertThat(session.run("MATCH (p:Person) RETURN p.name AS name").single().get("name").asString()).isEqualTo("Ada");
            }
            try (Driver wrong = GraphDatabase.driver(c.uri(), AuthTokens.basic("neo4j", "neo4j"))) {
                assertThatThrownBy(wrong::verifyConnectivity).hasMessageContaining("unauthorized");
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("credentials")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
            assertThat(c.toString()).doesNotContain(password);
        }
        try (EmbeddedNeo4j again = EmbeddedNeo4j.start(dir);
             Driver driver = GraphDatabase.driver(again.connection().uri(), AuthTokens.basic("neo4j", again.connection().password()));
             var session = driver.session()) {
            assertThat(again.connection().password()).isEqualTo(password);
            assertThat(session.run("MATCH (p:Person) RETURN count(p) AS n").single().get("n").asLong()).isEqualTo(1);
        }
    }
}
