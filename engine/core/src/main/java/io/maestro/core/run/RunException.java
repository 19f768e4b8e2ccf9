package io.maestro.core.run;

/** A run cannot be started or resumed, for a reason the user can act on. */
public class RunException extends RuntimeException {
    public RunException(String message) {
        super(message);
    }
}
