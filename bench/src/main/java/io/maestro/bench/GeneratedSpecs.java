package io.maestro.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Spec texts the benchmarks run, generated so every run of a benchmark sees the same pipeline. */
final class GeneratedSpecs {
    static final long SEED = 20_261_101L;

    private GeneratedSpecs() { }

    /**
     * {@code levels × width} {@code noop} steps; each step past the first level needs 1–3 distinct
     * steps of the level before, picked by a fixed-seed random so the DAG is the same every time.
     */
    static String layeredNoop(int levels, int width, int concurrency) {
        var random = new SplittableRandom(SEED);
        var yaml = header("bench-noop", concurrency);
        for (int level = 0; level < levels; level++) {
            for (int i = 0; i < width; i++) {
                yaml.append("  - id: ").append(id(level, i)).append('\n');
                yaml.append("    uses: noop\n");
                if (level == 0) continue;
                List<String> needs = new ArrayList<>(3);
                int count = 1 + random.nextInt(3);
                while (needs.size() < Math.min(count, width)) {
                    String need = id(level - 1, random.nextInt(width));
                    if (!needs.contains(need)) needs.add(need);
                }
                yaml.append("    needs: [").append(String.join(", ", needs)).append("]\n");
            }
        }
        return yaml.toString();
    }

    /** {@code length} {@code shell} steps running {@code true}, each needing the one before. */
    static String shellChain(int length) {
        var yaml = header("bench-shell", 1);
        for (int i = 0; i < length; i++) {
            yaml.append("  - id: sh").append(i).append('\n');
            yaml.append("    uses: shell\n");
            yaml.append("    with: {run: \"true\"}\n");
            if (i > 0) yaml.append("    needs: [sh").append(i - 1).append("]\n");
        }
        return yaml.toString();
    }

    private static StringBuilder header(String name, int concurrency) {
        return new StringBuilder(1 << 16)
                .append("apiVersion: maestro/v1\n")
                .append("kind: Pipeline\n")
                .append("metadata: {name: ").append(name).append("}\n")
                .append("concurrency: ").append(concurrency).append('\n')
                .append("steps:\n");
    }

    private static String id(int level, int index) {
        return "s" + level + "-" + index;
    }
}
