package io.maestro.api.event;

/**
 * Observes run-level events, asynchronously and in order per run, at least once. A slow or
 * throwing listener never stalls or fails a run. Implement only the methods you need.
 */
public interface RunListener extends io.maestro.api.plugin.MaestroExtension {
    default void onRunSubmitted(MaestroEvent.RunSubmitted event) { }
    default void onRunStarted(MaestroEvent.RunStarted event) { }
    default void onRunFinished(MaestroEvent.RunFinished event) { }
    /** Run and step gate decisions (only emitted when at least one gate is registered). */
    default void onGateDecided(MaestroEvent.GateDecided event) { }
    /** Actions other plugins report for the audit log (authorization changes, overrides, exports, data access). */
    default void onAuditAction(MaestroEvent.AuditAction event) { }
    default void onPluginLoaded(MaestroEvent.PluginLoaded event) { }
    default void onPluginUnloaded(MaestroEvent.PluginUnloaded event) { }
}
