package io.maestro.core.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step as written (before matrix expansion). {@code pointer} locates it in the spec file. */
public record StepSpec(String id, String uses, List<String> needs, String when,
                       LinkedHashMap<String, List<Object>> matrix, Map<String, Object> with,
                       RetrySpec retry, Duration timeout, boolean continueOnFailure, boolean allowSkippedNeeds,
                       String pointer) {

    public boolean hasMatrix() {
        return matrix != null && !matrix.isEmpty();
    }

    public long matrixSize() {
        if (!hasMatrix()) return 1;
        long n = 1;
        for (List<Object> values : matrix.values()) n = Math.multiplyExact(n, values.size());
        return n;
    }
}
