package io.maestro.core.plugin;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.FailMode;
import io.maestro.api.gate.Gate;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.RunGate;
import io.maestro.api.gate.StepGate;
import io.maestro.api.plugin.MaestroExtension;
import io.maestro.api.plugin.PluginCommand;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepResult;
import io.maestro.core.event.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of one plugin, in its own class loader. Every call into it goes through a lease: once
 * the version is retired (replaced or removed) it takes no new work, finishes what it has, and only
 * then is stopped and its class loader closed.
 */
final class LoadedPlugin {
    private static final Logger log = LoggerFactory.getLogger(LoadedPlugin.class);

    final String id;
    final String version;
    final Path source;
    final Path file;
    final String requires;
    private final SinglePluginManager manager;
    private final Timer latency;
    private final Counter failures;
    private final MeterRegistry metrics;
    private final List<String> extensionNames = new ArrayList<>();
    final List<Object> listeners = new ArrayList<>();
    final List<RunGate> runGates = new ArrayList<>();
    final List<StepGate> stepGates = new ArrayList<>();
    final List<StepExecutor> executors = new ArrayList<>();
    final List<PluginCommand> commands = new ArrayList<>();
    final List<io.maestro.api.http.PluginRoutes.Route> routes = new ArrayList<>();
    private int inFlight;
    private boolean retiring;
    private boolean closed;
    private Runnable onClosed = () -> { };

    LoadedPlugin(String id, String version, String requires, Path source, Path file, SinglePluginManager manager,
                 MeterRegistry metrics) {
        this.id = id;
        this.version = version;
        this.requires = requires;
        this.source = source;
        this.file = file;
        this.manager = manager;
        this.metrics = metrics;
        this.latency = Timer.builder("maestro.plugin.latency").tag("plugin", id).publishPercentileHistogram()
                .register(metrics);
        this.failures = metrics.counter("maestro.plugin.failures", "plugin", id);
    }

    /** Finds the plugin's extensions, gives each its context, and wraps them for the engine. */
    void bindExtensions(PluginContext context) throws Exception {
        for (MaestroExtension ext : manager.getExtensions(MaestroExtension.class, id)) {
            extensionNames.add(ext.getClass().getName());
            if (ext instanceof PluginContextAware aware) aware.init(context);
            if (ext instanceof RunListener || ext instanceof StepListener) listeners.add(new Listener(ext));
            if (ext instanceof RunGate g) runGates.add(new GuardedRunGate(g));
            if (ext instanceof StepGate g) stepGates.add(new GuardedStepGate(g));
            if (ext instanceof StepExecutor e) executors.add(new Executor(e));
            if (ext instanceof PluginCommand c) commands.add(new Command(c));
            if (ext instanceof io.maestro.api.http.PluginRoutes r) {
                for (var route : r.routes()) {
                    routes.add(new io.maestro.api.http.PluginRoutes.Route(route.method(), route.path(),
                            request -> call("route", () -> route.handler().handle(request)), route.action()));
                }
            }
        }
    }

    EventBus.Contributions contributions() {
        return new EventBus.Contributions(List.copyOf(listeners), List.copyOf(runGates), List.copyOf(stepGates));
    }

