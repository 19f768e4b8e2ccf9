package io.maestro.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One graph per tenant, so no query can reach another tenant's data whatever it says: each tenant
 * gets its own embedded Neo4j store and instance ({@code <root>/<tenant>}, started on first use, own
 * port and credentials). Neo4j's community edition has one user database per instance, so the
 * instance is the unit of isolation; a deployment with an external server gives each tenant its own
 * server (or Enterprise database) the same way.
 */
public final class TenantGraphs implements AutoCloseable {
    private static final Pattern TENANT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private final Path root;
    private final long pageCacheBytes;
    private final Map<String, EmbeddedNeo4j> graphs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public TenantGraphs(Path root, long pageCacheBytes) {
        this.root = root;
        this.pageCacheBytes = pageCacheBytes;
    }

    /** The tenant's graph, started on first use. */
    public Neo4jConnection connection(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("not a tenant name (lower-case letters, digits and dashes): " + tenant);
        }
        if (closed) throw new IllegalStateException("the tenant graphs are closed");
        return graphs.computeIfAbsent(tenant, t -> EmbeddedNeo4j.start(root.resolve(t), pageCacheBytes)).connection();
    }

    @Override
    public void close() {
        closed = true;
        graphs.values().forEach(EmbeddedNeo4j::close);
        graphs.clear();
    }
}
