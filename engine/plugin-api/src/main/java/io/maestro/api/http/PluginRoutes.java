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
     * @param action  an authorization action ({@code resource:verb}, e.g. {@code console:run}) the caller must
     *                hold as well as the server's generic one for plugin routes; null when the generic one is
     *                enough. It can only narrow who may call the route, never widen it (since 1.1.0)
     */
    record Route(String method, String path, Handler handler, String action) {
        public Route {
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                throw new IllegalArgumentException("unsupported HTTP method " + method);
            }
            if (!path.startsWith("/")) throw new IllegalArgumentException("route path must start with '/': " + path);
            if (action != null && !action.matches("[a-z]+:[a-z-]+")) {
                throw new IllegalArgumentException("route action must look like 'resource:verb', got " + action);
            }
        }

        public Route(String method, String path, Handler handler) {
            this(method, path, handler, null);
        }
    }

    @FunctionalInterface
    interface Handler {
        PluginResponse handle(PluginRequest request) throws Exception;
    }
}
