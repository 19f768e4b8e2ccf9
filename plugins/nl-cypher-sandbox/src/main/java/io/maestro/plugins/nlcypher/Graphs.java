package io.maestro.plugins.nlcypher;

/** Each tenant's graph: {@link EmbeddedGraphs} (the default) or {@link ExternalGraphs} (one Neo4j, a database per tenant). */
interface Graphs extends AutoCloseable {
    /**
     * The tenant's graph, opened on first use.
     *
     * @throws GraphUnavailableException when it cannot be opened now
     */
    Graph graph(String tenant);

    @Override
    void close();
}
