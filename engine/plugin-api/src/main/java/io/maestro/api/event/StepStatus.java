package io.maestro.api.event;

/** Lifecycle state of one step instance (a matrix combination is its own instance). */
public enum StepStatus {
    PENDING, SCHEDULED, HELD, RUNNING, RETRYING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
