package io.maestro.api.plugin;

/** What a plugin may do to runs of this conductor. Every use is logged with the plugin id and reason. */
public interface RunControl {
    /**
     * Cancels a run that is executing in this conductor: running steps are killed and recorded as
     * cancelled, with {@code reason} in the run's record.
     *
     * @return false when the run is not executing here (already finished, or on another conductor)
     */
    boolean cancel(String runId, String reason);

    RunControl NONE = (runId, reason) -> false;
}
