package io.maestro.api.event;

/** Lifecycle state of a run. */
public enum RunStatus {
    SUBMITTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
