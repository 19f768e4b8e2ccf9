package io.maestro.bench;

import io.maestro.sandbox.EmbeddedNeo4j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Start and stop times of the embedded Neo4j (a scripted measurement: each round is seconds long,
 * so JMH's statistics add nothing). Round 1 creates the store (and sets the password); later rounds
 * reopen it. Usage: {@code java -cp 'bench/target/maestro-bench-…jar:bench/target/lib/*' io.maestro.bench.Neo4jLifecycle [rounds]}
 */
public final class Neo4jLifecycle {
    private Neo4jLifecycle() { }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path dir = Files.createTempDirectory("maestro-neo4j-lifecycle");
        List<Long> starts = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir.resolve("store"));
            long t1 = System.nanoTime();
            neo4j.close();
            long t2 = System.nanoTime();
            System.out.printf("round %d: start %d ms, stop %d ms%s%n", i + 1, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    i == 0 ? " (creates the store)" : "");
            if (i > 0) {
                starts.add((t1 - t0) / 1_000_000);
                stops.add((t2 - t1) / 1_000_000);
            }
        }
        Collections.sort(starts);
        Collections.sort(stops);
        System.out.printf("reopen: start median %d ms (min %d, max %d); stop median %d ms (min %d, max %d)%n",
                starts.get(starts.size() / 2), starts.getFirst(), starts.getLast(), stops.get(stops.size() / 2), stops.getFirst(), stops.getLast());
        io.maestro.core.os.LocalResources.deleteTree(dir);
    }
}
