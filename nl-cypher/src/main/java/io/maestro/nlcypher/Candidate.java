package io.maestro.nlcypher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way to read a question: Cypher with its parameters (values never sit in the text),
 * the intent it came from, a confidence in [0, 1] and a one-line explanation for the analyst.
 */
public record Candidate(String intent, String cypher, Map<String, Object> parameters, double confidence, String explanation) {
    public Candidate {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (confidence < 0 || confidence > 1) throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
}