    List<String> extensionNames() {
        return List.copyOf(extensionNames);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Takes no new work from now on; closes once in-flight calls end. */
    void retire(Runnable afterClose) {
        synchronized (this) {
            retiring = true;
            onClosed = afterClose;
            if (inFlight > 0) return;
        }
        close();
    }

    private synchronized boolean enter() {
        if (closed) return false;
        inFlight++;
        return true;
    }

    private void exit() {
        synchronized (this) {
            if (--inFlight > 0 || !retiring) return;
        }
        close();
    }

    private void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            manager.stopPlugin(id);
            manager.unloadPlugin(id); // closes the class loader
        } catch (RuntimeException e) {
            log.warn("plugin {} {} did not stop cleanly: {}", id, version, e.toString());
        }
        onClosed.run();
    }

    /** Runs a call into the plugin under a lease, timing it and counting failures. */
    private <T> T call(String hook, Callable<T> body) throws Exception {
        if (!enter()) throw new PluginClosedException(id, version);
        long start = System.nanoTime();
        try {
            metrics.counter("maestro.plugin.invocations", "plugin", id, "hook", hook).increment();
            return body.call();
        } catch (Exception | Error e) {
            failures.increment();
            throw e;
        } finally {
            latency.record(Duration.ofNanos(System.nanoTime() - start));
            exit();
        }
    }

    /** Thrown when work reaches a version that has already closed. */
    static final class PluginClosedException extends RuntimeException {
        PluginClosedException(String id, String version) {
            super("plugin " + id + " " + version + " is unloaded", null, false, false);
        }
    }

    private final class Listener implements RunListener, StepListener {
        private final Object target;

        Listener(Object target) {
            this.target = target;
        }

        private void deliver(MaestroEvent event) {
            try {
                call(event.getClass().getSimpleName(), () -> {
                    EventBus.dispatchTo(target, event);
                    return null;
                });
            } catch (PluginClosedException e) {
                metrics.counter("maestro.plugin.late_events", "plugin", id).increment();
                log.error("event {} reached closed plugin {} {}", event.getClass().getSimpleName(), id, version);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public void onRunSubmitted(MaestroEvent.RunSubmitted e) { deliver(e); }
        @Override public void onRunStarted(MaestroEvent.RunStarted e) { deliver(e); }
        @Override public void onRunFinished(MaestroEvent.RunFinished e) { deliver(e); }
        @Override public void onGateDecided(MaestroEvent.GateDecided e) { deliver(e); }
        @Override public void onAuditAction(MaestroEvent.AuditAction e) { deliver(e); }
        @Override public void onPluginLoaded(MaestroEvent.PluginLoaded e) { deliver(e); }
        @Override public void onPluginUnloaded(MaestroEvent.PluginUnloaded e) { deliver(e); }
        @Override public void onStepScheduled(MaestroEvent.StepScheduled e) { deliver(e); }
        @Override public void onStepStarted(MaestroEvent.StepStarted e) { deliver(e); }
        @Override public void onStepRetrying(MaestroEvent.StepRetrying e) { deliver(e); }
        @Override public void onStepFinished(MaestroEvent.StepFinished e) { deliver(e); }
        @Override public void onArtifactProduced(MaestroEvent.ArtifactProduced e) { deliver(e); }
    }

    private abstract class GuardedGate implements Gate {
        private final Gate target;

        GuardedGate(Gate target) {
            this.target = target;
        }

        @Override
        public Decision decide(GateSubject subject) throws Exception {
            try {
                return call("gate", () -> target.decide(subject));
            } catch (PluginClosedException e) {
                return failMode() == FailMode.OPEN ? Decision.allow()
                        : Decision.deny("gate " + gateName() + " was unloaded during the decision (fails closed)");
            }
        }

        @Override public Duration timeout() { return target.timeout(); }
        @Override public FailMode failMode() { return target.failMode(); }
        @Override public Duration recheckAfter() { return target.recheckAfter(); }
        @Override public String gateName() { return id + "/" + target.gateName(); }
    }

    private final class GuardedRunGate extends GuardedGate implements RunGate {
        GuardedRunGate(RunGate target) { super(target); }
    }

    private final class GuardedStepGate extends GuardedGate implements StepGate {
        GuardedStepGate(StepGate target) { super(target); }
    }

    private final class Executor implements StepExecutor {
        private final StepExecutor target;

        Executor(StepExecutor target) {
            this.target = target;
        }

        @Override
        public String type() {
            return target.type();
        }

        @Override
        public StepResult execute(StepContext context) throws Exception {
            try {
                return call("executor", () -> target.execute(context));
            } catch (PluginClosedException e) {
                throw new io.maestro.core.step.ExecutorUnavailableException(e.getMessage());
            }
        }
    }

    private final class Command implements PluginCommand {
        private final PluginCommand target;

        Command(PluginCommand target) {
            this.target = target;
        }

        @Override public String name() { return target.name(); }
        @Override public String description() { return target.description(); }

        @Override
        public int run(List<String> args, PrintWriter out, PrintWriter err) throws Exception {
            return call("command", () -> target.run(args, out, err));
        }
    }
}
