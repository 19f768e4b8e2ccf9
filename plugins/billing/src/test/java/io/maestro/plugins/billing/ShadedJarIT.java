package io.maestro.plugins.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.testkit.MaestroTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar Maven packages (with snakeyaml-engine shaded and relocated) is a working plugin. */
class ShadedJarIT {
    @TempDir Path home;

    @Test
    void thePackagedJarLoadsReadsItsConfigurationAndEnforcesIt() throws Exception {
        Path jar = Path.of(System.getProperty("billing.jar"));
        try (var file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            assertThat(main.getValue("Plugin-Id")).isEqualTo("billing");
            assertThat(main.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(main.getValue("Plugin-Version")).isNotBlank();
            assertThat(file.getEntry("io/maestro/plugins/billing/internal/snakeyaml/v2/api/lowlevel/Compose.class")).isNotNull();
            assertThat(file.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.startsWith("org/snakeyaml/") || n.startsWith("io/maestro/api/") || n.startsWith("org/pf4j/")
                            || n.startsWith("org/slf4j/"));
        }
        try (var maestro = MaestroTestKit.start(home)) {
            Files.writeString(maestro.configDir("billing").resolve("billing.yaml"), "tenants: {acme: {concurrentRuns: 0}}\n");
            maestro.install(jar);
            assertThat(maestro.plugins()).singleElement().satisfies(p -> assertThat(p.extensions()).containsExactlyInAnyOrder(
                    "io.maestro.plugins.billing.BillingGates", "io.maestro.plugins.billing.command.BillingCommand"));
            var run = maestro.run("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: demo, tenant: acme}
                    steps: [{id: a, uses: noop}]
                    """);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.reason()).isEqualTo("denied by gate billing/limits: tenant acme: 0 concurrent runs, limit 0");
            assertThat(maestro.command("billing", "config").out()).contains("state: active");
        }
    }
}
