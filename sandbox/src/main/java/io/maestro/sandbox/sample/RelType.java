package io.maestro.sandbox.sample;

/** The relationship types of the sample graph, in the order they are loaded. */
enum RelType {
    WORKS_FOR, OWNS, SENT, RECEIVED_BY, USES, SEEN_AT, KNOWS, INVOLVED_IN, AT, MENTIONS, SUBSIDIARY_OF, LOCATED_IN
}
