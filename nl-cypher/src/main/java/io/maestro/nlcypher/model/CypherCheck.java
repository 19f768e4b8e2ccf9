package io.maestro.nlcypher.model;

import io.maestro.sandbox.CypherFacts;
import java.util.Optional;
import org.neo4j.driver.Driver;
import io.maestro.sandbox.ReadSessions;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Whether model-written Cypher is worth showing: it must parse as one statement (the sandbox's
 * parser) and pass {@code EXPLAIN} in a READ session. EXPLAIN plans without running anything.
 * The answer is the error text fed back to the model, or empty when the query is fine.
 */
@FunctionalInterface
public interface CypherCheck {
    Optional<String> problem(String cypher);

    static CypherCheck explain(Driver driver, String database) {
        return cypher -> {
            try {
                CypherFacts.of(cypher, 1_000);
            } catch (RuntimeException e) {
                return Optional.of("the query does not parse: " + e.getMessage());
            }
            try (var session = ReadSessions.open(driver, database)) {
                session.run("EXPLAIN " + cypher).consume();
                return Optional.empty();
            } catch (Neo4jException e) {
                return Optional.of("EXPLAIN failed: " + e.getMessage());
            }
        };
    }
}
