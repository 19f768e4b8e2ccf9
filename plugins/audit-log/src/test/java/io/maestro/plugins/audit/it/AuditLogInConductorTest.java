package io.maestro.plugins.audit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.testkit.MaestroTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin loaded into a real conductor: what runs leave in the audit log, across restarts and plugin changes. */
class AuditLogInConductorTest {
    private static final String PIPELINE = """
            apiVersion: maestro/v1
            kind: Pipeline
            metadata: {name: demo, tenant: acme}
            steps: [{id: a, with: {run: "echo hi"}}, {id: b, needs: [a], uses: noop}]
            """;

    @TempDir Path home;

    @Test
    void aRunLeavesItsRunAndStepRecordsInOrderAndTheLogVerifies() throws Exception {
        try (var maestro = MaestroTestKit.start(home)) {
            maestro.install(PluginJars.auditLog("0.1.0"));
            var run = maestro.run(PIPELINE);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);

            var query = maestro.command("audit", "query", "--tenant", "acme", "--run", run.runId(), "--json");
            var verify = maestro.command("audit", "verify");

            assertThat(query.exitCode()).isZero();
            assertThat(actions(query.out())).containsExactly("run.submit", "run.start",
                    "step.schedule", "step.start", "step.finish", "step.schedule", "step.start", "step.finish",
                    "run.finish");
            assertThat(query.out()).contains("\"actor\":{\"name\":\"maestro\",\"type\":\"system\"}")
                    .contains("\"outcome\":\"success\"").doesNotContain("\"outcome\":\"failure\"");
            assertThat(verify.exitCode()).as(verify.out()).isZero();
            assertThat(verify.out()).startsWith("OK: ");
        }
    }

    @Test
    void theLogsOwnLoadIsRecordedAndItsStopIsRecordedAndSignedAcrossARestart() throws Exception {
        var maestro = MaestroTestKit.start(home);
        try {
            maestro.install(PluginJars.auditLog("0.1.0"));
            maestro.run(PIPELINE);
            maestro = maestro.restart();
            maestro.run(PIPELINE);

            var loads = maestro.command("audit", "query", "--action", "plugin.load", "--json");
            var stops = maestro.command("audit", "query", "--action", "audit.stop", "--json");
            var verify = maestro.command("audit", "verify");

            assertThat(actions(loads.out())).hasSize(2);
            assertThat(loads.out()).contains("\"id\":\"audit-log\"").contains("\"pid\":");
            assertThat(actions(stops.out())).hasSize(1);
            assertThat(verify.exitCode()).as(verify.out()).isZero();
            assertThat(verify.out()).contains("every signature valid"); // the first conductor signed on stop
            assertThat(Files.readString(home.resolve("plugin-data/audit-log/audit-log.jsonl")).lines()
                    .filter(l -> l.contains("\"action\":\"run.finish\""))).hasSize(2);
        } finally {
            maestro.close();
        }
    }

    @Test
    void anUpgradeOfTheAuditLogItselfWhileRunningKeepsOneUnbrokenSignedChain() throws Exception {
        try (var maestro = MaestroTestKit.start(home)) {
            maestro.install(PluginJars.auditLog("0.1.0"));
            maestro.run(PIPELINE);
            Path installed = maestro.pluginsDir().resolve("audit-log-0.1.0.jar");
            Path tmp = maestro.pluginsDir().resolve(".upgrade.tmp");
            Files.copy(PluginJars.auditLog("0.2.0"), tmp);
            Files.move(tmp, installed, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertThat(maestro.syncPlugins()).isEmpty();
            maestro.run(PIPELINE);

            String lifecycle = eventually(() -> maestro.command("audit", "query", "--action", "*.*", "--json").out(),
                    out -> out.contains("\"action\":\"plugin.unload\""));
            var verify = maestro.command("audit", "verify");

            List<String> own = actions(lifecycle).stream().filter(a -> !a.startsWith("step.") && !a.startsWith("run."))
                    .toList();
            assertThat(own).containsSubsequence("plugin.load", "audit.stop", "plugin.unload"); // 0.1.0 stopped, then unloaded
            assertThat(own.stream().filter(a -> a.equals("plugin.load"))).hasSize(2);
            assertThat(lifecycle).contains("\"name\":\"audit-log 0.2.0\"").contains("\"name\":\"audit-log 0.1.0\"");
            assertThat(actions(lifecycle).stream().filter(a -> a.equals("run.finish"))).hasSize(2);
            assertThat(verify.exitCode()).as(verify.out()).isZero();
        }
    }

    @Test
    void gateDenialsWithTheirReasonAndOtherPluginsLoadsAndUnloadsAreRecorded() throws Exception {
        try (var maestro = MaestroTestKit.start(home)) {
            maestro.install(PluginJars.auditLog("0.1.0"));
            Path gate = maestro.pluginsDir().resolve("freeze-1.0.0.jar");
            Files.copy(PluginJars.compiled("freeze", "1.0.0", PluginJars.freezeGate()), gate);
            assertThat(maestro.syncPlugins()).isEmpty();

            var run = maestro.run(PIPELINE);
            Files.delete(gate);
            assertThat(maestro.syncPlugins()).isEmpty();
            var unloads = eventually(() -> maestro.command("audit", "query", "--action", "plugin.unload", "--json").out(),
                    out -> out.contains("\"id\":\"freeze\""));

            var denials = maestro.command("audit", "query", "--action", "gate.decide", "--outcome", "denied", "--json");
            var allowed = maestro.command("audit", "query", "--action", "gate.decide", "--outcome", "success", "--json");
            var loads = maestro.command("audit", "query", "--action", "plugin.load", "--json");
            var export = maestro.command("audit", "export", "--action", "gate.decide", "--outcome", "denied");

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(actions(denials.out())).hasSize(1);
            assertThat(denials.out()).contains("\"reason\":\"change freeze until Monday\"")
                    .contains("\"target\":{\"id\":\"b\",\"type\":\"step\"}").contains("\"gate\":\"freeze/freeze\"")
                    .contains("\"tenant\":\"acme\"");
            assertThat(actions(allowed.out())).hasSize(1); // step a
            assertThat(loads.out()).contains("\"id\":\"freeze\"");
            assertThat(unloads).contains("\"id\":\"freeze\"");
            assertThat(export.out().strip().lines()).singleElement().satisfies(line -> assertThat(line)
                    .contains("\"class_uid\":6003").contains("\"status\":\"Failure\"")
                    .contains("\"status_detail\":\"change freeze until Monday\""));
            assertThat(maestro.command("audit", "verify").exitCode()).isZero();
        }
    }

    @Test
    void actionsOtherPluginsReportAreRecordedWithTheirActorAndSource() throws Exception {
        try (var maestro = MaestroTestKit.start(home)) {
            maestro.install(PluginJars.auditLog("0.1.0"));
            Path admin = maestro.pluginsDir().resolve("admin-1.0.0.jar");
            Files.copy(PluginJars.compiled("admin", "1.0.0", java.util.Map.of("test.admin.Grant", """
                    package test.admin;
                    import io.maestro.api.plugin.*;
                    import java.util.*;
                    @org.pf4j.Extension
                    public class Grant implements PluginCommand, PluginContextAware {
                        private PluginContext ctx;
                        public void init(PluginContext ctx) { this.ctx = ctx; }
                        public String name() { return "grant"; }
                        public String description() { return "grants a role"; }
                        public int run(List<String> args, java.io.PrintWriter out, java.io.PrintWriter err) {
                            ctx.audit(new AuditEntry("acme", null, "user", "alice", "authz.grant", "role", "pipeline-admin",
                                    "success", "approved in SEC-12", Map.of("grantee", "bob")));
                            return 0;
                        }
                    }
                    """)), admin);
            assertThat(maestro.syncPlugins()).isEmpty();
            assertThat(maestro.command("grant").exitCode()).isZero();

            var grants = eventually(() -> maestro.command("audit", "query", "--action", "authz.*", "--json").out(),
                    out -> out.contains("authz.grant"));
            assertThat(actions(grants)).hasSize(1);
            assertThat(grants).contains("\"actor\":{\"name\":\"alice\",\"type\":\"user\"}")
                    .contains("\"source_plugin\":\"admin\"").contains("\"grantee\":\"bob\"")
                    .contains("\"reason\":\"approved in SEC-12\"").contains("\"tenant\":\"acme\"");
            assertThat(maestro.command("audit", "query", "--actor", "alice").out()).contains("authz.grant");
            assertThat(maestro.command("audit", "verify").exitCode()).isZero();
        }
    }

    @Test
    void verifyThroughTheConductorExitsOneNamingAnEditedRecord() throws Exception {
        try (var maestro = MaestroTestKit.start(home)) {
            maestro.install(PluginJars.auditLog("0.1.0"));
            maestro.run(PIPELINE);
            maestro.command("audit", "seal");
            Path log = home.resolve("plugin-data/audit-log/audit-log.jsonl");
            List<String> lines = Files.readAllLines(log);
            int victim = 1 + indexOf(lines, "\"action\":\"run.finish\"");
            lines.set(victim - 1, lines.get(victim - 1).replace("\"outcome\":\"success\"", "\"outcome\":\"failure\""));
            Files.write(log, lines);

            var verify = maestro.command("audit", "verify");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.out()).startsWith("TAMPERED: record " + victim + " (line " + victim + "): its content "
                    + "does not match its hash");
        }
    }

    private static List<String> actions(String jsonLines) {
        return jsonLines.lines().filter(l -> !l.isBlank())
                .map(l -> l.replaceAll(".*\"action\":\"([^\"]+)\".*", "$1")).toList();
    }

    private static String eventually(ThrowingSupplier<String> read, java.util.function.Predicate<String> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = read.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = read.get();
        }
        return last;
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(fragment)) return i;
        throw new AssertionError("no line contains " + fragment);
    }
}
