package io.maestro.core.run;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.event.TraceContext;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.GateSubject;
import io.maestro.core.event.EventBus;
import io.maestro.core.expr.ExpressionException;
import io.maestro.core.expr.Expressions;
import io.maestro.core.plan.PlannedStep;
import io.maestro.core.plan.RunPlan;
import io.maestro.core.spec.PipelineSpec;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run. A single coordinator thread owns the step states: it releases a step when all its
 * needs are terminal, decides skips ({@code when}, skipped or failed needs), and hands each step to
 * a virtual thread ({@link StepRunner}) that reports back through a completion queue.
 */
final class RunExecution {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
    static final Expressions EXPRESSIONS = new Expressions();

    private final String runId;
    private final RunPlan plan;
    private final PipelineSpec spec;
    private final Map<String, Object> params;
    private final boolean resumed;
    private final Span runSpan;
    private final Conductor conductor;
    private final Map<String, StepState> states = new HashMap<>();
    private final Map<String, Integer> unfinishedNeeds = new HashMap<>();
    private final java.util.Set<String> counted = new java.util.HashSet<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final RunCancellation cancellation = new RunCancellation();
    private final Semaphore runSlots;
    private final Map<String, Map<String, Object>> stepVariables = new ConcurrentHashMap<>();
    private final Map<String, Object> runVariables;
    private final Path runDir;

    record Completion(String key, StepState state) { }

    RunExecution(String runId, RunPlan plan, Map<String, Object> params, Map<String, StepState> previous,
                 boolean resumed, Span runSpan, Conductor conductor) {
        this.runId = runId;
        this.plan = plan;
        this.spec = plan.spec();
        this.params = params;
        this.resumed = resumed;
        this.runSpan = runSpan;
        this.conductor = conductor;
        int concurrency = spec.concurrency() != null ? spec.concurrency() : conductor.config().defaultRunConcurrency();
        this.runSlots = new Semaphore(concurrency, true);
        this.runVariables = Map.of("id", runId, "tenant", spec.tenant(), "pipeline", spec.name());
        this.runDir = conductor.config().home().resolve("runs").resolve(runId);
        for (PlannedStep p : plan.steps()) {
            StepState s = previous.getOrDefault(p.key(), StepState.PENDING);
            states.put(p.key(), s);
            if (s.status() == StepStatus.SUCCEEDED) publishVariables(p.key(), s);
        }
    }

    String runId() { return runId; }

    RunPlan plan() { return plan; }

    private volatile String cancelReason = "cancelled";

    boolean cancel(String reason) {
        if (cancellation.isCancelled()) return false;
        cancelReason = reason;
        if (!cancellation.cancel()) return false;
        completions.add(new Completion(null, null)); // wake the coordinator
        return true;
    }

    RunStatus execute() throws Exception {
        Path workspace = runDir.resolve("workspace");
        Files.createDirectories(workspace);
        conductor.telemetry().metrics().counter("maestro.runs.started", "tenant", spec.tenant(), "pipeline", spec.name())
                .increment();
        emit(new MaestroEvent.RunStarted(spec.tenant(), runId, spec.name(), resumed, Instant.now(), trace(runSpan)));

        String denial = askRunGates();
        if (denial != null) {
            for (PlannedStep p : plan.steps()) {
                if (!states.get(p.key()).status().isTerminal()) finish(p.key(), StepStatus.SKIPPED, 0, Map.of(), denial);
            }
            return finishRun(RunStatus.FAILED, denial);
        }

        int remaining = 0;
        var ready = new ArrayDeque<String>();
        for (PlannedStep p : plan.steps()) {
            if (states.get(p.key()).status().isTerminal()) continue;
            remaining++;
            int open = 0;
            for (String need : p.needs()) if (!states.get(need).status().isTerminal()) open++;
            unfinishedNeeds.put(p.key(), open);
            if (open == 0) ready.add(p.key());
        }
        boolean cancelHandled = false;
        while (remaining > 0) {
            while (!ready.isEmpty()) release(ready.poll());
            Completion c = completions.take();
            if (cancellation.isCancelled() && !cancelHandled) {
                cancelHandled = true;
                for (PlannedStep p : plan.steps()) {
                    StepState s = states.get(p.key());
                    if (s.status() == StepStatus.PENDING) finish(p.key(), StepStatus.CANCELLED, s.attempts(), Map.of(),
                            "run cancelled before the step started");
                }
            }
            if (c.key() == null || !counted.add(c.key())) continue;
            states.put(c.key(), c.state());
            remaining--;
            publishVariables(c.key(), c.state());
            for (String dependent : plan.dependents().getOrDefault(c.key(), List.of())) {
                if (unfinishedNeeds.merge(dependent, -1, Integer::sum) == 0
                        && states.get(dependent).status() == StepStatus.PENDING) {
                    ready.add(dependent);
                }
            }
        }
        if (cancellation.isCancelled()) return finishRun(RunStatus.CANCELLED, cancelReason);
        for (PlannedStep p : plan.steps()) {
            StepState s = states.get(p.key());
            if ((s.status() == StepStatus.FAILED && !p.spec().continueOnFailure()) || s.status() == StepStatus.CANCELLED) {
                return finishRun(RunStatus.FAILED, "step '" + p.key() + "' " + s.status().name().toLowerCase()
                        + (s.reason() == null ? "" : ": " + s.reason()));
            }
        }
        return finishRun(RunStatus.SUCCEEDED, null);
    }

