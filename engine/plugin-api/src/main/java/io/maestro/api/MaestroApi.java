package io.maestro.api;

/**
 * The plugin API's own version (semantic versioning). Plugins declare the range they need in
 * their descriptor ({@code Plugin-Requires: >=1.0.0 & <2.0.0}); the host refuses a plugin whose range
 * excludes this version. Minor versions only add: 1.1.0 added {@code PluginContext.policy()} and the
 * action a plugin route may require ({@code PluginRoutes.Route.action}).
 */
public final class MaestroApi {
    public static final String VERSION = "1.1.0";

    private MaestroApi() { }
}
