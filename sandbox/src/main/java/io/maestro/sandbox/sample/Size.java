package io.maestro.sandbox.sample;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many nodes the sample graph has: a preset ({@link #TINY}, {@link #SMALL}, {@link #LARGE}) or a
 * custom count. The nodes split over the labels in fixed shares; relationships come to about 2.3
 * per node.
 */
public record Size(String name, int nodes) {
    /** Fewer nodes would leave some label too small for the planted patterns. */
    public static final int MIN_NODES = 200;
    public static final Size TINY = new Size("tiny", 400);
    public static final Size SMALL = new Size("small", 10_000);
    public static final Size LARGE = new Size("large", 1_000_000);

    public Size {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a size needs a name");
        if (nodes < MIN_NODES) throw new IllegalArgumentException("size '" + name + "' has " + nodes + " nodes; the sample graph needs at least " + MIN_NODES);
    }

    public static Size ofNodes(int nodes) {
        return new Size(Integer.toString(nodes), nodes);
    }

    /** {@code tiny}, {@code small}, {@code large} (any case) or a node count such as {@code 250000} or {@code 250_000}. */
    public static Size parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "tiny" -> TINY;
            case "small" -> SMALL;
            case "large" -> LARGE;
            default -> ofNodes(count(text, t));
        };
    }

    private static int count(String text, String t) {
        try {
            return Integer.parseInt(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown size '" + text + "': use tiny, small, large or a node count (at least " + MIN_NODES + ")");
        }
    }

    /** Nodes per label; the rounding remainder goes to transactions, so the counts add up to {@link #nodes()}. */
    Map<NodeLabel, Integer> nodesByLabel() {
        var counts = new EnumMap<NodeLabel, Integer>(NodeLabel.class);
        int assigned = 0;
        for (NodeLabel label : NodeLabel.values()) {
            int n = (int) ((long) nodes * label.perMille / 1000);
            counts.put(label, n);
            assigned += n;
        }
        counts.merge(NodeLabel.TRANSACTION, nodes - assigned, Integer::sum);
        return counts;
    }
}
