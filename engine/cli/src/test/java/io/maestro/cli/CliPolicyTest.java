package io.maestro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI commands that change state ask the policy layer (the real OPA), as the API does; a denial exits 3. */
class CliPolicyTest {
    static final Path TEMPLATE_JAR = Path.of("../../plugins/template/target/maestro-plugin-template-0.1.0-SNAPSHOT.jar");
    static final Path AUDIT_JAR = Path.of("../../plugins/audit-log/target/maestro-plugin-audit-log-0.1.0-SNAPSHOT.jar");

    @TempDir Path home;
    @TempDir Path work;
    Cli cli;
    Path spec;

    @BeforeEach
    void setUp() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(TEMPLATE_JAR, plugins.resolve("template.jar"));
        Files.copy(AUDIT_JAR, plugins.resolve("audit-log.jar"));
        cli = new Cli(home).with("MAESTRO_PLUGINS_DIR", plugins.toString());
        spec = work.resolve("build.yaml");
        Files.writeString(spec, """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: build, tenant: acme}
                steps: [{id: compile, uses: noop}]
                """);
    }

    String token(String tenant, String role) {
        Cli.Result r = cli.run("tokens", "create", "--tenant", tenant, "--role", role, "--name", "t-" + role);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void theCliActsAsItsTokenAndIsRefusedWhatTheRoleMayNotDo() throws Exception {
        String viewer = token("acme", "viewer");
        Cli.Result refused = cli.and("MAESTRO_TOKEN", viewer).run("run", spec.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err()).contains("denied by policy").contains("(viewer, tenant acme) may not run:start on tenant acme")
                .contains("rule rbac.no_grant").contains("policy revision content-").doesNotContain("Exception");
        assertThat(cli.run("runs").out()).as("nothing ran").doesNotContain("build");
        String trail = Files.readString(home.resolve("plugin-data/audit-log/audit-log.jsonl"));
        assertThat(trail.lines().filter(l -> l.contains("\"action\":\"authz.decision\"") && l.contains("\"outcome\":\"denied\"")))
                .as("the denial is in the audit log").anySatisfy(l -> assertThat(l).contains("rbac.no_grant").contains("run:start")
                        .contains("\"source_plugin\":\"cli\"").doesNotContain(viewer));

        String author = token("acme", "author");
        assertThat(cli.and("MAESTRO_TOKEN", author).run("run", spec.toString()).exitCode()).isZero();
        assertThat(cli.and("MAESTRO_TOKEN", author).run("plugins", "disable", "template").exitCode()).isEqualTo(ExitCodes.DENIED);

        String otherTenant = token("globex", "operator");
        Cli.Result crossing = cli.and("MAESTRO_TOKEN", otherTenant).run("run", spec.toString());
        assertThat(crossing.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(crossing.err()).contains("rule tenant.boundary");
    }

    @Test
    void onlyAPlatformAdminMintsAPlatformAdminToken() {
        String admin = token("acme", "tenant-admin");
        Cli asAdmin = cli.and("MAESTRO_TOKEN", admin);
        Cli.Result escalation = asAdmin.run("tokens", "create", "--tenant", "acme", "--role", "platform-admin", "--name", "root");
        assertThat(escalation.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(escalation.err()).contains("rule token.escalation");
        assertThat(escalation.out()).as("no token printed").isEmpty();
        assertThat(asAdmin.run("tokens", "create", "--tenant", "acme", "--role", "operator", "--name", "ci").exitCode()).isZero();
        assertThat(asAdmin.run("tokens", "create", "--tenant", "globex", "--role", "viewer", "--name", "x").exitCode())
                .as("another tenant's token").isEqualTo(ExitCodes.DENIED);
    }

    @Test
    void theLocalOperatorsRoleIsConfigurableAndAnUnknownOneIsAnError() {
        Cli viewerShell = cli.and("MAESTRO_CLI_ROLE", "viewer");
        assertThat(viewerShell.run("run", spec.toString()).exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(viewerShell.run("plugins", "disable", "template").exitCode()).isEqualTo(ExitCodes.DENIED);
        Cli.Result bad = cli.and("MAESTRO_CLI_ROLE", "wizard").run("run", spec.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.err()).contains("MAESTRO_CLI_ROLE");
        assertThat(cli.and("MAESTRO_TOKEN", "mst_nonsense").run("run", spec.toString()).err()).contains("MAESTRO_TOKEN is unknown");
    }
}
