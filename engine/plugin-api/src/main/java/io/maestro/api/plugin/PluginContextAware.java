package io.maestro.api.plugin;

/** An extension that wants its {@link PluginContext}: the host calls {@link #init} once, before any other call. */
public interface PluginContextAware {
    void init(PluginContext context) throws Exception;
}
