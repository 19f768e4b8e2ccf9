package io.maestro.nlcypher;

/**
 * Turns an analyst's question into Cypher. Implementations never run the query: what they return
 * goes through the sandbox like any hand-typed query.
 */
public interface Translator {
    /**
     * @throws BadQuestionException for an empty, over-long or otherwise unusable question
     */
    Translation translate(String question);

    /** Short name shown with every translation, e.g. {@code offline} or {@code openai:gpt-4o-mini}. */
    String backend();
}
