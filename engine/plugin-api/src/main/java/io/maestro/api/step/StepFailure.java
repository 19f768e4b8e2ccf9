package io.maestro.api.step;

/** An attempt failed for a reason the user should see (exit code, HTTP status, …). */
public class StepFailure extends Exception {
    private final boolean retryable;

    public StepFailure(String message) {
        this(message, true);
    }

    public StepFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** False when retrying cannot help (bad input); the conductor then stops retrying. */
    public boolean retryable() {
        return retryable;
    }
}
