package io.maestro.api.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a plugin is given by the host: its identity, a private data directory, its configuration
 * directory, its settings, a narrow control over runs, a way to report audit-worthy actions and
 * (since 1.1.0) the engine's policy decisions. Never a handle to the run store or to another plugin.
 */
public interface PluginContext {
    String pluginId();

    String pluginVersion();

    /** A directory only this plugin writes to; it survives restarts and plugin upgrades. */
    Path dataDirectory();

    /** Where operators put this plugin's configuration files ({@code <plugins dir>/<id>/}). */
    Path configDirectory();

    /** Settings from the environment meant for this plugin ({@code MAESTRO_PLUGIN_<ID>_<KEY>}). */
    Map<String, String> settings();

    /** The few things a plugin may do to runs (e.g. a budget plugin halting a run over budget). */
    RunControl runs();

    /** Reports an action for the audit log; the host adds this plugin's id as its source and the time. */
    void audit(AuditEntry entry);

    /**
     * The engine's policy layer (OPA), to ask the same policies the engine asks (since 1.1.0).
     *
     * @throws UnsupportedOperationException when this host has no policy layer
     */
    default io.maestro.api.policy.PolicyDecisions policy() {
        throw new UnsupportedOperationException("this Maestro host offers plugins no policy decisions");
    }
}
