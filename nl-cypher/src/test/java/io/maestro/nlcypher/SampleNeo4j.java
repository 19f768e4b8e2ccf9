package io.maestro.nlcypher;

import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * One embedded Neo4j per test JVM holding the SMALL sample graph (seed 42), kept under
 * {@code target/test-graphs/} so repeated runs reuse the store; stopped at JVM exit.
 */
public final class SampleNeo4j {
    private static EmbeddedNeo4j neo4j;
    private static Driver driver;

    private SampleNeo4j() { }

    public static synchronized Driver driver() {
        if (driver != null) return driver;
        Path dir = Path.of("target", "test-graphs", "small-42").toAbsolutePath();
        boolean loaded = Files.exists(dir.resolve("loaded"));
        neo4j = EmbeddedNeo4j.start(dir);
        var c = neo4j.connection();
        driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        if (!loaded) {
            SampleGraph.load(driver, "neo4j", Size.SMALL, 42);
            try {
                Files.writeString(dir.resolve("loaded"), "SMALL 42\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            driver.close();
            neo4j.close();
        }));
        return driver;
    }
}
