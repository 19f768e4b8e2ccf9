package io.maestro.server.api;

import io.maestro.core.plugin.PluginHost;
import io.maestro.core.plugin.PluginInfo;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Plugins are installed for the whole server: any tenant may list them, only a platform admin changes them. */
@RestController
@RequestMapping("/api/v1/plugins")
@Tag(name = "plugins")
class PluginsController {
    private final PluginHost plugins;
    private final Access access;

    PluginsController(PluginHost plugins, Access access) {
        this.plugins = plugins;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "Installed plugins and their state")
    Views.PluginList list(@Parameter(hidden = true) Caller caller) {
        access.require(caller, Permission.PLUGIN_READ);
        return new Views.PluginList(plugins.list().stream().map(PluginsController::view).toList());
    }

    @PostMapping("/{pluginId}/enable")
    @Operation(summary = "Enable and load a plugin")
    Views.Plugin enable(@Parameter(hidden = true) Caller caller, @PathVariable String pluginId) {
        return setEnabled(caller, pluginId, true);
    }

    @PostMapping("/{pluginId}/disable")
    @Operation(summary = "Disable and unload a plugin (its routes and step types go with it)")
    Views.Plugin disable(@Parameter(hidden = true) Caller caller, @PathVariable String pluginId) {
        return setEnabled(caller, pluginId, false);
    }

    private Views.Plugin setEnabled(Caller caller, String pluginId, boolean enabled) {
        access.require(caller, Permission.PLUGIN_MANAGE);
        Ids.plugin(pluginId);
        if (plugins.list().stream().noneMatch(p -> p.id().equals(pluginId))) throw ApiException.notFound("plugin " + pluginId);
        try {
            plugins.setEnabled(pluginId, enabled);
        } catch (io.maestro.core.plugin.PluginRefusedException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return plugins.list().stream().filter(p -> p.id().equals(pluginId)).findFirst().map(PluginsController::view)
                .orElseThrow(() -> ApiException.notFound("plugin " + pluginId));
    }

    static Views.Plugin view(PluginInfo p) {
        return new Views.Plugin(p.id(), p.version(), p.state(), p.extensions(), p.requires(), p.problem());
    }
}
