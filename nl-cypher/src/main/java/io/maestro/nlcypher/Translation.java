package io.maestro.nlcypher;

import java.util.List;

/**
 * The answer to a question: how sure the translator is, its best candidate and the alternatives.
 * When {@link Status#UNSURE} the best candidate is a guess to show, never to run without the
 * analyst's say; when {@link Status#NO_MATCH} there is no candidate at all.
 */
public record Translation(String question, Status status, Candidate best, List<Candidate> alternatives,
                          String backend, List<String> notes) {
    public Translation {
        alternatives = List.copyOf(alternatives);
        notes = List.copyOf(notes);
        if (status != Status.NO_MATCH && best == null) throw new IllegalArgumentException("a " + status + " translation needs a candidate");
    }

    public enum Status { CONFIDENT, UNSURE, NO_MATCH }

    public double confidence() {
        return best == null ? 0 : best.confidence();
    }
}
