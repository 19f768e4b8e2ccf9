package io.maestro.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import org.junit.jupiter.api.Test;

/** A plugin route's declared action is one the server can decide, or the call is refused. */
class DeclaredActionTest {
    private static PluginRoutes.Route route(String action) {
        return new PluginRoutes.Route("POST", "/run", request -> PluginResponse.text(200, "ran"), action);
    }

    @Test
    void aKnownActionIsThePermissionAsked() {
        assertThat(PluginRoutesController.declared("nl-cypher", route("console:run"))).isEqualTo(Permission.CONSOLE_RUN);
        assertThat(PluginRoutesController.declared("nl-cypher", route("console:translate"))).isEqualTo(Permission.CONSOLE_TRANSLATE);
    }

    @Test
    void anActionTheServerDoesNotKnowIsRefusedNotIgnored() {
        assertThatThrownBy(() -> PluginRoutesController.declared("rogue", route("vault:open")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage() + " " + e.title()).isNotBlank();
                });
    }
}
