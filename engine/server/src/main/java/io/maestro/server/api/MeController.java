package io.maestro.server.api;

import io.maestro.server.ServerSettings;
import io.maestro.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "session")
class MeController {
    private final ServerSettings settings;

    MeController(ServerSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/me")
    @Operation(summary = "Who the token belongs to")
    Views.Me me(@Parameter(hidden = true) Caller caller) {
        return new Views.Me(caller.tenant(), caller.role().wireName(), caller.tokenName());
    }

    @GetMapping("/ui-config")
    @Operation(summary = "Link templates the run viewer uses for traces and logs")
    Views.UiConfig uiConfig(@Parameter(hidden = true) Caller caller) {
        return new Views.UiConfig(settings.traceLink(), settings.logLink());
    }
}
