package io.maestro.cli;

import io.maestro.core.event.EventBus;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.ConductorConfig;
import io.maestro.core.spec.SpecChecks;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one {@code maestro} invocation works with, built from the environment:
 * {@code MAESTRO_HOME} (default {@code .maestro}), {@code MAESTRO_DB_URL} (default: embedded H2 under
 * the home), {@code MAESTRO_DB_USER}, {@code MAESTRO_DB_PASSWORD}, {@code MAESTRO_CONCURRENCY}.
 */
final class Session implements AutoCloseable {
    final Path home;
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final StepExecutors executors = StepExecutors.builtIn();
    final SpecParser parser = new SpecParser(new SpecChecks(new io.maestro.core.expr.Expressions(), this::stepTypes));
    private final Map<String, String> env;
    private final Path pluginsDir;
    private final java.io.PrintWriter warnings;
    private io.maestro.core.plugin.PluginHost plugins;
    private RunStore store;
    private EventBus bus;
    private Telemetry telemetry;
    private Conductor conductor;

    Session(Map<String, String> env, Path pluginsDir, java.io.PrintWriter warnings) {
        this.env = env;
        this.home = home(env);
        String fromEnv = env.get("MAESTRO_PLUGINS_DIR");
        this.pluginsDir = pluginsDir != null ? pluginsDir
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : home.resolve("plugins");
        this.warnings = warnings;
    }

    /** Step types of the built-ins and of the loaded plugins (loading them on first use). */
    private java.util.Set<String> stepTypes() {
        plugins();
        return executors.types();
    }

    /**
     * The plugin host, loaded on first use. Problems (a corrupt jar, an incompatible plugin) are
     * printed as warnings; the plugins that are fine are loaded regardless.
     */
    io.maestro.core.plugin.PluginHost plugins() {
        if (plugins == null) {
            plugins = new io.maestro.core.plugin.PluginHost(pluginsDir, home, bus(), executors, metrics, env,
                    (runId, reason) -> conductor != null && conductor.cancel(runId, reason));
            for (String problem : plugins.sync()) warnings.println("maestro: warning: plugin refused: " + problem);
            warnings.flush();
        }
        return plugins;
    }

    static Path home(Map<String, String> env) {
        String h = env.get("MAESTRO_HOME");
        return (h == null || h.isBlank() ? Path.of(".maestro") : Path.of(h)).toAbsolutePath().normalize();
    }

    RunStore store() {
        if (store == null) {
            String url = env.get("MAESTRO_DB_URL");
            store = JdbcRunStore.open(url == null || url.isBlank() ? StoreUrls.embedded(home) : url,
                    env.get("MAESTRO_DB_USER"), env.get("MAESTRO_DB_PASSWORD"));
        }
        return store;
    }

    EventBus bus() {
        if (bus == null) bus = new EventBus(metrics);
        return bus;
    }

    Conductor conductor() {
        if (conductor == null) {
            telemetry = Telemetry.fromEnvironment(metrics);
            ConductorConfig defaults = ConductorConfig.defaults(home);
            String limit = env.get("MAESTRO_CONCURRENCY");
            ConductorConfig config = limit == null ? defaults : new ConductorConfig(home, parsePositive(limit),
                    defaults.defaultRunConcurrency(), defaults.owner(), defaults.heartbeatEvery());
            conductor = new Conductor(store(), bus(), executors, telemetry, config);
            plugins().startWatching(java.time.Duration.ofSeconds(1)); // hot reload while runs are in flight
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
        throw new UserError("MAESTRO_CONCURRENCY must be a positive integer, got '" + text + "'");
    }

    @Override
    public void close() {
        if (conductor != null) conductor.close();
        if (plugins != null) plugins.close();
        if (bus != null) bus.close();
        if (telemetry != null) telemetry.close();
        if (store != null) store.close();
    }
}
