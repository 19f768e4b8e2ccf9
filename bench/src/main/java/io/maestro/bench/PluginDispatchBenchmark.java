package io.maestro.bench;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.TraceContext;
import io.maestro.core.event.EventBus;
import io.maestro.core.plugin.PluginHost;
import io.maestro.core.step.StepExecutors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing one event to 10 loaded listener plugins and waiting until all 10 have handled it:
 * the template plugin's jar, loaded under 10 plugin ids through the real plugin host (own class
 * loaders, leases, per-plugin metrics). Target: under 10 µs per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class PluginDispatchBenchmark {
    static final int PLUGINS = 10;
    static final int EVENTS = 1_000;

    private Path home;
    private EventBus bus;
    private PluginHost host;
    private MaestroEvent.StepStarted event;

    @Setup
    public void setUp() throws IOException {
        Path template;
        try (var found = Files.list(Path.of("plugins/template/target"))) {
            template = found.filter(p -> p.getFileName().toString().matches("maestro-plugin-template-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "plugins/template/target has no plugin jar: run from the repository root after mvn install"));
        }
        home = Files.createTempDirectory("maestro-bench-plugins-");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        for (int i = 0; i < PLUGINS; i++) copyWithId(template, plugins.resolve("listener-" + i + ".jar"), "listener-" + i);
        var metrics = new SimpleMeterRegistry();
        bus = new EventBus(metrics);
        host = new PluginHost(plugins, home, bus, StepExecutors.builtIn(), metrics, Map.of());
        var problems = host.sync();
        if (!problems.isEmpty() || host.list().size() != PLUGINS) {
            throw new IllegalStateException("expected " + PLUGINS + " plugins loaded, got " + host.list() + " " + problems);
        }
        event = new MaestroEvent.StepStarted("bench", "run-1", "step", "shell", 1, Instant.now(), TraceContext.NONE);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void publishAndDeliverToTenPlugins() {
        for (int i = 0; i < EVENTS; i++) bus.publish(event);
        bus.drain();
    }

    @TearDown
    public void tearDown() throws IOException {
        host.close();
        bus.close();
        BenchConductor.deleteTree(home);
    }

    /**
     * The same jar under another Plugin-Id, as if ten different plugins were installed; listener only
     * (the host rightly refuses ten plugins claiming the same step type).
     */
    private static void copyWithId(Path jar, Path target, String id) throws IOException {
        try (var in = new JarInputStream(Files.newInputStream(jar))) {
            var manifest = in.getManifest();
            manifest.getMainAttributes().putValue("Plugin-Id", id);
            try (var out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    if (e.getName().endsWith("HelloStep.class")) continue;
                    out.putNextEntry(new JarEntry(e.getName()));
                    if (e.getName().equals("META-INF/extensions.idx")) {
                        String index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        out.write(index.replaceAll("(?m)^.*HelloStep\\s*$", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } else {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
