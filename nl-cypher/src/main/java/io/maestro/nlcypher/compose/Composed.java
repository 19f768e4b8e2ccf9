package io.maestro.nlcypher.compose;

import java.util.Map;

/**
 * A query composed for one intent: Cypher text rendered by Cypher-DSL, its parameters, a
 * one-line explanation and how well the question's mentions filled the intent's slots (0..1).
 */
public record Composed(String cypher, Map<String, Object> parameters, String explanation, double fit) { }
