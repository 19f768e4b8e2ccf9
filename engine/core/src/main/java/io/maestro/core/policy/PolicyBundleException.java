package io.maestro.core.policy;

/** A policy bundle could not be built or published (e.g. a Rego compile error); the previous one stays in force. */
public final class PolicyBundleException extends RuntimeException {
    public PolicyBundleException(String message) {
        super(message);
    }
}
