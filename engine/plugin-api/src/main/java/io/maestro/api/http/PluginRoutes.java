package io.maestro.api.http;

import java.util.List;

/**
 * HTTP routes a plugin contributes. The server mounts them under {@code /api/v1/plugins/{pluginId}/…}
 * (authenticated and tenant-scoped like every other API route) and removes them when the plugin is
 * unloaded. Framework-neutral: no servlet or Spring type crosses this boundary.
 */
public interface PluginRoutes extends io.maestro.api.plugin.MaestroExtension {
    List<Route> routes();

    /**
     * @param method  GET, POST, PUT, PATCH or DELETE
     * @param path    relative to the plugin's prefix, with {@code {name}} path variables, e.g. {@code /usage/{tenant}}
     */
    record Route(String method, String path, Handler handler) {
        public Route {
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                throw new IllegalArgumentException("unsupported HTTP method " + method);
            }
            if (!path.startsWith("/")) throw new IllegalArgumentException("route path must start with '/': " + path);
        }
    }

    @FunctionalInterface
    interface Handler {
        PluginResponse handle(PluginRequest request) throws Exception;
    }
}
