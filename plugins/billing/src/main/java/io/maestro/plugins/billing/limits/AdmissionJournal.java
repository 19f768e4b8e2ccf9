package io.maestro.plugins.billing.limits;

import io.maestro.plugins.billing.ledger.AppendOnlyFile;
import io.maestro.plugins.billing.ledger.JsonLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gates let in, so quotas hold across a plugin reload and a restart: runs admitted and
 * released, steps admitted, step attempts started (the start time a metered attempt is measured
 * from). One append-only JSON-lines file per month ({@code <dir>/2026-11.jsonl}); this object is a
 * fold of the current and previous month, caught up before every answer.
 */
public final class AdmissionJournal {
    private static final Logger log = LoggerFactory.getLogger(AdmissionJournal.class);
    private static final Duration HOUR = Duration.ofHours(1);

    /** A run the run gate let in whose RunFinished has not been seen yet. */
    public record LiveRun(String runId, String tenant, String pipeline, Instant admittedAt) { }

    /** A step attempt that started: what it is priced as and when it began. */
    public record AttemptStart(String tenant, String uses, Instant at) { }

    private final Path dir;
    private final Clock clock;
    private final Map<YearMonth, AppendOnlyFile> files = new TreeMap<>();
    private final Map<String, LiveRun> live = new LinkedHashMap<>();
    /** Admissions of the last two hours, live or not, for runs-per-hour. */
    private final Map<String, LiveRun> recent = new HashMap<>();
    private final Map<String, Map<String, String>> stepsByRun = new HashMap<>();
    private final Map<String, AttemptStart> attempts = new HashMap<>();
    private int unreadable;

    public AdmissionJournal(Path dir, Clock clock) throws IOException {
        this.dir = dir;
        this.clock = clock;
        catchUp();
    }

    public synchronized void admitRun(String runId, String tenant, String pipeline, Instant at) throws IOException {
        append(at, line("run-admitted", runId, tenant, at, "pipeline", pipeline));
    }

    /** @return false when the run was not live (already released, or never admitted) */
    public synchronized boolean releaseRun(String runId, Instant at) throws IOException {
        catchUp();
        if (!live.containsKey(runId) && !stepsByRun.containsKey(runId)) return false;
        LiveRun run = live.get(runId);
        append(at, line("run-released", runId, run == null ? null : run.tenant(), at));
        return run != null;
    }

    public synchronized void admitStep(String runId, String stepId, String tenant, String uses, Instant at)
            throws IOException {
        append(at, line("step-admitted", runId, tenant, at, "stepId", stepId, "uses", uses));
    }

    public synchronized void attemptStarted(String runId, String stepId, int attempt, String tenant, String uses,
                                            Instant at) throws IOException {
        append(at, line("attempt-started", runId, tenant, at, "stepId", stepId, "attempt", attempt, "uses", uses));
    }

    public synchronized boolean isLive(String runId) throws IOException {
        catchUp();
        return live.containsKey(runId);
    }

    public synchronized List<LiveRun> liveRuns(String tenant) throws IOException {
        catchUp();
        return live.values().stream().filter(r -> r.tenant().equals(tenant)).toList();
    }

    public synchronized List<LiveRun> liveRuns() throws IOException {
        catchUp();
        return List.copyOf(live.values());
    }

    /** Runs of this tenant admitted in the hour before {@code now}. */
    public synchronized int runsInLastHour(String tenant, Instant now) throws IOException {
        catchUp();
        Instant since = now.minus(HOUR);
        recent.values().removeIf(r -> !r.admittedAt().isAfter(now.minus(HOUR.multipliedBy(2))));
        int n = 0;
        for (LiveRun r : recent.values()) {
            if (r.admittedAt().isAfter(since) && r.tenant().equals(tenant)) n++;
        }
        return n;
    }

    /** Distinct steps the step gate let in for this run so far. */
    public synchronized int stepsAdmitted(String runId) throws IOException {
        catchUp();
        return stepsByRun.getOrDefault(runId, Map.of()).size();
    }

    public synchronized boolean stepAdmitted(String runId, String stepId) throws IOException {
        catchUp();
        return stepsByRun.getOrDefault(runId, Map.of()).containsKey(stepId);
    }

    public synchronized AttemptStart attempt(String runId, String stepId, int attempt) throws IOException {
        catchUp();
        return attempts.get(attemptKey(runId, stepId, attempt));
    }

    /** The step type of a step, as its gate or its last attempt saw it (null when unknown). */
    public synchronized String usesOf(String runId, String stepId) throws IOException {
        catchUp();
        return stepsByRun.getOrDefault(runId, Map.of()).get(stepId);
    }

    public synchronized String pipelineOf(String runId) throws IOException {
        catchUp();
        LiveRun r = live.get(runId);
        return r == null ? null : r.pipeline();
    }

    public synchronized int unreadableLines() {
        return unreadable;
    }

    private void append(Instant at, String line) throws IOException {
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        files.computeIfAbsent(month, m -> new AppendOnlyFile(dir.resolve(m + ".jsonl"))).append(line);
        catchUp();
    }

    private void catchUp() throws IOException {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (YearMonth m : List.of(now.minusMonths(1), now)) {
            files.computeIfAbsent(m, k -> new AppendOnlyFile(dir.resolve(k + ".jsonl")));
        }
        files.keySet().removeIf(m -> m.isBefore(now.minusMonths(1)));
        for (AppendOnlyFile f : new ArrayList<>(files.values())) f.readNew(this::apply);
    }

    private void apply(String line) {
        if (line.isBlank()) return;
        Map<String, Object> m;
        try {
            m = JsonLine.parse(line);
        } catch (IllegalArgumentException e) {
            unreadable++;
            log.warn("billing: unreadable admission journal line skipped ({}): {}", e.getMessage(), line);
            return;
        }
        String type = String.valueOf(m.get("type"));
        String runId = (String) m.get("runId");
        String tenant = (String) m.get("tenant");
        Instant at = Instant.parse((String) m.get("at"));
        String stepId = (String) m.get("stepId");
        String uses = (String) m.get("uses");
        switch (type) {
            case "run-admitted" -> {
                var run = new LiveRun(runId, tenant, (String) m.get("pipeline"), at);
                live.put(runId, run);
                recent.put(runId, run);
            }
            case "run-released" -> {
                live.remove(runId);
                stepsByRun.remove(runId);
                attempts.keySet().removeIf(k -> k.startsWith(runId + "\u0000"));
            }
            case "step-admitted" -> {
                stepsByRun.computeIfAbsent(runId, k -> new LinkedHashMap<>()).put(stepId, uses);
            }
            case "attempt-started" -> {
                Object attempt = m.get("attempt");
                attempts.put(attemptKey(runId, stepId, attempt instanceof Long l ? l.intValue() : 0),
                        new AttemptStart(tenant, uses, at));
                stepsByRun.computeIfAbsent(runId, k -> new LinkedHashMap<>()).putIfAbsent(stepId, uses);
            }
            default -> log.warn("billing: unknown admission journal entry '{}' skipped", type);
        }
    }

    private static String attemptKey(String runId, String stepId, int attempt) {
        return runId + "\u0000" + stepId + "\u0000" + attempt;
    }

    private static String line(String type, String runId, String tenant, Instant at, Object... more) {
        var m = new LinkedHashMap<String, Object>();
        m.put("type", type);
        m.put("at", at.toString());
        m.put("runId", runId);
        m.put("tenant", tenant);
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return JsonLine.write(m);
    }
}
