package io.maestro.core;

import io.maestro.core.access.JdbcTokenStore;
import io.maestro.core.access.TokenStore;
import io.maestro.core.event.EventBus;
import io.maestro.core.pipeline.JdbcPipelineStore;
import io.maestro.core.pipeline.PipelineStore;
import io.maestro.core.expr.Expressions;
import io.maestro.core.plugin.PluginHost;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.ConductorConfig;
import io.maestro.core.spec.SpecChecks;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.maestro.core.policy.CachingPolicyClient;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.policy.PolicyRunGate;
import io.maestro.core.policy.LazyPolicy;
import io.maestro.core.policy.PolicySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One conductor process's parts, built lazily from the environment so a command only opens what it
 * uses: {@code MAESTRO_HOME} (default {@code .maestro}), {@code MAESTRO_DB_URL} (default: embedded H2
 * under the home), {@code MAESTRO_DB_USER}, {@code MAESTRO_DB_PASSWORD}, {@code MAESTRO_CONCURRENCY},
 * {@code MAESTRO_PLUGINS_DIR}. The CLI and the server both assemble Maestro through this class.
 */
public final class Engine implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env;
    private final Path pluginsDir;
    private final Consumer<String> warnings;
    private final List<SpanProcessor> spanProcessors;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StepExecutors executors = StepExecutors.builtIn();
    private final SpecParser parser = new SpecParser(new SpecChecks(new Expressions(), this::stepTypes));
    private PluginHost plugins;
    private JdbcRunStore store;
    private EventBus bus;
    private Telemetry telemetry;
    private Conductor conductor;
    private LocalOpa localOpa;
    private PolicyClient policy;

    /**
     * @param pluginsDir     null for {@code MAESTRO_PLUGINS_DIR} or {@code <home>/plugins}
     * @param warnings       receives problems that do not stop the engine (a plugin refused)
     * @param spanProcessors extra span processors, e.g. one that keeps spans for a trace view
     */
    public Engine(Map<String, String> env, Path pluginsDir, Consumer<String> warnings, List<SpanProcessor> spanProcessors) {
        this.env = Map.copyOf(env);
        this.home = home(env);
        String fromEnv = env.get("MAESTRO_PLUGINS_DIR");
        this.pluginsDir = pluginsDir != null ? pluginsDir
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : home.resolve("plugins");
        this.warnings = warnings;
        this.spanProcessors = List.copyOf(spanProcessors);
    }

    public static Path home(Map<String, String> env) {
        String h = env.get("MAESTRO_HOME");
        return (h == null || h.isBlank() ? Path.of(".maestro") : Path.of(h)).toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public List<SpanProcessor> spanProcessors() {
        return spanProcessors;
    }

    public StepExecutors executors() {
        return executors;
    }

    public SpecParser parser() {
        return parser;
    }

    /** Step types of the built-ins and of the loaded plugins (loading them on first use). */
    private Set<String> stepTypes() {
        plugins();
        return executors.types();
    }

    /**
     * The plugin host, loaded on first use. Problems (a corrupt jar, an incompatible plugin) go to
     * the warnings; the plugins that are fine are loaded regardless.
     */
    public synchronized PluginHost plugins() {
        if (plugins == null) {
            // plugins ask the same policy layer as the engine; OPA starts at the first question, not before
            // libraries a plugin uses (the Cypher sandbox, the translator) meter into Micrometer's global
            // registry, since the plugin API carries no metrics type; this makes their meters the engine's too
            io.micrometer.core.instrument.Metrics.addRegistry(metrics);
            plugins = new PluginHost(pluginsDir, home, bus(), executors, metrics, env,
                    (runId, reason) -> conductor != null && conductor.cancel(runId, reason), new LazyPolicy(this::policy));
            for (String problem : plugins.sync()) warnings.accept("plugin refused: " + problem);
        }
        return plugins;
    }

    public synchronized JdbcRunStore store() {
        if (store == null) {
            String url = env.get("MAESTRO_DB_URL");
            store = JdbcRunStore.open(url == null || url.isBlank() ? StoreUrls.embedded(home) : url,
                    env.get("MAESTRO_DB_USER"), env.get("MAESTRO_DB_PASSWORD"));
        }
        return store;
    }

    public PipelineStore pipelines() {
        return new JdbcPipelineStore(store().dataSource());
    }

    public TokenStore tokens() {
        return new JdbcTokenStore(store().dataSource());
    }

    public synchronized EventBus bus() {
        if (bus == null) bus = new EventBus(metrics);
        return bus;
    }

    public synchronized Telemetry telemetry() {
        if (telemetry == null) telemetry = new Telemetry(metrics, env, spanProcessors);
        return telemetry;
    }

    /**
     * The policy layer: OPA at {@code MAESTRO_OPA_URL}, or a local OPA child process serving the
     * shipped policies in a bundle signed with this home's key, behind a brief bounded cache.
     */
    public synchronized PolicyClient policy() {
        if (policy == null) {
            PolicySettings settings = PolicySettings.fromEnvironment(env);
            URI url = settings.opaUrl();
            if (url == null) {
                localOpa = LocalOpa.start(settings.opaBinary(), home.resolve("policy"), settings.policyDir(), Duration.ofSeconds(30), metrics);
                if (settings.policyDir() != null) localOpa.watch(settings.policyDir(), Duration.ofSeconds(2));
                url = localOpa.url();
            }
            var opa = new OpaPolicyClient(url, settings.timeout(), metrics, telemetry().tracer());
            policy = new CachingPolicyClient(opa, settings.cacheTtl(), settings.cacheEntries(), metrics);
        }
        return policy;
    }

    /** The local OPA process, when this engine started one. */
    public synchronized java.util.Optional<LocalOpa> localOpa() {
        return java.util.Optional.ofNullable(localOpa);
    }

    /** The conductor, with plugins watched for hot reload while runs are in flight. */
    public synchronized Conductor conductor() {
        if (conductor == null) {
            ConductorConfig defaults = ConductorConfig.defaults(home);
            String limit = env.get("MAESTRO_CONCURRENCY");
            ConductorConfig config = limit == null ? defaults : new ConductorConfig(home, parsePositive(limit),
                    defaults.defaultRunConcurrency(), defaults.owner(), defaults.heartbeatEvery());
            config = config.withRegion(env.get("MAESTRO_REGION"));
            conductor = new Conductor(store(), bus(), executors, telemetry(), config);
            // every run asks the policy layer first (OPA starts at the first run, not before)
            bus().addRunGate(new PolicyRunGate(new LazyPolicy(this::policy), store(), env.get("MAESTRO_REGION")));
            plugins().startWatching(Duration.ofSeconds(1));
        }
        return conductor;
    }

    private static int parsePositive(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("MAESTRO_CONCURRENCY must be a positive integer, got '" + text + "'");
    }

    @Override
    public synchronized void close() {
        if (conductor != null) conductor.close();
        if (plugins != null) plugins.close();
        if (bus != null) bus.close();
        if (policy != null) policy.close();
        if (localOpa != null) localOpa.close();
        if (telemetry != null) telemetry.close();
        if (store != null) store.close();
        io.micrometer.core.instrument.Metrics.removeRegistry(metrics);
    }
}
