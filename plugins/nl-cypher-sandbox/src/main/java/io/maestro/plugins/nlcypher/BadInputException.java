package io.maestro.plugins.nlcypher;

/** A request or step input that cannot be used as given: names the field and why (400, or a step failure). */
final class BadInputException extends RuntimeException {
    private final String field;

    BadInputException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
