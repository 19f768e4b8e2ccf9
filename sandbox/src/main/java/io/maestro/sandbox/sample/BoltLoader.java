package io.maestro.sandbox.sample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Writes the generator's rows through the driver in {@code UNWIND $rows} batches, one transaction per
 * batch, values as parameters only (labels and types come from the enums). Relationships find their
 * ends by {@code id} through the uniqueness constraints.
 *
 * <p>A few batches are written at once, each in its own session: on two cores one writer leaves the
 * database half idle while the next batch is encoded. Every node batch commits before the first
 * relationship batch starts (a shared bookmark manager carries that order to a cluster too).
 * Concurrent relationship batches can deadlock on hub nodes; the driver's managed transactions retry
 * those.
 *
 * <p>Counts come from each batch's summary counters, and a batch that created fewer than it was given
 * fails the load: a missed {@code MATCH} would otherwise drop relationships silently.
 */
final class BoltLoader implements GraphSink, AutoCloseable {
    private final Driver driver;
    private final String database;
    private final int batchRows;
    private final SessionConfig sessionConfig;
    private final ExecutorService writers;
    private final Semaphore slots;
    private final int writerCount;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Map<NodeLabel, List<Map<String, Object>>> nodeBatches = new EnumMap<>(NodeLabel.class);
    private final Map<Shape, List<Map<String, Object>>> relationshipBatches = new LinkedHashMap<>();
    private final Map<NodeLabel, Long> nodes = new EnumMap<>(NodeLabel.class);
    private final Map<RelType, Long> relationships = new EnumMap<>(RelType.class);
    private boolean relationshipsStarted;

    /** One relationship query: type, end labels, and whether rows carry properties. */
    private record Shape(RelType type, NodeLabel from, NodeLabel to, boolean withProperties) {
        String cypher() {
            return "UNWIND $rows AS r MATCH (a:" + from.cypher + " {id: r.a}) MATCH (b:" + to.cypher + " {id: r.b}) "
                    + "CREATE (a)-[rel:" + type + "]->(b)" + (withProperties ? " SET rel = r.p" : "");
        }

        String describe() {
            return "(:" + from.cypher + ")-[:" + type + "]->(:" + to.cypher + ") relationships";
        }
    }

    BoltLoader(Driver driver, String database, int batchRows, int writerCount) {
        this.driver = driver;
        this.database = database;
        this.batchRows = batchRows;
        this.writerCount = writerCount;
        BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());
        this.sessionConfig = SessionConfig.builder().withDatabase(database).withBookmarkManager(bookmarks).build();
        this.writers = Executors.newFixedThreadPool(writerCount, Thread.ofPlatform().name("sample-graph-writer-", 1).daemon().factory());
        this.slots = new Semaphore(writerCount);
        for (NodeLabel label : NodeLabel.values()) nodes.put(label, 0L);
        for (RelType type : RelType.values()) relationships.put(type, 0L);
    }

    void requireEmpty() {
        try (Session session = driver.session(sessionConfig)) {
            long existing = session.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong();
            if (existing > 0) {
                throw new IllegalStateException("database '" + database + "' already holds " + existing
                        + " nodes; load the sample graph into an empty database (a fresh store, or MATCH (n) DETACH DELETE n first)");
            }
        }
    }

    /** A uniqueness constraint on {@code id} per label, online before the first row. */
    void createConstraints() {
        try (Session session = driver.session(sessionConfig)) {
            for (NodeLabel label : NodeLabel.values()) {
                session.run("CREATE CONSTRAINT " + label.cypher.toLowerCase(Locale.ROOT) + "_id IF NOT EXISTS FOR (n:" + label.cypher
                        + ") REQUIRE n.id IS UNIQUE").consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    @Override
    public void node(NodeLabel label, Map<String, Object> properties) {
        if (relationshipsStarted) throw new IllegalStateException("node " + properties.get("id") + " after the first relationship");
        List<Map<String, Object>> batch = nodeBatches.computeIfAbsent(label, l -> new ArrayList<>(batchRows));
        batch.add(properties);
        if (batch.size() >= batchRows) flushNodes(label, batch);
    }

    @Override
    public void relationship(RelType type, NodeLabel from, String fromId, NodeLabel to, String toId, Map<String, Object> properties) {
        if (!relationshipsStarted) {
            nodeBatches.forEach(this::flushNodes);
            awaitWriters();
            relationshipsStarted = true;
        }
        var shape = new Shape(type, from, to, !properties.isEmpty());
        List<Map<String, Object>> batch = relationshipBatches.computeIfAbsent(shape, s -> new ArrayList<>(batchRows));
        batch.add(shape.withProperties() ? Map.of("a", fromId, "b", toId, "p", properties) : Map.of("a", fromId, "b", toId));
        if (batch.size() >= batchRows) flushRelationships(shape, batch);
    }

    /** Writes what is still buffered and waits until it is committed. */
    void finish() {
        nodeBatches.forEach(this::flushNodes);
        if (!relationshipsStarted) awaitWriters();
        relationshipBatches.forEach(this::flushRelationships);
        awaitWriters();
    }

    Map<String, Long> nodeCounts() {
        var counts = new LinkedHashMap<String, Long>();
        synchronized (nodes) {
            nodes.forEach((label, n) -> counts.put(label.cypher, n));
        }
        return counts;
    }

    Map<String, Long> relationshipCounts() {
        var counts = new LinkedHashMap<String, Long>();
        synchronized (relationships) {
            relationships.forEach((type, n) -> counts.put(type.name(), n));
        }
        return counts;
    }

    private void flushNodes(NodeLabel label, List<Map<String, Object>> batch) {
        if (batch.isEmpty()) return;
        List<Map<String, Object>> rows = List.copyOf(batch);
        batch.clear();
        submit("UNWIND $rows AS r CREATE (n:" + label.cypher + ") SET n = r", rows, counters -> {
            expect(counters.nodesCreated(), rows.size(), label.cypher + " nodes");
            synchronized (nodes) {
                nodes.merge(label, (long) counters.nodesCreated(), Long::sum);
            }
        });
    }

    private void flushRelationships(Shape shape, List<Map<String, Object>> batch) {
        if (batch.isEmpty()) return;
        List<Map<String, Object>> rows = List.copyOf(batch);
        batch.clear();
        submit(shape.cypher(), rows, counters -> {
            expect(counters.relationshipsCreated(), rows.size(), shape.describe());
            synchronized (relationships) {
                relationships.merge(shape.type(), (long) counters.relationshipsCreated(), Long::sum);
            }
        });
    }

    /** Runs one batch on a writer once one is free; the generator waits meanwhile, so memory stays bounded. */
    private void submit(String cypher, List<Map<String, Object>> rows, java.util.function.Consumer<SummaryCounters> onCommit) {
        rethrowFailure();
        slots.acquireUninterruptibly();
        writers.execute(() -> {
            try (Session session = driver.session(sessionConfig)) {
                Map<String, Object> parameters = Map.of("rows", rows);
                onCommit.accept(session.executeWrite(tx -> tx.run(cypher, parameters).consume().counters()));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
    }

    private void awaitWriters() {
        slots.acquireUninterruptibly(writerCount);
        slots.release(writerCount);
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) throw e;
    }

    private static void expect(int created, int rows, String what) {
        if (created != rows) {
            throw new IllegalStateException("a batch of " + rows + " " + what + " created " + created
                    + "; an id it refers to is missing (a generator bug)");
        }
    }

    @Override
    public void close() {
        writers.shutdownNow();
        try {
            writers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
