package io.maestro.core.step;

/** The executor found for a step type was unloaded before it could run; look the type up again. */
public class ExecutorUnavailableException extends RuntimeException {
    public ExecutorUnavailableException(String message) {
        super(message, null, false, false);
    }
}
