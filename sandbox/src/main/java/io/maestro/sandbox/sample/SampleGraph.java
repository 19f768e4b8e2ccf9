package io.maestro.sandbox.sample;

import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.Neo4jConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * A deterministic Intelgraph-style sample graph for investigations: people, organisations, bank
 * accounts and the transactions between them, devices and where they were seen, events, documents,
 * and a few planted suspicious patterns (money cycles, shared devices). The same size and seed give
 * the same graph content. It is loaded through the driver like any external server; the graph carries
 * no tenant (tenants get separate databases). See {@code docs/sample-graph.md}.
 */
public final class SampleGraph {
    public static final long DEFAULT_SEED = 42;
    /** Rows per {@code UNWIND} batch, one transaction each. */
    static final int BATCH_ROWS = 10_000;
    /** Batches written at once; two keep both cores of a small machine busy. */
    static final int WRITERS = 2;

    /**
     * The driver logs through {@code System.Logger}, by default java.util.logging. Concurrent batches
     * sometimes deadlock on a hub and are retried, and the driver would log each retry with a stack
     * trace; {@link #main} keeps it to errors. Held here so the setting is not collected.
     */
    private static final Logger DRIVER_LOG = Logger.getLogger("org.neo4j.driver");

    private SampleGraph() {}

    /**
     * Creates the {@code id} uniqueness constraints, then the graph, in {@code database}, which must
     * hold no nodes.
     *
     * @throws IllegalStateException when the database already holds nodes
     */
    public static LoadReport load(Driver driver, String database, Size size, long seed) {
        long t0 = System.nanoTime();
        var generator = new SampleGenerator(size, seed);
        try (var loader = new BoltLoader(driver, database, BATCH_ROWS, WRITERS)) {
            loader.requireEmpty();
            loader.createConstraints();
            generator.generate(loader);
            loader.finish();
            return new LoadReport(loader.nodeCounts(), loader.relationshipCounts(), Duration.ofNanos(System.nanoTime() - t0), generator.planted());
        }
    }

    /** {@code SampleGraph <store-dir> <size> [seed]}: loads into an embedded Neo4j there and prints the figures. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SampleGraph <store-dir> <tiny|small|large|node-count> [seed, default " + DEFAULT_SEED + "]");
            System.exit(2);
        }
        Size size;
        long seed;
        try {
            size = Size.parse(args[1]);
            seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        } catch (IllegalArgumentException e) {
            System.err.println("SampleGraph: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Path.of(args[0]);
        DRIVER_LOG.setLevel(Level.SEVERE);
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir)) {
            Neo4jConnection c = neo4j.connection();
            System.out.printf("embedded Neo4j started in %d ms, store %s%n", neo4j.startedIn().toMillis(), dir.toAbsolutePath());
            System.out.printf("loading size %s (%,d nodes), seed %d, %d cores, max heap %d MiB%n", size.name(), size.nodes(), seed,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            try (Driver driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()))) {
                System.out.print(load(driver, "neo4j", size, seed).summary());
            }
            peakResidentKiB().ifPresent(kib -> System.out.printf("peak RSS %,d MiB (VmHWM of this JVM: Neo4j and the loader)%n", kib >> 10));
        } catch (IllegalStateException e) {
            System.err.println("SampleGraph: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Optional<Long> peakResidentKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
