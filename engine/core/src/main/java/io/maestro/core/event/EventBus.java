package io.maestro.core.event;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.FailMode;
import io.maestro.api.gate.Gate;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.RunGate;
import io.maestro.api.gate.StepGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners (asynchronously, each listener in publish order) and asks gates
 * (synchronously, each bounded by its timeout, failing open or closed as it declares).
 */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    /** Immutable snapshot, replaced whole: a publisher sees the listeners before or after a change, never half. */
    private volatile List<ListenerQueue> listeners = List.of();
    private volatile List<RunGate> runGates = List.of();
    private volatile List<StepGate> stepGates = List.of();
    private final ExecutorService gateThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final MeterRegistry metrics;

    /** The answer of the gates taken together, which gate gave it, and when to ask again after a hold. */
    public record Verdict(Decision decision, String gate, java.time.Duration recheckAfter) {
        static final Verdict ALLOW = new Verdict(Decision.allow(), null, java.time.Duration.ZERO);

        /** "denied by gate X: reason", or null when allowed. */
        public String denial() {
            return decision instanceof Decision.Deny d ? "denied by gate " + gate + ": " + d.reason() : null;
        }

        /** The verdict as an audit-worthy event. */
        public MaestroEvent.GateDecided asEvent(GateSubject s) {
            String kind = switch (decision) {
                case Decision.Allow a -> "allow";
                case Decision.Deny d -> "deny";
                case Decision.Hold h -> "hold";
            };
            String reason = switch (decision) {
                case Decision.Allow a -> null;
                case Decision.Deny d -> d.reason();
                case Decision.Hold h -> h.reason();
            };
            return new MaestroEvent.GateDecided(s.tenant(), s.runId(), s.stepId(), kind, gate, reason,
                    java.time.Instant.now(), s.trace());
        }
    }

    public EventBus(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Registers a listener implementing {@link RunListener}, {@link StepListener} or both. */
    public AutoCloseable addListener(String name, Object listener) {
        if (!(listener instanceof RunListener) && !(listener instanceof StepListener)) {
            throw new IllegalArgumentException(name + " is neither a RunListener nor a StepListener");
        }
        var queue = new ListenerQueue(name, listener, metrics, null);
        swapListeners(List.of(), List.of(queue));
        return () -> {
            swapListeners(List.of(queue), List.of());
            queue.drain();
        };
    }

    /** What one owner (a plugin) contributes to the bus; replaced as a whole on reload. */
    public record Contributions(List<Object> listeners, List<RunGate> runGates, List<StepGate> stepGates) {
        public static final Contributions NONE = new Contributions(List.of(), List.of(), List.of());
    }

    private final java.util.Map<String, List<ListenerQueue>> ownedQueues = new java.util.HashMap<>();
    private final java.util.Map<String, Contributions> owned = new java.util.HashMap<>();

    /**
     * Atomically replaces everything {@code owner} contributed: no event published during the swap
     * reaches both versions or neither. Each new listener handles its first event only after the
     * listener it replaces (same position) has drained, so one plugin sees events in order across a
     * reload. Returns a handle that waits until the replaced listeners have handled their last event.
     */
    public synchronized Runnable replace(String owner, Contributions next) {
        Contributions previous = owned.getOrDefault(owner, Contributions.NONE);
        List<ListenerQueue> oldQueues = ownedQueues.getOrDefault(owner, List.of());
        var newQueues = new java.util.ArrayList<ListenerQueue>();
        for (int i = 0; i < next.listeners().size(); i++) {
            ListenerQueue predecessor = i < oldQueues.size() ? oldQueues.get(i) : null;
            newQueues.add(new ListenerQueue(owner, next.listeners().get(i), metrics, predecessor));
        }
        swapListeners(oldQueues, newQueues);
        runGates = with(runGates, previous.runGates(), next.runGates());
        stepGates = with(stepGates, previous.stepGates(), next.stepGates());
        if (next.equals(Contributions.NONE)) {
            owned.remove(owner);
            ownedQueues.remove(owner);
        } else {
            owned.put(owner, next);
            ownedQueues.put(owner, newQueues);
        }
        return () -> drainBounded(oldQueues);
    }

    public synchronized AutoCloseable addRunGate(RunGate gate) {
        runGates = with(runGates, List.of(), List.of(gate));
        return () -> {
            synchronized (this) {
                runGates = with(runGates, List.of(gate), List.of());
            }
        };
    }

    public synchronized AutoCloseable addStepGate(StepGate gate) {
        stepGates = with(stepGates, List.of(), List.of(gate));
        return () -> {
            synchronized (this) {
                stepGates = with(stepGates, List.of(gate), List.of());
            }
        };
    }

    private static <T> List<T> with(List<T> current, List<? extends T> remove, List<? extends T> add) {
        var next = new java.util.ArrayList<T>(current);
        next.removeAll(remove);
        next.addAll(add);
        return List.copyOf(next);
    }

    private synchronized void swapListeners(List<ListenerQueue> remove, List<ListenerQueue> add) {
        listeners = with(listeners, remove, add);
    }

    public void publish(MaestroEvent event) {
        for (ListenerQueue q : listeners) q.offer(event);
    }

    /** Waits until every listener has handled everything published so far. */
    public void drain() {
        for (ListenerQueue q : listeners) q.drain();
    }

    /** How long {@link #close()} and a plugin unload wait for a busy listener before giving up on it. */
    public static final long DRAIN_LIMIT_MILLIS = 10_000;

    /**
     * Waits, at most {@link #DRAIN_LIMIT_MILLIS} per listener, until the given listeners have handled
     * what they were sent. A listener still busy then (hung) is given up on: its undelivered events are
     * counted in {@code maestro.listener.abandoned} and logged.
     */
    void drainBounded(List<ListenerQueue> queues) {
        for (ListenerQueue q : queues) {
            if (!q.drain(DRAIN_LIMIT_MILLIS)) {
                int left = q.pending();
                metrics.counter("maestro.listener.abandoned", "listener", q.name()).increment(left);
                log.error("listener {} is still busy after {} ms; giving up on it with {} events undelivered",
                        q.name(), DRAIN_LIMIT_MILLIS, left);
            }
        }
    }

    public boolean hasRunGates() {
        return !runGates.isEmpty();
    }

    public boolean hasStepGates() {
        return !stepGates.isEmpty();
    }

    public Verdict decideRun(GateSubject subject) {
        return decide(runGates, subject);
    }

    public Verdict decideStep(GateSubject subject) {
        return decide(stepGates, subject);
    }

    /**
     * Asks the run gates ({@code subject.stepId() == null}) or step gates until none holds: returns
     * an allow or a deny, or the last hold if {@code cancelled} becomes true while waiting.
     */
    public Verdict awaitDecision(GateSubject subject, java.util.function.BooleanSupplier cancelled)
            throws InterruptedException {
        while (true) {
            Verdict v = subject.stepId() == null ? decideRun(subject) : decideStep(subject);
            if (!(v.decision() instanceof Decision.Hold hold)) return v;
            log.info("run {} step {} held by gate {}: {}", subject.runId(), subject.stepId(), v.gate(), hold.reason());
            if (cancelled.getAsBoolean()) return v;
            Thread.sleep(Math.max(10, v.recheckAfter().toMillis()));
            if (cancelled.getAsBoolean()) return v;
        }
    }

    private Verdict decide(List<? extends Gate> gates, GateSubject subject) {
        Verdict hold = null;
        for (Gate gate : gates) {
            Decision d = ask(gate, subject);
            if (d instanceof Decision.Deny) return new Verdict(d, gate.gateName(), java.time.Duration.ZERO);
            if (d instanceof Decision.Hold && hold == null) hold = new Verdict(d, gate.gateName(), gate.recheckAfter());
        }
        return hold != null ? hold : Verdict.ALLOW;
    }

    private Decision ask(Gate gate, GateSubject subject) {
        Future<Decision> answer = gateThreads.submit(() -> gate.decide(subject));
        String failure;
        try {
            Decision d = answer.get(gate.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (d != null) return d;
            failure = "returned no decision";
        } catch (TimeoutException e) {
            answer.cancel(true);
            failure = "timed out after " + gate.timeout().toMillis() + "ms";
        } catch (ExecutionException e) {
            failure = "threw " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        metrics.counter("maestro.gate.failures", "gate", gate.gateName()).increment();
        boolean open = gate.failMode() == FailMode.OPEN;
        log.warn("gate {} {} for run {} step {}; failing {}", gate.gateName(), failure, subject.runId(),
                subject.stepId(), open ? "open (allow)" : "closed (deny)");
        return open ? Decision.allow() : Decision.deny("gate " + gate.gateName() + " " + failure + " (fails closed)");
    }

    @Override
    public void close() {
        drainBounded(listeners);
        gateThreads.shutdownNow();
    }

    /** Calls the listener method matching the event (for hosts that wrap listeners). */
    public static void dispatchTo(Object listener, MaestroEvent event) {
        dispatch(listener, event);
    }

    static void dispatch(Object listener, MaestroEvent event) {
        if (listener instanceof RunListener r) {
            switch (event) {
                case MaestroEvent.RunSubmitted e -> r.onRunSubmitted(e);
                case MaestroEvent.RunStarted e -> r.onRunStarted(e);
                case MaestroEvent.RunFinished e -> r.onRunFinished(e);
                case MaestroEvent.GateDecided e -> r.onGateDecided(e);
                case MaestroEvent.AuditAction e -> r.onAuditAction(e);
                case MaestroEvent.PluginLoaded e -> r.onPluginLoaded(e);
                case MaestroEvent.PluginUnloaded e -> r.onPluginUnloaded(e);
                default -> { }
            }
        }
        if (listener instanceof StepListener s) {
            switch (event) {
                case MaestroEvent.StepScheduled e -> s.onStepScheduled(e);
                case MaestroEvent.StepStarted e -> s.onStepStarted(e);
                case MaestroEvent.StepRetrying e -> s.onStepRetrying(e);
                case MaestroEvent.StepFinished e -> s.onStepFinished(e);
                case MaestroEvent.ArtifactProduced e -> s.onArtifactProduced(e);
                default -> { }
            }
        }
    }
}
