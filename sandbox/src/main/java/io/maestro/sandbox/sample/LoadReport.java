package io.maestro.sandbox.sample;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a load created, as counted by the database (each batch's summary counters), and how long it took.
 *
 * @param nodesByLabel         nodes created per label, in load order
 * @param relationshipsByType  relationships created per type, in load order
 * @param took                 the whole load: plan, emptiness check, constraints, every batch committed
 * @param planted              the deliberate suspicious patterns
 */
public record LoadReport(Map<String, Long> nodesByLabel, Map<String, Long> relationshipsByType, Duration took, PlantedPatterns planted) {
    public LoadReport {
        nodesByLabel = Collections.unmodifiableMap(new LinkedHashMap<>(nodesByLabel));
        relationshipsByType = Collections.unmodifiableMap(new LinkedHashMap<>(relationshipsByType));
    }

    public long nodes() {
        return nodesByLabel.values().stream().mapToLong(Long::longValue).sum();
    }

    public long relationships() {
        return relationshipsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    public double nodesPerSecond() {
        return nodes() / seconds();
    }

    public double relationshipsPerSecond() {
        return relationships() / seconds();
    }

    private double seconds() {
        return Math.max(took.toNanos(), 1) / 1e9;
    }

    /** A few lines for a terminal. */
    public String summary() {
        var out = new StringBuilder();
        out.append(String.format("loaded %,d nodes and %,d relationships in %.1f s (%,.0f nodes/s, %,.0f relationships/s)%n",
                nodes(), relationships(), seconds(), nodesPerSecond(), relationshipsPerSecond()));
        out.append("  nodes:        ");
        nodesByLabel.forEach((label, n) -> out.append(String.format("%s %,d  ", label, n)));
        out.append(String.format("%n  relationships: "));
        relationshipsByType.forEach((type, n) -> out.append(String.format("%s %,d  ", type, n)));
        out.append(String.format("%n  planted:      %d money cycles, %d shared devices%n", planted.moneyCycles().size(), planted.sharedDevices().size()));
        return out.toString();
    }
}
