package io.maestro.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.core.run.ConductorFixture;
import io.maestro.core.run.RunHandle;
import io.maestro.core.store.EventRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    @TempDir Path home;
    @TempDir Path builds;
    Path pluginsDir;
    ConductorFixture f;
    PluginHost host;

    @BeforeEach
    void setUp() {
        pluginsDir = home.resolve("plugins");
        f = new ConductorFixture(home);
        host = new PluginHost(pluginsDir, home, f.bus, f.executors, f.metrics, Map.of());
    }

    @AfterEach
    void tearDown() {
        host.close();
        f.close();
    }

    private List<String> recorded() throws Exception {
        Path log = home.resolve("plugin-data/recorder/events.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void aPluginsStepTypeAndListenerWorkInARun() throws Exception {
        PluginJars.install(PluginJars.build(builds, "recorder", "1.0.0", ">=1.0.0 & <2.0.0", PluginJars.recorder("v1")),
                pluginsDir, "recorder.jar");
        assertThat(host.sync()).isEmpty();
        assertThat(host.list()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("recorder");
            assertThat(p.extensions()).containsExactlyInAnyOrder("test.recorder.Recorder", "test.recorder.Greet");
        });
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: greet}
                steps: [{id: hi, uses: greet}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.steps(run.runId()).get("hi").outputs()).containsEntry("greeting", "hello from v1");
        f.bus.drain();
        assertThat(recorded()).containsExactly("v1 RunStarted " + run.runId() + " null 0",
                "v1 StepStarted " + run.runId() + " hi 1", "v1 StepFinished " + run.runId() + " hi 1",
                "v1 RunFinished " + run.runId() + " null 0");
        assertThat(f.events).filteredOn(e -> e instanceof MaestroEvent.PluginLoaded).hasSize(1);
    }

    @Test
    void upgradingAndRemovingAPluginDuringARunLosesAndDuplicatesNoEvent() throws Exception {
        Path v1 = PluginJars.build(builds, "recorder", "1.0.0", null, PluginJars.recorder("v1"));
        Path v2 = PluginJars.build(builds, "recorder", "2.0.0", null, PluginJars.recorder("v2"));
        PluginJars.install(v1, pluginsDir, "recorder.jar");
        host.sync();
        var steps = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            steps.append("  - {id: s").append(i).append(", with: {run: \"sleep 0.02\"}")
                    .append(i == 0 ? "" : ", needs: [s" + (i - 1) + "]").append("}\n");
        }
        RunHandle run = f.start("apiVersion: maestro/v1\nkind: Pipeline\nmetadata: {name: reload}\nsteps:\n" + steps);
        Thread.sleep(400);
        PluginJars.install(v2, pluginsDir, "recorder.jar"); // upgrade mid-run
        assertThat(host.sync()).isEmpty();
        Thread.sleep(400);
        Files.delete(pluginsDir.resolve("recorder.jar")); // and remove it mid-run
        host.sync();
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        host.awaitRetired();

        List<String> seen = recorded();
        assertThat(seen).anyMatch(l -> l.startsWith("v1 ")).anyMatch(l -> l.startsWith("v2 "));
        // each event the plugin saw is one the run had, once; and v1 never saw anything after v2 took over
        var withoutVersion = seen.stream().map(l -> l.substring(3)).toList();
        assertThat(withoutVersion).doesNotHaveDuplicates();
        int lastV1 = -1;
        int firstV2 = Integer.MAX_VALUE;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith("v1 ")) lastV1 = i;
            if (seen.get(i).startsWith("v2 ")) firstV2 = Math.min(firstV2, i);
        }
        assertThat(lastV1).isLessThan(firstV2);
        List<String> stored = f.store.events(run.runId()).stream()
                .filter(e -> List.of("RunStarted", "StepStarted", "StepFinished", "RunFinished").contains(e.type()))
                .map(e -> e.type() + " " + e.runId() + " " + e.stepId() + " " + e.attempt()).toList();
        // the events seen form one unbroken stretch of the run's history: from the start to the removal
        assertThat(stored).startsWith(withoutVersion.toArray(String[]::new));
        assertThat(withoutVersion.size()).isGreaterThan(10).isLessThan(stored.size());
        assertThat(f.metrics.counter("maestro.plugin.late_events", "plugin", "recorder").count()).isZero();
        assertThat(f.events).filteredOn(e -> e instanceof MaestroEvent.PluginUnloaded).hasSize(2);
    }

    @Test
    void stepsAlreadyRunningFinishOnTheOldVersionAndNewStepsBindToTheNewOne() throws Exception {
        PluginJars.install(PluginJars.build(builds, "recorder", "1.0.0", null, PluginJars.recorder("v1")), pluginsDir, "recorder.jar");
        host.sync();
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: inflight}
                steps:
                  - {id: slow, uses: greet, with: {sleepMillis: 1500}}
                  - {id: after, uses: greet, needs: [slow]}
                """);
        long deadline = System.currentTimeMillis() + 10_000;
        while (f.events.stream().noneMatch(e -> e instanceof MaestroEvent.StepStarted s && s.stepId().equals("slow"))) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(10);
        }
        PluginJars.install(PluginJars.build(builds, "recorder", "2.0.0", null, PluginJars.recorder("v2")), pluginsDir, "recorder.jar");
        host.sync();
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.steps(run.runId()).get("slow").outputs()).containsEntry("greeting", "hello from v1");
        assertThat(f.steps(run.runId()).get("after").outputs()).containsEntry("greeting", "hello from v2");
    }

    @Test
    void badPluginsAreRefusedWithTheirFileAndReasonAndTheGoodStateStays() throws Exception {
        PluginJars.install(PluginJars.build(builds, "recorder", "1.0.0", null, PluginJars.recorder("v1")), pluginsDir, "recorder.jar");
        host.sync();
        Files.write(pluginsDir.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5});
        PluginJars.install(PluginJars.build(builds, "future", "1.0.0", ">=2.0.0", Map.of("test.future.F", """
                package test.future;
                @org.pf4j.Extension
                public class F implements io.maestro.api.event.RunListener { }
                """)), pluginsDir, "future.jar");
        PluginJars.install(PluginJars.build(builds, "copycat", "1.0.0", null, Map.of("test.copycat.Shell", """
                package test.copycat;
                @org.pf4j.Extension
                public class Shell implements io.maestro.api.step.StepExecutor {
                    public String type() { return "shell"; }
                    public io.maestro.api.step.StepResult execute(io.maestro.api.step.StepContext c) { return null; }
                }
                """)), pluginsDir, "copycat.jar");
        List<String> problems = host.sync();
        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(pluginsDir.resolve("corrupt.jar") + ": "));
        assertThat(problems).contains(pluginsDir.resolve("future.jar")
                + ": plugin future 1.0.0 requires plugin API >=2.0.0, but this Maestro provides " + io.maestro.api.MaestroApi.VERSION);
        assertThat(problems).contains(pluginsDir.resolve("copycat.jar")
                + ": plugin copycat 1.0.0: step type 'shell' is already provided by the built-in ShellExecutor");
        assertThat(host.list()).filteredOn(p -> p.state().equals("enabled")).extracting(PluginInfo::id).containsExactly("recorder");
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: still-fine}
                steps: [{id: hi, uses: greet}, {id: sh, with: {run: "true"}}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void pluginsThatThrowHangOrFailToStartNeverFailOrStallARun() throws Exception {
        PluginJars.install(PluginJars.build(builds, "unruly", "1.0.0", null, Map.of(
                "test.unruly.Thrower", """
                        package test.unruly;
                        @org.pf4j.Extension
                        public class Thrower implements io.maestro.api.event.StepListener {
                            public void onStepStarted(io.maestro.api.event.MaestroEvent.StepStarted e) {
                                throw new IllegalStateException("boom");
                            }
                        }
                        """,
                "test.unruly.Sleeper", """
                        package test.unruly;
                        @org.pf4j.Extension
                        public class Sleeper implements io.maestro.api.event.RunListener {
                            public void onRunStarted(io.maestro.api.event.MaestroEvent.RunStarted e) {
                                try { Thread.sleep(3_600_000); } catch (InterruptedException x) { }
                            }
                        }
                        """)), pluginsDir, "unruly.jar");
        PluginJars.install(PluginJars.build(builds, "nostart", "1.0.0", null, Map.of(
                "test.nostart.Boom", """
                        package test.nostart;
                        public class Boom extends org.pf4j.Plugin {
                            public void start() { throw new IllegalStateException("cannot reach the licence server"); }
                        }
                        """)), pluginsDir, "nostart.jar");
        // Plugin-Class for the plugin that fails in start()
        rewriteManifest(pluginsDir.resolve("nostart.jar"), "Plugin-Class", "test.nostart.Boom");
        List<String> problems = host.sync();
        assertThat(problems).singleElement().asString().startsWith(pluginsDir.resolve("nostart.jar")
                + ": plugin nostart did not start");

        long started = System.nanoTime();
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: unruly}
                steps: [{id: a, uses: noop}, {id: b, uses: noop, needs: [a]}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        Thread.sleep(200);
        assertThat(f.metrics.counter("maestro.plugin.failures", "plugin", "unruly").count()).isEqualTo(2.0);
        assertThat(f.metrics.counter("maestro.listener.failures", "listener", "unruly").count()).isEqualTo(2.0);
        // shutting down gives up on the hung listener after the drain limit instead of hanging
        long closing = System.nanoTime();
        host.close();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - closing))
                .isLessThan(java.time.Duration.ofMillis(io.maestro.core.event.EventBus.DRAIN_LIMIT_MILLIS + 5_000));
    }

    private static void rewriteManifest(Path jar, String key, String value) throws Exception {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".rewrite");
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
            var manifest = in.getManifest();
            manifest.getMainAttributes().putValue(key, value);
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp), manifest)) {
                java.util.jar.JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aPluginsHttpRoutesAreOfferedWhileItIsLoadedAndGoneAfter() throws Exception {
        PluginJars.install(PluginJars.build(builds, "usage-api", "1.0.0", null, Map.of("test.routes.Usage", """
                package test.routes;
                import io.maestro.api.http.*;
                import java.util.List;
                @org.pf4j.Extension
                public class Usage implements PluginRoutes {
                    public List<Route> routes() {
                        return List.of(new Route("GET", "/usage/{tenant}", req -> req.tenant().equals(req.pathVariables().get("tenant"))
                                ? PluginResponse.text(200, "tenant " + req.tenant())
                                : PluginResponse.problem(404, "Not Found", "no such tenant")));
                    }
                }
                """)), pluginsDir, "usage.jar");
        host.sync();
        var routes = host.routes();
        assertThat(routes).containsOnlyKeys("usage-api");
        var route = routes.get("usage-api").get(0);
        assertThat(route.method()).isEqualTo("GET");
        assertThat(route.path()).isEqualTo("/usage/{tenant}");
        var ok = route.handler().handle(new io.maestro.api.http.PluginRequest("GET", "/usage/acme",
                Map.of("tenant", "acme"), Map.of(), Map.of(), null, "acme", "alice"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(new String(ok.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("tenant acme");
        var other = route.handler().handle(new io.maestro.api.http.PluginRequest("GET", "/usage/globex",
                Map.of("tenant", "globex"), Map.of(), Map.of(), null, "acme", "alice"));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).isEqualTo("application/problem+json");

        Files.delete(pluginsDir.resolve("usage.jar"));
        host.sync();
        host.awaitRetired();
        assertThat(host.routes()).isEmpty();
        // a route object kept past the unload refuses instead of running code of a closed class loader
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> route.handler().handle(new io.maestro.api.http.PluginRequest(
                "GET", "/usage/acme", Map.of("tenant", "acme"), Map.of(), Map.of(), null, "acme", "alice")))
                .hasMessageContaining("usage-api 1.0.0 is unloaded");
    }

    @Test
    void aDisabledPluginStaysUnloadedUntilEnabled() throws Exception {
        PluginJars.install(PluginJars.build(builds, "recorder", "1.0.0", null, PluginJars.recorder("v1")), pluginsDir, "recorder.jar");
        host.sync();
        host.setEnabled("recorder", false);
        host.awaitRetired();
        assertThat(f.executors.find("greet")).isEmpty();
        // a new host (a restart) keeps it disabled
        try (var again = new PluginHost(pluginsDir, home, f.bus, f.executors, f.metrics, Map.of())) {
            again.sync();
            assertThat(again.list()).extracting(PluginInfo::state).containsExactly("disabled");
            again.setEnabled("recorder", true);
            assertThat(f.executors.find("greet")).isPresent();
        }
    }
}
