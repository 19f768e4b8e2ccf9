package io.maestro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with the template plugin's real jar (built by the reactor before this module). */
class PluginsCliTest {
    static final Path TEMPLATE_JAR = Path.of("../../plugins/template/target/maestro-plugin-template-0.1.0-SNAPSHOT.jar");

    @TempDir Path home;
    @TempDir Path work;
    Path plugins;
    Cli cli;
    Path spec;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(TEMPLATE_JAR).as("built by the reactor (mvn install)").exists();
        plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(TEMPLATE_JAR, plugins.resolve("template.jar"));
        cli = new Cli(home).with("MAESTRO_PLUGINS_DIR", plugins.toString());
        spec = work.resolve("hello.yaml");
        Files.writeString(spec, """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: hello, tenant: acme}
                steps: [{id: hi, uses: hello, with: {name: Grace}}]
                """);
    }

    @Test
    void aPluginsStepTypeAndCommandWorkFromTheCli() {
        Cli.Result list = cli.run("plugins", "list");
        assertThat(list.out()).contains("plugins directory: " + plugins)
                .containsPattern("template\\s+0\\.1\\.0-SNAPSHOT\\s+enabled\\s+.*HelloPlugin");
        Cli.Result run = cli.run("run", spec.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(cli.run("logs", run.runId(), "hi").out()).contains("greeting Grace");
        Cli.Result stats = cli.run("hello", "stats");
        assertThat(stats.exitCode()).isZero();
        assertThat(stats.out()).isEqualTo("acme succeeded 1\n");
        assertThat(cli.run("nosuchcommand").exitCode()).isEqualTo(2);
    }

    @Test
    void theDirectoryCanAlsoBeGivenWithThePluginsOption() {
        Cli plain = new Cli(home);
        assertThat(plain.run("validate", spec.toString()).err()).contains("unknown step type 'hello'");
        assertThat(plain.run("--plugins", plugins.toString(), "validate", spec.toString()).exitCode()).isZero();
        assertThat(plain.run("--plugins", plugins.toString(), "hello", "stats").exitCode()).isZero();
    }

    @Test
    void aDisabledPluginStaysOffUntilEnabled() {
        assertThat(cli.run("plugins", "disable", "template").out()).isEqualTo("plugin template disabled\n");
        assertThat(cli.run("plugins", "list").out()).containsPattern("template\\s+disabled");
        Cli.Result refused = cli.run("run", spec.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("unknown step type 'hello'");
        cli.run("plugins", "enable", "template");
        assertThat(cli.run("run", spec.toString()).exitCode()).isZero();
    }

    @Test
    void aCorruptJarIsAWarningNamingTheFileAndTheRestStillWorks() throws Exception {
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
        Cli.Result run = cli.run("run", spec.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).startsWith("maestro: warning: plugin refused: " + plugins.resolve("broken.jar") + ": ")
                .doesNotContain("\tat ");
        assertThat(cli.run("plugins", "list").out()).contains("broken.jar", "refused");
    }
}
