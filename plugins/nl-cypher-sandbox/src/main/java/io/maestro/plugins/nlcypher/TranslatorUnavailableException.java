package io.maestro.plugins.nlcypher;

/** The tenant's translator could not be made (not installed, model missing, schema unreadable): retry later. */
final class TranslatorUnavailableException extends RuntimeException {
    TranslatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
