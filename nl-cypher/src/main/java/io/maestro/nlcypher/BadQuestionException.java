package io.maestro.nlcypher;

/** The question cannot be translated as asked (empty, too long, no text); the message says why. */
public final class BadQuestionException extends IllegalArgumentException {
    public BadQuestionException(String message) {
        super(message);
    }
}