    /** Decides what happens to a step whose needs are all terminal. */
    private void release(String key) {
        if (states.get(key).status() != StepStatus.PENDING) return;
        PlannedStep step = plan.step(key);
        if (cancellation.isCancelled()) {
            finish(key, StepStatus.CANCELLED, states.get(key).attempts(), Map.of(), "run cancelled before the step started");
            return;
        }
        for (String need : step.needs()) {
            StepState s = states.get(need);
            boolean failed = s.status() == StepStatus.CANCELLED
                    || (s.status() == StepStatus.FAILED && !plan.step(need).spec().continueOnFailure());
            if (failed) {
                finish(key, StepStatus.SKIPPED, states.get(key).attempts(), Map.of(),
                        "need '" + need + "' " + s.status().name().toLowerCase());
                return;
            }
            if (s.status() == StepStatus.SKIPPED && !step.spec().allowSkippedNeeds()) {
                finish(key, StepStatus.SKIPPED, states.get(key).attempts(), Map.of(), "need '" + need + "' was skipped");
                return;
            }
        }
        if (step.spec().when() != null) {
            try {
                Object holds = EXPRESSIONS.compile(step.spec().when()).evaluate(variables(step));
                if (!(holds instanceof Boolean b)) {
                    finish(key, StepStatus.FAILED, states.get(key).attempts(), Map.of(),
                            "when '" + step.spec().when() + "' gave " + holds + ", not a boolean");
                    return;
                }
                if (!b) {
                    finish(key, StepStatus.SKIPPED, states.get(key).attempts(), Map.of(),
                            "when '" + step.spec().when() + "' is false");
                    return;
                }
            } catch (ExpressionException e) {
                finish(key, StepStatus.FAILED, states.get(key).attempts(), Map.of(), "when " + e.getMessage());
                return;
            }
        }
        states.put(key, new StepState(StepStatus.SCHEDULED, states.get(key).attempts(), Map.of(), null));
        emit(new MaestroEvent.StepScheduled(spec.tenant(), runId, key, step.spec().uses(), Instant.now(), trace(runSpan)));
        var runner = new StepRunner(this, step, states.get(key).attempts());
        Thread.ofVirtual().name("step-" + key).start(runner::run);
    }

    /** Records a terminal state decided without running the step (skip, cancel, gate denial). */
    private void finish(String key, StepStatus status, int attempts, Map<String, String> outputs, String reason) {
        emit(new MaestroEvent.StepFinished(spec.tenant(), runId, key, attempts, status, reason, outputs, 0,
                Instant.now(), trace(runSpan)));
        var state = new StepState(status, attempts, outputs, reason);
        states.put(key, state); // terminal at once, so it is not released or decided twice
        complete(key, state);
    }

    void complete(String key, StepState state) {
        completions.add(new Completion(key, state));
    }

    private String askRunGates() throws InterruptedException {
        var subject = new GateSubject(spec.tenant(), runId, spec.name(), null, null, params, spec.labels(), trace(runSpan));
        if (!conductor.bus().hasRunGates()) return null;
        EventBus.Verdict v = conductor.bus().awaitDecision(subject, cancellation::isCancelled);
        emit(v.asEvent(subject));
        return v.decision() instanceof Decision.Hold ? "cancelled while held by gate " + v.gate() : v.denial();
    }

