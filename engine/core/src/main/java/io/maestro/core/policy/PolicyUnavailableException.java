package io.maestro.core.policy;

/** The policy engine could not answer (down, too slow, or an error): callers deny and say so. */
public final class PolicyUnavailableException extends RuntimeException {
    public PolicyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public PolicyUnavailableException(String message) {
        super(message);
    }
}
