package io.maestro.api.step;

/** Lines written here are stored with the step attempt and shown by {@code maestro logs}. */
public interface StepLog {
    void stdout(String line);
    void stderr(String line);
}