    private RunStatus finishRun(RunStatus status, String reason) {
        emit(new MaestroEvent.RunFinished(spec.tenant(), runId, spec.name(), status, reason, Instant.now(), trace(runSpan)));
        conductor.telemetry().metrics().counter("maestro.runs.finished", "tenant", spec.tenant(), "pipeline", spec.name(),
                "status", status.name().toLowerCase()).increment();
        runSpan.setAttribute("maestro.outcome", status.name().toLowerCase());
        if (status != RunStatus.SUCCEEDED) runSpan.setStatus(StatusCode.ERROR, reason == null ? status.name() : reason);
        runSpan.end();
        conductor.store().flush();
        return status;
    }

    /** An event on its way to the store and the bus; {@code forwarded} completes once the store has it. */
    private record Outgoing(MaestroEvent event, java.util.concurrent.CompletableFuture<Void> forwarded) { }

    private final java.util.concurrent.ConcurrentLinkedQueue<Outgoing> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean forwarding = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Store and bus see a run's events in one order, the order they were emitted in. No lock: events
     * go into a FIFO and whichever emitting thread finds no one forwarding drains it (a lock here made
     * every step of a wide run queue behind each other).
     */
    void emit(MaestroEvent event) {
        send(new Outgoing(event, null));
    }

    /** Emits, and returns a handle to {@link #awaitCommitted} the event later. */
    java.util.concurrent.CompletableFuture<Void> emitTracked(MaestroEvent event) {
        var forwarded = new java.util.concurrent.CompletableFuture<Void>();
        send(new Outgoing(event, forwarded));
        return forwarded;
    }

    /**
     * Returns once a tracked event is committed to the store: a step is only succeeded (and its
     * dependents only start) when a crash can no longer lose that fact. Concurrent steps share one
     * group commit.
     */
    void awaitCommitted(java.util.concurrent.CompletableFuture<Void> forwarded) {
        forwarded.join();
        conductor.store().flush();
    }

    private void send(Outgoing outgoing) {
        outbox.add(outgoing);
        while (!outbox.isEmpty() && forwarding.compareAndSet(false, true)) {
            try {
                Outgoing next;
                while ((next = outbox.poll()) != null) {
                    conductor.store().record(next.event());
                    if (next.forwarded() != null) next.forwarded().complete(null);
                    conductor.bus().publish(next.event());
                }
            } finally {
                forwarding.set(false);
            }
        }
    }

    private void publishVariables(String key, StepState state) {
        PlannedStep p = plan.step(key);
        stepVariables.compute(p.stepId(), (id, current) -> {
            var outputs = new LinkedHashMap<String, Object>();
            if (current != null) outputs.putAll(castOutputs(current.get("outputs")));
            outputs.putAll(state.outputs());
            return Map.of("outputs", outputs, "status", state.status().name().toLowerCase());
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOutputs(Object o) {
        return (Map<String, Object>) o;
    }

    Map<String, Object> variables(PlannedStep step) {
        return Map.of("params", params, "steps", stepVariables, "run", runVariables, "matrix", step.matrix());
    }

    /**
     * A run is its own trace; when it is started within a span (an API request), the run span links
     * back to it instead of becoming its child, since the run outlives the request.
     */
    static Span startRunSpan(io.maestro.core.telemetry.Telemetry telemetry, PipelineSpec spec, String runId) {
        var builder = telemetry.tracer().spanBuilder("run " + spec.name())
                .setSpanKind(SpanKind.INTERNAL)
                .setNoParent();
        var caller = Span.current().getSpanContext();
        if (caller.isValid()) builder.addLink(caller);
        return builder
                .setAttribute(AttributeKey.stringKey("maestro.tenant"), spec.tenant())
                .setAttribute(AttributeKey.stringKey("maestro.pipeline"), spec.name())
                .setAttribute(AttributeKey.stringKey("maestro.run_id"), runId)
                .startSpan();
    }

    static TraceContext trace(Span span) {
        var ctx = span.getSpanContext();
        return new TraceContext(ctx.getTraceId(), ctx.getSpanId());
    }

    // accessors for StepRunner
    String tenant() { return spec.tenant(); }

    PipelineSpec spec() { return spec; }

    Map<String, Object> params() { return params; }

    Span runSpan() { return runSpan; }

    Conductor conductor() { return conductor; }

    RunCancellation cancellation() { return cancellation; }

    Semaphore runSlots() { return runSlots; }

    Path runDir() { return runDir; }

    Counter retries(String uses) {
        return conductor.telemetry().metrics().counter("maestro.step.retries", "uses", uses);
    }
}
