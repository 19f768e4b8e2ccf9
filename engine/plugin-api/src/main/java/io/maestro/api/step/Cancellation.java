package io.maestro.api.step;

/** Lets an executor notice cancellation (Ctrl-C, timeout, run cancel) and stop its work. */
public interface Cancellation {
    boolean isCancelled();

    /** Runs {@code action} once when cancelled (immediately if already cancelled). */
    void onCancel(Runnable action);
}
