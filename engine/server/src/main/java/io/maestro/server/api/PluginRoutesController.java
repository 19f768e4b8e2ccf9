package io.maestro.server.api;

import io.maestro.api.http.PluginRequest;
import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes;
import io.maestro.core.plugin.PluginHost;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Mounts the routes plugins contribute under {@code /api/v1/plugins/{pluginId}/…}, looked up on every
 * request, so a route is there exactly while its plugin is loaded. Callers are authenticated and
 * the plugin gets their tenant; {@code /enable} and {@code /disable} belong to the plugins API.
 * Every call needs {@code plugin:read} (GET, HEAD) or {@code plugin:route-write}, and also the action
 * the route declares, if any (e.g. {@code console:run} for the nl-cypher console).
 */
@Hidden
@RestController
class PluginRoutesController {
    private static final Logger log = LoggerFactory.getLogger(PluginRoutesController.class);
    private static final String PREFIX = "/api/v1/plugins/";
    private final PluginHost plugins;
    private final Access access;

    PluginRoutesController(PluginHost plugins, Access access) {
        this.plugins = plugins;
        this.access = access;
    }

    @RequestMapping("/api/v1/plugins/{pluginId}/**")
    ResponseEntity<byte[]> dispatch(Caller caller, @PathVariable String pluginId, HttpServletRequest request) throws IOException {
        String method = request.getMethod();
        access.require(caller, method.equals("GET") || method.equals("HEAD") ? Permission.PLUGIN_READ : Permission.PLUGIN_ROUTE_WRITE);
        Ids.plugin(pluginId);
        String rest = request.getRequestURI().substring(PREFIX.length() + pluginId.length());
        List<PluginRoutes.Route> routes = plugins.routes().get(pluginId);
        if (routes == null) throw ApiException.notFound("plugin " + pluginId);
        boolean pathKnown = false;
        for (PluginRoutes.Route route : routes) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(route.path());
            var match = pattern.matchAndExtract(PathContainer.parsePath(rest.isEmpty() ? "/" : rest));
            if (match == null) continue;
            pathKnown = true;
            if (!route.method().equals(method)) continue;
            if (route.action() != null) access.require(caller, declared(pluginId, route));
            return call(route, caller, request, rest, match.getUriVariables(), pluginId);
        }
        if (pathKnown) throw new ApiException(405, "Method not allowed", method + " is not allowed on this plugin route", null);
        throw ApiException.notFound("route " + rest + " of plugin " + pluginId);
    }

    /**
     * The action a route declares, asked on top of the generic plugin permission (so a route can only narrow who
     * may call it). An action this server does not know is refused: it cannot be decided, so it is not allowed.
     */
    static Permission declared(String pluginId, PluginRoutes.Route route) {
        return Permission.ofAction(route.action()).orElseThrow(() -> {
            log.error("plugin {} route {} {} requires action {}, which this server does not know; refusing the call",
                    pluginId, route.method(), route.path(), route.action());
            return ApiException.forbidden("plugin " + pluginId + " requires action '" + route.action()
                    + "' for this route, which this server cannot grant");
        });
    }

    private ResponseEntity<byte[]> call(PluginRoutes.Route route, Caller caller, HttpServletRequest request, String path,
                                        Map<String, String> variables, String pluginId) throws IOException {
        var query = new LinkedHashMap<String, List<String>>();
        request.getParameterMap().forEach((k, v) -> query.put(k, List.of(v)));
        var headers = new LinkedHashMap<String, List<String>>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie")) continue; // never handed to plugins
            headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        var pluginRequest = new PluginRequest(request.getMethod(), path, variables, query, headers,
                request.getInputStream().readAllBytes(), caller.tenant(), caller.principal());
        PluginResponse response;
        try {
            response = route.handler().handle(pluginRequest);
        } catch (Exception e) {
            log.error("plugin {} route {} {} failed", pluginId, route.method(), route.path(), e);
            throw new ApiException(502, "Plugin failed", "plugin " + pluginId + " could not answer this request", null);
        }
        var builder = ResponseEntity.status(response.status());
        response.headers().forEach(builder::header);
        if (response.contentType() != null) builder.header("Content-Type", response.contentType());
        return builder.body(response.body());
    }
}
