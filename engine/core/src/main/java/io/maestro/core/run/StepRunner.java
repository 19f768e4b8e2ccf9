package io.maestro.core.run;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.StepStatus;
import io.maestro.api.event.TraceContext;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepFailure;
import io.maestro.api.step.StepResult;
import io.maestro.core.event.EventBus;
import io.maestro.core.expr.ExpressionException;
import io.maestro.core.expr.Template;
import io.maestro.core.plan.PlannedStep;
import io.maestro.core.spec.Durations;
import io.maestro.core.spec.RetrySpec;
import io.maestro.core.store.LogLine;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one step instance on its own virtual thread: waits for a run slot and a global slot, asks
 * the step gates, renders inputs, then runs attempts with retries (Failsafe), each attempt with
 * its own span, timeout and cancellation.
 */
final class StepRunner {
    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("maestro-step-timeouts").unstarted(r));

    private final RunExecution run;
    private final PlannedStep step;
    private final int previousAttempts;
    private int lastAttempt;

    /** Why an attempt ended without a result. */
    private static final class Cancelled extends Exception {
        Cancelled(String message) { super(message, null, false, false); }
    }

    StepRunner(RunExecution run, PlannedStep step, int previousAttempts) {
        this.run = run;
        this.step = step;
        this.previousAttempts = previousAttempts;
        this.lastAttempt = previousAttempts;
    }

    void run() {
        long started = System.nanoTime();
        StepStatus status;
        String reason = null;
        Map<String, String> outputs = Map.of();
        var conductor = run.conductor();
        conductor.queued().incrementAndGet();
        boolean runSlot = false;
        boolean globalSlot = false;
        try {
            run.runSlots().acquire();
            runSlot = true;
            conductor.globalSlots().acquire();
            globalSlot = true;
            conductor.queued().decrementAndGet();
            if (run.cancellation().isCancelled()) throw new Cancelled("run cancelled before the step started");
            String denial = askGates();
            if (denial != null) {
                status = StepStatus.FAILED;
                reason = denial;
            } else {
                StepResult result = runAttempts(renderInputs());
                status = StepStatus.SUCCEEDED;
                outputs = result.outputs();
                publishArtifacts(result);
            }
        } catch (Cancelled | InterruptedException e) {
            status = StepStatus.CANCELLED;
            reason = e.getMessage() == null ? "cancelled" : e.getMessage();
        } catch (StepFailure e) {
            status = StepStatus.FAILED;
            reason = e.getMessage();
        } catch (Throwable e) { // an Error from an executor must still finish the step, or the run would wait forever
            status = StepStatus.FAILED;
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("step {} of run {} failed unexpectedly", step.key(), run.runId(), e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Timer.builder("maestro.step.duration").tag("uses", step.spec().uses()).tag("status", status.name().toLowerCase())
                .publishPercentileHistogram().register(conductor.telemetry().metrics())
                .record(Duration.ofMillis(millis));
        // in the log before its slot frees (the log never shows more steps running than allowed), and
        // committed before its dependents start (a crash after that cannot make a resume run it again)
        var finished = run.emitTracked(new MaestroEvent.StepFinished(run.tenant(), run.runId(), step.key(), lastAttempt,
                status, reason, outputs, millis, Instant.now(), RunExecution.trace(run.runSpan())));
        if (!runSlot || !globalSlot) conductor.queued().decrementAndGet();
        if (globalSlot) conductor.globalSlots().release();
        if (runSlot) run.runSlots().release();
        run.awaitCommitted(finished);
        run.complete(step.key(), new StepState(status, lastAttempt, outputs, reason));
    }

    private String askGates() throws InterruptedException, Cancelled {
        var subject = new GateSubject(run.tenant(), run.runId(), run.spec().name(), step.key(), step.spec().uses(),
                run.params(), run.spec().labels(), RunExecution.trace(run.runSpan()));
        if (!run.conductor().bus().hasStepGates()) return null;
        EventBus.Verdict v = run.conductor().bus().awaitDecision(subject, run.cancellation()::isCancelled);
        run.emit(v.asEvent(subject));
        if (v.decision() instanceof Decision.Hold) throw new Cancelled("cancelled while held by gate " + v.gate());
        return v.denial();
    }

    private Map<String, Object> renderInputs() throws StepFailure {
        Map<String, Object> variables = run.variables(step);
        try {
            return render(step.spec().with(), variables);
        } catch (ExpressionException e) {
            throw new StepFailure("cannot render with: " + e.getMessage(), false);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T render(T value, Map<String, Object> variables) throws ExpressionException {
        if (value instanceof String s) return (T) Template.render(s, RunExecution.EXPRESSIONS, variables);
        if (value instanceof Map<?, ?> m) {
            var out = new LinkedHashMap<String, Object>();
            for (var e : m.entrySet()) out.put(String.valueOf(e.getKey()), render(e.getValue(), variables));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            var out = new ArrayList<>(l.size());
            for (Object o : l) out.add(render(o, variables));
            return (T) out;
        }
        return value;
    }

    private StepResult runAttempts(Map<String, Object> inputs) throws Exception {
        RetrySpec retry = step.spec().retry();
        RetryPolicyBuilder<StepResult> policy = RetryPolicy.<StepResult>builder()
                .withMaxRetries(retry.max())
                .handleIf(e -> e instanceof StepFailure f ? f.retryable() : !(e instanceof Cancelled || e instanceof InterruptedException))
                .abortOn(Cancelled.class, InterruptedException.class)
                .onRetryScheduled(e -> {
                    run.retries(step.spec().uses()).increment();
                    run.emit(new MaestroEvent.StepRetrying(run.tenant(), run.runId(), step.key(), lastAttempt,
                            String.valueOf(e.getLastException() == null ? "failed" : e.getLastException().getMessage()),
                            e.getDelay().toMillis(), Instant.now(), RunExecution.trace(run.runSpan())));
                });
        if (retry.max() > 0) {
            if (retry.exponential()) policy.withBackoff(retry.delay(), retry.maxDelay());
            else policy.withDelay(retry.delay());
        }
        try {
            return Failsafe.with(policy.build()).get(ctx -> attempt(inputs));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            throw e;
        }
    }

    /** Each attempt binds to the newest loaded version of its step type. */
    private StepExecutor executor() throws StepFailure {
        return run.conductor().executors().find(step.spec().uses())
                .orElseThrow(() -> new StepFailure("no step type '" + step.spec().uses() + "' is loaded", false));
    }

    private StepResult attempt(Map<String, Object> inputs) throws Exception {
        int attempt = ++lastAttempt;
        if (run.cancellation().isCancelled()) throw new Cancelled("cancelled");
        Span span = run.conductor().telemetry().tracer().spanBuilder("step " + step.key())
                .setParent(Context.current().with(run.runSpan()))
                .setAttribute(AttributeKey.stringKey("maestro.tenant"), run.tenant())
                .setAttribute(AttributeKey.stringKey("maestro.pipeline"), run.spec().name())
                .setAttribute(AttributeKey.stringKey("maestro.run_id"), run.runId())
                .setAttribute(AttributeKey.stringKey("maestro.step_id"), step.key())
                .setAttribute(AttributeKey.stringKey("maestro.step_type"), step.spec().uses())
                .setAttribute(AttributeKey.longKey("maestro.attempt"), (long) attempt)
                .startSpan();
        TraceContext trace = RunExecution.trace(span);
        RunCancellation token = run.cancellation().child();
        Duration timeout = step.spec().timeout();
        var timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> deadline = timeout == null ? null : TIMEOUTS.schedule(() -> {
            timedOut.set(true);
            token.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        MDC.put("trace_id", trace.traceId());
        MDC.put("span_id", trace.spanId());
        MDC.put("run_id", run.runId());
        MDC.put("step_id", step.key());
        run.emit(new MaestroEvent.StepStarted(run.tenant(), run.runId(), step.key(), step.spec().uses(), attempt,
                Instant.now(), trace));
        try {
            // created by the executors that use it (shell), so noop and http steps touch no files
            Path outputsFile = run.runDir().resolve("steps").resolve(safe(step.key())).resolve("attempt-" + attempt)
                    .resolve("outputs");
            var context = new AttemptContext(run.tenant(), run.runId(), step.key(), attempt, inputs,
                    run.runDir().resolve("workspace"), outputsFile, environment(attempt, outputsFile, trace), trace,
                    new AttemptContext.Log(run.conductor().store(), run.runId(), step.key(), attempt), token);
            StepResult result;
            try {
                try {
                    result = executor().execute(context);
                } catch (io.maestro.core.step.ExecutorUnavailableException e) {
                    result = executor().execute(context); // reloaded between lookup and call: the new version
                }
            } catch (InterruptedException e) {
                if (timedOut.get()) throw timeoutFailure(timeout);
                throw new Cancelled("cancelled");
            } catch (Exception e) {
                if (timedOut.get()) throw timeoutFailure(timeout);
                if (run.cancellation().isCancelled()) throw new Cancelled("cancelled");
                throw e;
            }
            if (timedOut.get()) throw timeoutFailure(timeout);
            span.setAttribute("maestro.outcome", "succeeded");
            return result;
        } catch (Exception e) {
            String outcome = e instanceof Cancelled ? "cancelled" : "failed";
            span.setAttribute("maestro.outcome", outcome);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            context(e, attempt);
            throw e;
        } finally {
            if (deadline != null) deadline.cancel(false);
            token.detach();
            span.end();
            MDC.clear();
        }
    }

    private void context(Exception e, int attempt) {
        if (!(e instanceof Cancelled)) {
            log.info("step {} attempt {} of run {} failed: {}", step.key(), attempt, run.runId(), e.getMessage());
            run.conductor().store().log(run.runId(), step.key(), attempt, LogLine.Stream.ERR,
                    "[maestro] attempt " + attempt + " failed: " + e.getMessage());
        }
    }

    private static StepFailure timeoutFailure(Duration timeout) {
        return new StepFailure("timed out after " + Durations.format(timeout) + "; the process tree was killed");
    }

    private Map<String, String> environment(int attempt, Path outputsFile, TraceContext trace) {
        var env = new HashMap<String, String>();
        env.put("MAESTRO_RUN_ID", run.runId());
        env.put("MAESTRO_STEP_ID", step.key());
        env.put("MAESTRO_ATTEMPT", Integer.toString(attempt));
        env.put("MAESTRO_OUTPUTS", outputsFile.toAbsolutePath().toString());
        env.put("MAESTRO_WORKSPACE", run.runDir().resolve("workspace").toAbsolutePath().toString());
        env.put("MAESTRO_TENANT", run.tenant());
        env.put("MAESTRO_PIPELINE", run.spec().name());
        Path specDir = Path.of(run.spec().file()).toAbsolutePath().getParent();
        if (specDir != null) env.put("MAESTRO_SPEC_DIR", specDir.toString());
        env.put("TRACEPARENT", trace.traceparent());
        step.matrix().forEach((k, v) -> env.put("MAESTRO_MATRIX_" + k.toUpperCase(), String.valueOf(v)));
        return env;
    }

    private void publishArtifacts(StepResult result) {
        for (Path artifact : result.artifacts()) {
            try {
                run.emit(new MaestroEvent.ArtifactProduced(run.tenant(), run.runId(), step.key(), lastAttempt,
                        artifact.getFileName().toString(), artifact.toAbsolutePath().toString(),
                        Artifacts.sha256(artifact), Files.size(artifact), Instant.now(),
                        RunExecution.trace(run.runSpan())));
            } catch (java.io.IOException e) {
                log.warn("artifact {} of step {} unreadable: {}", artifact, step.key(), e.getMessage());
            }
        }
    }

    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._=,-]");

    static String safe(String key) {
        return UNSAFE.matcher(key).replaceAll("_");
    }
}
