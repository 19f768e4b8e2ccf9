package io.maestro.plugins.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.testkit.MaestroTestKit;
import io.maestro.testkit.PluginBundle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pattern for plugin tests: the plugin as a real jar, in a real conductor. */
class HelloPluginTest {
    @TempDir Path home;

    @Test
    void theStepTypeRunsAndTheCommandCountsFinishedRunsAcrossARestart() throws Exception {
        Path jar = PluginBundle.fromClasses(Path.of("target/classes"), "template", "0.1.0", ">=1.0.0 & <2.0.0");
        var maestro = MaestroTestKit.start(home).install(jar);
        try {
            var run = maestro.run("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: greet, tenant: acme}
                    steps: [{id: hi, uses: hello, with: {name: Ada}}]
                    """);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.step("hi").outputs()).containsEntry("greeting", "Hello, Ada!");

            var failed = maestro.run("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: greet, tenant: acme}
                    steps: [{id: hi, uses: hello}]
                    """);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.step("hi").reason()).isEqualTo("with.name is required");

            maestro = maestro.restart();
            var stats = maestro.command("hello", "stats");
            assertThat(stats.exitCode()).isZero();
            assertThat(stats.out()).isEqualTo("acme failed 1\nacme succeeded 1\n");
            assertThat(maestro.command("hello", "nonsense").exitCode()).isEqualTo(2);
        } finally {
            maestro.close();
        }
    }
}
