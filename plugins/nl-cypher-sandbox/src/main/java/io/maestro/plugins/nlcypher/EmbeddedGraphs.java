package io.maestro.plugins.nlcypher;

import io.maestro.sandbox.Neo4jConnection;
import io.maestro.sandbox.TenantGraphs;
import io.maestro.sandbox.sample.LoadReport;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default: one embedded Neo4j per tenant under {@code <root>/<tenant>} ({@link TenantGraphs}), started at
 * the tenant's first request and stopped with the plugin. An empty graph gets the sample graph first, when asked.
 */
final class EmbeddedGraphs implements Graphs {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedGraphs.class);
    static final String DATABASE = "neo4j";
    /** A plugin version being replaced may still hold the store for a moment; its successor waits this long. */
    private static final Duration STORE_LOCK_WAIT = Duration.ofSeconds(30);

    private final TenantGraphs stores;
    private final Size sample;
    private final Duration connectTimeout;
    private final Map<String, Memo<Graph>> graphs = new ConcurrentHashMap<>();
    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    /** @param sample loaded into a tenant's graph when it is empty at first use; null for none */
    EmbeddedGraphs(Path root, long pageCacheBytes, Size sample, Duration connectTimeout) {
        this.stores = new TenantGraphs(root, pageCacheBytes);
        this.sample = sample;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Graph graph(String tenant) {
        return graphs.computeIfAbsent(tenant, t -> new Memo<>(() -> open(t))).get();
    }

    private Graph open(String tenant) {
        Neo4jConnection connection = start(tenant);
        Driver driver = Drivers.open(connection, connectTimeout);
        drivers.add(driver);
        if (sample != null) loadSampleIfEmpty(tenant, driver);
        return new Graph(driver, DATABASE);
    }

    private Neo4jConnection start(String tenant) {
        long deadline = System.nanoTime() + STORE_LOCK_WAIT.toNanos();
        while (true) {
            try {
                return stores.connection(tenant);
            } catch (RuntimeException e) {
                if (!storeLocked(e) || System.nanoTime() > deadline) {
                    throw new GraphUnavailableException("the graph of tenant " + tenant + " could not be started: " + rootMessage(e), e);
                }
                log.info("graph of tenant {} is still held by the previous plugin version; waiting", tenant);
                sleep();
            }
        }
    }

    private void loadSampleIfEmpty(String tenant, Driver driver) {
        boolean empty;
        try (var session = driver.session(SessionConfig.forDatabase(DATABASE))) {
            empty = session.run("MATCH (n) RETURN n LIMIT 1").list().isEmpty();
        }
        if (!empty) return;
        LoadReport report = SampleGraph.load(driver, DATABASE, sample, SampleGraph.DEFAULT_SEED);
        log.atInfo().addKeyValue("tenant", tenant).addKeyValue("sample", sample.name()).addKeyValue("nodes", report.nodes())
                .addKeyValue("relationships", report.relationships()).addKeyValue("took_ms", report.took().toMillis())
                .log("loaded the sample graph into the empty graph of tenant {}", tenant);
    }

    private static boolean storeLocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("FileLockException")) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphUnavailableException("interrupted while waiting for the graph", e);
        }
    }

    @Override
    public void close() {
        drivers.forEach(Driver::close);
        drivers.clear();
        stores.close();
    }
}
