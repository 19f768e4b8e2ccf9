package io.maestro.nlcypher;

/** The checks every question passes before any translator sees it. */
public final class Questions {
    /** Longest question accepted, in characters. */
    public static final int MAX_LENGTH = 2_000;

    private Questions() { }

    /** Trims, removes control characters and refuses an empty or over-long question. */
    public static String clean(String question) {
        if (question == null || question.isBlank()) throw new BadQuestionException("question: must not be empty");
        if (question.length() > MAX_LENGTH) {
            throw new BadQuestionException("question: is " + question.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        String cleaned = question.replaceAll("[\\p{Cc}&&[^\\n\\t]]", " ").replaceAll("\\s+", " ").trim();
        if (cleaned.isEmpty()) throw new BadQuestionException("question: must contain text");
        return cleaned;
    }
}
