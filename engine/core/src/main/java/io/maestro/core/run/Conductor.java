package io.maestro.core.run;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.core.event.EventBus;
import io.maestro.core.plan.Planner;
import io.maestro.core.plan.RunPlan;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.Params;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.NewRun;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StepRecord;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns specs into runs and drives them: records each run, plans it, executes it on virtual
 * threads within global and per-run limits, and resumes unfinished runs from the store.
 */
public final class Conductor implements AutoCloseable {
    private final RunStore store;
    private final EventBus bus;
    private final StepExecutors executors;
    private final Telemetry telemetry;
    private final ConductorConfig config;
    private final Planner planner = new Planner();
    private final Semaphore globalSlots;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, RunExecution> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;

    public Conductor(RunStore store, EventBus bus, StepExecutors executors, Telemetry telemetry, ConductorConfig config) {
        this.store = store;
        this.bus = bus;
        this.executors = executors;
        this.telemetry = telemetry;
        this.config = config;
        this.globalSlots = new Semaphore(config.globalConcurrency(), true);
        Gauge.builder("maestro.queue.depth", queued, AtomicInteger::get)
                .description("step instances waiting for a concurrency slot").register(telemetry.metrics());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("maestro-heartbeat").unstarted(r));
        long every = config.heartbeatEvery().toMillis();
        heartbeats.scheduleAtFixedRate(() -> active.keySet().forEach(id -> store.heartbeat(id, config.owner())),
                every, every, TimeUnit.MILLISECONDS);
    }

    public RunPlan plan(PipelineSpec spec) {
        return planner.plan(spec);
    }

    /**
     * Records and starts a run. Params are checked before anything is written.
     *
     * @throws IllegalArgumentException for a bad param (nothing is recorded)
     */
    public RunHandle start(PipelineSpec spec, Map<String, ?> givenParams) {
        Map<String, Object> params = Params.resolve(spec, givenParams);
        RunPlan plan = planner.plan(spec);
        String runId = RunIds.next();
        Span runSpan = RunExecution.startRunSpan(telemetry, spec, runId);
        Instant now = Instant.now();
        store.createRun(new NewRun(runId, spec.tenant(), spec.name(), spec.file(), spec.text(), params,
                runSpan.getSpanContext().getTraceId(), config.owner(), now,
                plan.steps().stream().map(p -> new NewRun.PlannedStepRow(p.key(), p.spec().uses())).toList(),
                spec.labels().getOrDefault("region", config.region())));
        var submitted = new MaestroEvent.RunSubmitted(spec.tenant(), runId, spec.name(), params, now,
                RunExecution.trace(runSpan));
        store.record(submitted);
        bus.publish(submitted);
        return launch(new RunExecution(runId, plan, params, Map.of(), false, runSpan, this));
    }

    /**
     * Continues a failed, cancelled or orphaned run: steps that succeeded keep their outputs and
     * are not run again; every other step runs.
     */
    public RunHandle resume(String runId, SpecParser parser) {
        RunRecord run = store.findRun(runId).orElseThrow(() -> new RunException("no run with id " + runId));
        if (run.status() == RunStatus.SUCCEEDED) throw new RunException("run " + runId + " already succeeded");
        if (active.containsKey(runId)
                || (!run.status().isTerminal() && Owners.isAlive(run.owner(), run.heartbeatAt(), Instant.now()))) {
            throw new RunException("run " + runId + " is still running (owner " + run.owner() + ")");
        }
        PipelineSpec spec = parser.parse(run.specPath() == null ? runId : run.specPath(), run.specText())
                .withTenant(run.tenant());
        RunPlan plan = planner.plan(spec);
        if (!store.prepareResume(runId, run.owner(), config.owner())) {
            throw new RunException("run " + runId + " was just claimed by another conductor");
        }
        var previous = new HashMap<String, StepState>();
        for (StepRecord s : store.steps(runId)) {
            previous.put(s.stepId(), s.status() == StepStatus.SUCCEEDED
                    ? new StepState(StepStatus.SUCCEEDED, s.attempts(), s.outputs(), s.reason())
                    : new StepState(StepStatus.PENDING, s.attempts(), Map.of(), null));
        }
        Span runSpan = RunExecution.startRunSpan(telemetry, spec, runId);
        return launch(new RunExecution(runId, plan, run.params(), previous, true, runSpan, this));
    }

    private RunHandle launch(RunExecution execution) {
        active.put(execution.runId(), execution);
        var completion = new CompletableFuture<RunStatus>();
        Thread.ofVirtual().name("run-" + execution.runId()).start(() -> {
            RunStatus status = RunStatus.FAILED;
            try {
                status = execution.execute();
            } catch (Throwable t) {
                completion.completeExceptionally(t);
                return;
            } finally {
                active.remove(execution.runId());
            }
            completion.complete(status);
        });
        return new RunHandle(execution.runId(), execution.plan(), completion);
    }

    /** Cancels a run of this conductor: running steps are killed and recorded as cancelled. */
    public boolean cancel(String runId) {
        return cancel(runId, "cancelled");
    }

    /** Cancels with a reason that is recorded as the run's reason (e.g. "halted by billing: over budget"). */
    public boolean cancel(String runId, String reason) {
        RunExecution run = active.get(runId);
        return run != null && run.cancel(reason);
    }

    public List<String> activeRuns() {
        return List.copyOf(active.keySet());
    }

    RunStore store() { return store; }

    EventBus bus() { return bus; }

    StepExecutors executors() { return executors; }

    Telemetry telemetry() { return telemetry; }

    ConductorConfig config() { return config; }

    Semaphore globalSlots() { return globalSlots; }

    AtomicInteger queued() { return queued; }

    @Override
    public void close() {
        active.values().forEach(r -> r.cancel("conductor shutting down"));
        heartbeats.shutdownNow();
    }
}
