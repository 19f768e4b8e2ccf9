package io.maestro.testkit;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.RunStatus;
import io.maestro.api.http.PluginRequest;
import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes;
import io.maestro.api.plugin.AuditEntry;
import io.maestro.api.plugin.PluginCommand;
import io.maestro.core.event.EventBus;
import io.maestro.core.expr.Expressions;
import io.maestro.core.plugin.PluginHost;
import io.maestro.core.plugin.PluginInfo;
import io.maestro.core.policy.LazyPolicy;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.ConductorConfig;
import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.SpecChecks;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.StepRecord;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real Maestro for a plugin's JUnit tests: conductor, embedded run store, event bus and plugin
 * host, all under one directory (use JUnit's {@code @TempDir}).
 *
 * <pre>{@code
 * try (var maestro = MaestroTestKit.start(tempDir)) {
 *     maestro.install(PluginBundle.fromClasses(Path.of("target/classes"), "my-plugin", "1.0.0"));
 *     var run = maestro.run("""
 *             apiVersion: maestro/v1
 *             kind: Pipeline
 *             metadata: {name: demo}
 *             steps: [{id: a, uses: my-step}]
 *             """);
 *     assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
 * }
 * }</pre>
 */
public final class MaestroTestKit implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Telemetry telemetry;
    private final EventBus bus;
    private final StepExecutors executors = StepExecutors.builtIn();
    private final JdbcRunStore store;
    private final Conductor conductor;
    private final PluginHost plugins;
    private final SpecParser parser;
    private final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
    private final AutoCloseable auditRecorder;
    private LocalOpa opa;
    private PolicyClient policy;

    private MaestroTestKit(Path home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.telemetry = new Telemetry(metrics, Map.of(), List.of());
        this.bus = new EventBus(metrics);
        this.store = JdbcRunStore.open(StoreUrls.embedded(home), null, null);
        this.conductor = new Conductor(store, bus, executors, telemetry, ConductorConfig.defaults(home));
        this.auditRecorder = bus.addListener("testkit-audit", new RunListener() {
            @Override
            public void onAuditAction(MaestroEvent.AuditAction event) {
                audited.add(event.entry());
            }
        });
        // like the engine: plugins ask a real OPA (MAESTRO_OPA_URL, or a local one started at the first question)
        this.plugins = new PluginHost(pluginsDir(), home, bus, executors, metrics, env, conductor::cancel,
                new LazyPolicy(this::policy));
        this.parser = new SpecParser(new SpecChecks(new Expressions(), executors::types));
        plugins.sync();
    }

    public static MaestroTestKit start(Path home) {
        return new MaestroTestKit(home, Map.of());
    }

    /** With environment settings, e.g. {@code MAESTRO_PLUGIN_BILLING_RATE=…} for a plugin's {@code settings()}. */
    public static MaestroTestKit start(Path home, Map<String, String> env) {
        return new MaestroTestKit(home, env);
    }

    /** Stops this conductor and starts a new one on the same directory: what a restart keeps, the test sees. */
    public MaestroTestKit restart() {
        close();
        return new MaestroTestKit(home, env);
    }

    public Path home() {
        return home;
    }

    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    /** The directory a plugin reads its configuration files from ({@code PluginContext.configDirectory()}). */
    public Path configDir(String pluginId) throws IOException {
        return Files.createDirectories(pluginsDir().resolve(pluginId));
    }

    /** Copies the plugin jar into the plugins directory and loads it; fails with the host's reason if refused. */
    public MaestroTestKit install(Path pluginJar) throws IOException {
        Files.createDirectories(pluginsDir());
        Path target = pluginsDir().resolve(pluginJar.getFileName());
        Path tmp = pluginsDir().resolve("." + pluginJar.getFileName() + ".tmp");
        Files.copy(pluginJar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<String> problems = plugins.sync();
        if (!problems.isEmpty()) throw new IllegalStateException(String.join("\n", problems));
        return this;
    }

    /** Applies changes in the plugins directory (new, changed, removed jars); returns the problems. */
    public List<String> syncPlugins() {
        return plugins.sync();
    }

    public List<PluginInfo> plugins() {
        return plugins.list();
    }

    public RunResult run(String yaml) {
        return run(yaml, Map.of());
    }

    /** Starts a run and waits for it to end and for every listener to have seen its events. */
    public RunResult run(String yaml, Map<String, ?> params) {
        RunHandle handle = start(yaml, params);
        RunStatus status = handle.await();
        bus.drain();
        return result(handle.runId(), status);
    }

    public RunHandle start(String yaml, Map<String, ?> params) {
        return conductor.start(parser.parse("test.yaml", yaml), params);
    }

    public RunResult result(String runId, RunStatus status) {
        Map<String, StepRecord> steps = store.steps(runId).stream()
                .collect(Collectors.toMap(StepRecord::stepId, Function.identity()));
        return new RunResult(runId, status, store.findRun(runId).orElseThrow().reason(), steps);
    }

    /** The lines a step's attempts wrote to its log (stdout and stderr, in order). */
    public List<String> logs(String runId, String stepId) {
        return store.logs(runId, stepId, 0, 100_000).stream().map(io.maestro.core.store.LogLine::line).toList();
    }

    /** Waits until listeners have handled every event published so far. */
    public void drainEvents() {
        bus.drain();
    }

    /** Runs a command a plugin contributes, as {@code maestro <name> args…} would. */
    public CommandResult command(String name, String... args) throws Exception {
        for (PluginCommand c : plugins.commands()) {
            if (c.name().equals(name)) {
                var out = new StringWriter();
                var err = new StringWriter();
                int code;
                try (var o = new PrintWriter(out); var e = new PrintWriter(err)) {
                    code = c.run(List.of(args), o, e);
                }
                return new CommandResult(code, out.toString(), err.toString());
            }
        }
        throw new IllegalArgumentException("no loaded plugin provides the command '" + name + "'");
    }

    public SimpleMeterRegistry metrics() {
        return metrics;
    }

    /** What plugins reported through {@code PluginContext.audit} so far (after the listeners caught up). */
    public List<AuditEntry> audited() {
        bus.drain();
        return List.copyOf(audited);
    }

    /**
     * Calls a route a plugin contributes, as the server would for an authenticated caller of {@code tenant}
     * (authorization aside): {@code pathAndQuery} is relative to {@code /api/v1/plugins/<pluginId>}, e.g.
     * {@code /history?limit=5}.
     */
    public PluginResponse call(String pluginId, String method, String pathAndQuery, String tenant, String principal,
                               String body) throws Exception {
        URI uri = URI.create(pathAndQuery);
        String path = uri.getRawPath();
        List<PluginRoutes.Route> routes = plugins.routes().get(pluginId);
        if (routes == null) throw new IllegalArgumentException("no loaded plugin '" + pluginId + "' has routes");
        for (PluginRoutes.Route route : routes) {
            Map<String, String> variables = match(route.path(), path);
            if (variables == null || !route.method().equals(method)) continue;
            return route.handler().handle(new PluginRequest(method, path, variables, query(uri.getRawQuery()),
                    Map.of("content-type", List.of("application/json")),
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), tenant, principal));
        }
        throw new IllegalArgumentException("plugin " + pluginId + " has no route " + method + " " + path);
    }

    private static Map<String, String> match(String pattern, String path) {
        String[] want = pattern.split("/", -1);
        String[] have = path.split("/", -1);
        if (want.length != have.length) return null;
        var variables = new LinkedHashMap<String, String>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                variables.put(want[i].substring(1, want[i].length() - 1), URLDecoder.decode(have[i], StandardCharsets.UTF_8));
            } else if (!want[i].equals(have[i])) {
                return null;
            }
        }
        return variables;
    }

    private static Map<String, List<String>> query(String raw) {
        var query = new LinkedHashMap<String, List<String>>();
        if (raw == null || raw.isEmpty()) return query;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private synchronized PolicyClient policy() {
        if (policy == null) {
            PolicySettings settings = PolicySettings.fromEnvironment(env);
            URI url = settings.opaUrl();
            if (url == null) {
                opa = LocalOpa.start(settings.opaBinary(), home.resolve("policy"), settings.policyDir(), Duration.ofSeconds(30), metrics);
                url = opa.url();
            }
            policy = new OpaPolicyClient(url, settings.timeout(), metrics, OpenTelemetry.noop().getTracer("maestro-testkit"));
        }
        return policy;
    }

    public record RunResult(String runId, RunStatus status, String reason, Map<String, StepRecord> steps) {
        public StepRecord step(String id) {
            StepRecord s = steps.get(id);
            if (s == null) throw new IllegalArgumentException("run " + runId + " has no step " + id + " (has " + steps.keySet() + ")");
            return s;
        }
    }

    public record CommandResult(int exitCode, String out, String err) { }

    @Override
    public void close() {
        plugins.close();
        conductor.close();
        try {
            auditRecorder.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        bus.close();
        synchronized (this) {
            if (policy != null) policy.close();
            if (opa != null) opa.close();
        }
        telemetry.close();
        store.close();
    }
}
