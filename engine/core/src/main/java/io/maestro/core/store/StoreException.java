package io.maestro.core.store;

/** The run store cannot be reached or written; the message never contains credentials. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
