package io.maestro.plugins.nlcypher;

import io.maestro.sandbox.Neo4jConnection;
import java.time.Duration;
import org.neo4j.driver.Driver;

/** One external Neo4j ({@code NEO4J_URI}); each tenant's graph is its own database there ({@link DatabaseNames}). */
final class ExternalGraphs implements Graphs {
    private final Driver driver;
    private final DatabaseNames names;

    ExternalGraphs(Neo4jConnection connection, DatabaseNames names, Duration connectTimeout) {
        this.driver = Drivers.open(connection, connectTimeout);
        this.names = names;
    }

    @Override
    public Graph graph(String tenant) {
        return new Graph(driver, names.of(tenant));
    }

    @Override
    public void close() {
        driver.close();
    }
}
