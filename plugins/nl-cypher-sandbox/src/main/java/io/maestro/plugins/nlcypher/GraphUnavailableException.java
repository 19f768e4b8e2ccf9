package io.maestro.plugins.nlcypher;

/** A tenant's graph cannot be reached now (not started, misconfigured, down): the caller may retry later. */
final class GraphUnavailableException extends RuntimeException {
    GraphUnavailableException(String message) {
        super(message);
    }

    GraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
