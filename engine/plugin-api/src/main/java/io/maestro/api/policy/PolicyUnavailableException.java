package io.maestro.api.policy;

/** No policy decision could be had (the engine is down, too slow or answered an error): deny and say so. */
public class PolicyUnavailableException extends RuntimeException {
    public PolicyUnavailableException(String message) {
        super(message);
    }

    public PolicyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
