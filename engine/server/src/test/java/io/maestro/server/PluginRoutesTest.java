package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes a real plugin contributes are mounted under /api/v1/plugins/{id}/ and go away when it is unloaded. */
class PluginRoutesTest {
    static final Path TEMPLATE_JAR = Path.of("../../plugins/template/target/maestro-plugin-template-0.1.0-SNAPSHOT.jar");
    @TempDir Path home;

    @Test
    void mountsThePluginsRoutesWhileItIsLoaded() throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(TEMPLATE_JAR, home.resolve("plugins/template.jar"));
        try (var server = TestServer.embedded(home)) {
            String acme = server.token("acme", Role.AUTHOR);
            String globex = server.token("globex", Role.VIEWER);
            String platform = server.token("ops", Role.PLATFORM_ADMIN);
            server.submit(acme, "p.yaml", TestServer.spec("p", "  - id: a\n    with: {run: 'true'}\n"));
            server.awaitRun(acme, server.startRun(acme, "p", Map.of()), "SUCCEEDED");

            assertThat(server.get("/api/v1/plugins", globex).json().path("items").get(0).path("id").asString()).isEqualTo("template");
            // the listener hears the finish asynchronously
            long deadline = System.nanoTime() + 10_000_000_000L;
            String stats;
            do {
                stats = server.get("/api/v1/plugins/template/stats", acme).body();
            } while (!stats.contains("succeeded") && System.nanoTime() < deadline);
            assertThat(stats).isEqualTo("{\"succeeded\":1}");
            assertThat(server.get("/api/v1/plugins/template/stats", globex).body()).isEqualTo("{}");
            assertThat(server.get("/api/v1/plugins/template/nope", acme).status()).isEqualTo(404);
            assertThat(server.post("/api/v1/plugins/template/stats", acme, null).status()).isEqualTo(405);
            assertThat(server.get("/api/v1/plugins/template/stats", null).status()).isEqualTo(401);

            assertThat(server.post("/api/v1/plugins/template/disable", platform, null).json().path("state").asString())
                    .isEqualTo("disabled");
            assertThat(server.get("/api/v1/plugins/template/stats", acme).status()).isEqualTo(404);
            assertThat(server.post("/api/v1/plugins/template/enable", platform, null).status()).isEqualTo(200);
            assertThat(server.get("/api/v1/plugins/template/stats", acme).status()).isEqualTo(200);
        }
    }
}
