package io.maestro.sandbox;

import java.net.URI;
import java.util.Map;

/** Where a Neo4j is and how to log in: the embedded one, or an external server from the environment. */
public record Neo4jConnection(URI uri, String user, String password) {

    /** From NEO4J_URI, NEO4J_USER (default neo4j) and NEO4J_PASSWORD; null when NEO4J_URI is not set. */
    public static Neo4jConnection fromEnvironment(Map<String, String> env) {
        String uri = env.get("NEO4J_URI");
        if (uri == null || uri.isBlank()) return null;
        String password = env.get("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("NEO4J_PASSWORD is required with NEO4J_URI");
        return new Neo4jConnection(URI.create(uri.strip()), env.getOrDefault("NEO4J_USER", "neo4j"), password);
    }

    @Override
    public String toString() { // never the password
        return "Neo4jConnection[" + uri + ", user " + user + "]";
    }
}
