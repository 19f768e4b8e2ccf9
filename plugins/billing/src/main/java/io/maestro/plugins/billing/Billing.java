package io.maestro.plugins.billing;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.RunControl;
import io.maestro.plugins.billing.config.BillingConfig;
import io.maestro.plugins.billing.config.ConfigWatcher;
import io.maestro.plugins.billing.config.OnBreach;
import io.maestro.plugins.billing.config.TenantLimits;
import io.maestro.plugins.billing.ledger.UsageEntry;
import io.maestro.plugins.billing.ledger.UsageLedger;
import io.maestro.plugins.billing.ledger.Unit;
import io.maestro.plugins.billing.limits.AdmissionJournal;
import io.maestro.plugins.billing.limits.Breach;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets and quotas of every tenant: decides what the gates ask, meters what the events report,
 * and halts a tenant's runs when its spending reaches a hard budget under {@code onBreach: halt}.
 * All state that matters is in files under the plugin's data directory (usage ledger, admission
 * journal), so it survives restarts and reloads and is shared with the CLI process.
 */
public final class Billing {
    private static final Logger log = LoggerFactory.getLogger(Billing.class);
    public static final String CONFIG_FILE = "billing.yaml";
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final long[] STORE_RETRY_MILLIS = {50, 250};

    private final ConfigWatcher config;
    private final UsageLedger ledger;
    private final AdmissionJournal journal;
    private final RunControl runs;
    private final Clock clock;
    private final Map<String, Instant> lastWarned = new HashMap<>();
    private final Set<String> halted = new HashSet<>();

    Billing(ConfigWatcher config, UsageLedger ledger, AdmissionJournal journal, RunControl runs, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.journal = journal;
        this.runs = runs;
        this.clock = clock;
    }

    public static Billing open(PluginContext context, Clock clock) throws IOException {
        return open(context.dataDirectory(), context.configDirectory(), context.runs(), clock);
    }

    public static Billing open(Path dataDir, Path configDir, RunControl runs, Clock clock) throws IOException {
        Files.createDirectories(dataDir);
        var watcher = new ConfigWatcher(configDir.resolve(CONFIG_FILE), dataDir.resolve("billing.last-good.yaml"), clock);
        return new Billing(watcher, new UsageLedger(dataDir.resolve("usage"), clock),
                new AdmissionJournal(dataDir.resolve("admissions"), clock), runs, clock);
    }

    public ConfigWatcher config() {
        return config;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public AdmissionJournal journal() {
        return journal;
    }

    public Clock clock() {
        return clock;
    }

    // ---- gates ---------------------------------------------------------------------------------

    /** Run gate ({@code stepId == null}) and step gate in one: a decision and, when it admits, its record. */
    public synchronized Decision decide(GateSubject s) throws IOException {
        BillingConfig cfg = config.current();
        TenantLimits limits = cfg.limitsFor(s.tenant());
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        BigDecimal spent = ledger.spent(s.tenant(), month);
        return s.stepId() == null ? decideRun(s, cfg, limits, spent, month, now)
                : decideStep(s, cfg, limits, spent, month, now);
    }

    private Decision decideRun(GateSubject s, BillingConfig cfg, TenantLimits limits, BigDecimal spent, YearMonth month,
                               Instant now) throws IOException {
        var breaches = new ArrayList<Breach>();
        // asked again for a run it already let in (a resumed run, or another gate held it): count it once
        boolean admitted = journal.isLive(s.runId());
        Breach budget = budgetBreach(cfg, limits, spent, cfg.rates().run(), month);
        if (budget != null && budget.hard()) {
            if (limits.onBreach() == OnBreach.WARN) {
                warn(s.tenant(), budget, "run " + s.runId() + " allowed (onBreach: warn)");
            } else if (!(admitted && limits.onBreach() == OnBreach.FINISH_RUNNING)) {
                breaches.add(budget);
            }
        } else if (budget != null) {
            breaches.add(budget);
        }
        if (!admitted) {
            int live = journal.liveRuns(s.tenant()).size();
            add(breaches, Breach.of("concurrentRuns", limits.concurrentRuns(), BigDecimal.valueOf(live), BigDecimal.ZERO,
                    Breach.plural(live, "concurrent run", "concurrent runs"), "limit", ""));
            int lastHour = journal.runsInLastHour(s.tenant(), now);
            add(breaches, Breach.of("runsPerHour", limits.runsPerHour(), BigDecimal.valueOf(lastHour), BigDecimal.ZERO,
                    Breach.plural(lastHour, "run", "runs") + " in the last hour", "limit", ""));
        }
        return verdict(s, breaches, "run " + s.runId(), () -> {
            if (!admitted) journal.admitRun(s.runId(), s.tenant(), s.pipeline(), now);
        });
    }

    private Decision decideStep(GateSubject s, BillingConfig cfg, TenantLimits limits, BigDecimal spent, YearMonth month,
                                Instant now) throws IOException {
        var breaches = new ArrayList<Breach>();
        Breach budget = budgetBreach(cfg, limits, spent, BigDecimal.ZERO, month);
        if (budget != null && budget.hard()) {
            switch (limits.onBreach()) {
                case HALT -> breaches.add(new Breach(budget.limit(), true, budget.message() + " (onBreach: halt)"));
                case FINISH_RUNNING -> { } // a running run finishes; only new runs are denied
                case WARN -> warn(s.tenant(), budget, "step " + s.stepId() + " of run " + s.runId() + " allowed (onBreach: warn)");
            }
        } else if (budget != null) {
            breaches.add(budget);
        }
        boolean admitted = journal.stepAdmitted(s.runId(), s.stepId());
        if (!admitted) {
            int steps = journal.stepsAdmitted(s.runId());
            add(breaches, Breach.of("stepsPerRun", limits.stepsPerRun(), BigDecimal.valueOf(steps), BigDecimal.ZERO,
                    "run " + s.runId() + " has started " + Breach.plural(steps, "step", "steps"), "limit", " per run"));
        }
        return verdict(s, breaches, "step " + s.stepId() + " of run " + s.runId(), () -> {
            if (!admitted) journal.admitStep(s.runId(), s.stepId(), s.tenant(), s.uses(), now);
        });
    }

    private interface Admission {
        void record() throws IOException;
    }

    private Decision verdict(GateSubject s, List<Breach> breaches, String what, Admission admit) throws IOException {
        List<Breach> hard = breaches.stream().filter(Breach::hard).toList();
        for (Breach b : breaches) if (!b.hard()) warn(s.tenant(), b, what + " allowed");
        if (!hard.isEmpty()) {
            String reason = "tenant " + s.tenant() + ": " + hard.stream().map(Breach::message).collect(Collectors.joining("; "));
            log.info("billing: {} denied: {}", what, reason);
            return Decision.deny(reason);
        }
        admit.record();
        return Decision.allow();
    }

    private static void add(List<Breach> breaches, Breach b) {
        if (b != null) breaches.add(b);
    }

    /** The monthly budget's breach, counting {@code adding} (the price of what is being admitted). */
    static Breach budgetBreach(BillingConfig cfg, TenantLimits limits, BigDecimal spent, BigDecimal adding, YearMonth month) {
        if (limits.budget() == null || !limits.budget().isSet()) return null;
        String usage = "spent " + spent.toPlainString() + " " + cfg.currency() + " in " + month;
        Breach b = Breach.of("budget", limits.budget(), spent, adding, usage, "monthly budget", " " + cfg.currency());
        if (b == null || adding.signum() == 0) return b;
        BigDecimal threshold = b.hard() ? limits.budget().hard() : limits.budget().soft();
        if (spent.compareTo(threshold) >= 0) return b;
        // not over yet, but this run's own price would take it over: say so
        return Breach.of("budget", limits.budget(), spent, adding, usage + " and a run costs " + adding.toPlainString()
                + " " + cfg.currency(), "monthly budget", " " + cfg.currency());
    }

    private void warn(String tenant, Breach b, String outcome) {
        String key = tenant + "/" + b.limit() + "/" + b.hard();
        Instant now = clock.instant();
        Instant last = lastWarned.get(key);
        if (last != null && Duration.between(last, now).compareTo(WARN_EVERY) < 0) return;
        lastWarned.put(key, now);
        log.warn("billing: tenant {}: {}; {}", tenant, b.message(), outcome);
    }

    // ---- metering ------------------------------------------------------------------------------

    public void onRunFinished(MaestroEvent.RunFinished e) {
        store("release run " + e.runId(), () -> {
            synchronized (this) {
                journal.releaseRun(e.runId(), e.at());
                halted.remove(e.runId());
            }
        });
    }

    /** A run is charged once it has passed every gate (not when a gate denied or held it). */
    public void onGateDecided(MaestroEvent.GateDecided e) {
        if (e.stepId() != null || !"allow".equals(e.decision())) return;
        List<Halt> toHalt = meter(() -> {
            BillingConfig cfg = config.current();
            return UsageEntry.priced("run/" + e.runId(), e.at(), e.tenant(), journal.pipelineOf(e.runId()), e.runId(),
                    null, 0, null, Unit.RUN, 1, cfg.rates().run(), cfg.currency());
        });
        halt(toHalt);
    }

    public void onStepStarted(MaestroEvent.StepStarted e) {
        store("record the start of step " + e.stepId() + " attempt " + e.attempt() + " of run " + e.runId(), () ->
                journal.attemptStarted(e.runId(), e.stepId(), e.attempt(), e.tenant(), e.uses(), e.at()));
    }

    public void onStepRetrying(MaestroEvent.StepRetrying e) {
        halt(meterAttempt(e.tenant(), e.runId(), e.stepId(), e.attempt(), e.at()));
    }

    public void onStepFinished(MaestroEvent.StepFinished e) {
        if (e.attempt() > 0) halt(meterAttempt(e.tenant(), e.runId(), e.stepId(), e.attempt(), e.at()));
    }

    public void onArtifactProduced(MaestroEvent.ArtifactProduced e) {
        halt(meter(() -> {
            BillingConfig cfg = config.current();
            String uses = journal.usesOf(e.runId(), e.stepId());
            return UsageEntry.priced("artifact/" + e.runId() + "/" + e.stepId() + "/" + e.attempt() + "/" + e.name(),
                    e.at(), e.tenant(), journal.pipelineOf(e.runId()), e.runId(), e.stepId(), e.attempt(), uses,
                    Unit.ARTIFACT_BYTES, e.sizeBytes(), cfg.rates().artifactGigabytes(), cfg.currency());
        }));
    }

    /**
     * One attempt, from its StepStarted to the StepRetrying or StepFinished that ended it: time spent
     * waiting for a slot, for a gate or between retries is not charged.
     */
    private List<Halt> meterAttempt(String tenant, String runId, String stepId, int attempt, Instant end) {
        return meter(() -> {
            AdmissionJournal.AttemptStart start = journal.attempt(runId, stepId, attempt);
            if (start == null) {
                log.debug("billing: no start recorded for step {} attempt {} of run {}; not metered", stepId, attempt, runId);
                return null;
            }
            long millis = Math.max(0, Duration.between(start.at(), end).toMillis());
            BillingConfig cfg = config.current();
            return UsageEntry.priced("step/" + runId + "/" + stepId + "/" + attempt, end, tenant,
                    journal.pipelineOf(runId), runId, stepId, attempt, start.uses(), Unit.STEP_MS, millis,
                    cfg.rates().stepSecond(start.uses()), cfg.currency());
        });
    }

    private interface EntryMaker {
        UsageEntry make() throws IOException;
    }

    /** A run to cancel because its tenant went over a hard budget under {@code onBreach: halt}. */
    private record Halt(String runId, String reason) { }

    /** Records an entry (once per id) and returns the runs to halt if it took the tenant over budget. */
    private List<Halt> meter(EntryMaker maker) {
        var toHalt = new ArrayList<Halt>();
        UsageEntry[] made = new UsageEntry[1];
        store("meter usage", () -> {
            synchronized (this) {
                if (made[0] == null) made[0] = maker.make();
                UsageEntry entry = made[0];
                if (entry == null || !ledger.record(entry)) return;
                toHalt.addAll(afterSpending(entry.tenant(), entry.month()));
            }
        }, () -> made[0] == null ? "(entry not built)" : made[0].toJson());
        return toHalt;
    }

    private List<Halt> afterSpending(String tenant, YearMonth month) throws IOException {
        if (!month.equals(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) return List.of();
        BillingConfig cfg = config.current();
        TenantLimits limits = cfg.limitsFor(tenant);
        Breach b = budgetBreach(cfg, limits, ledger.spent(tenant, month), BigDecimal.ZERO, month);
        if (b == null) return List.of();
        if (!b.hard()) {
            warn(tenant, b, "runs continue");
            return List.of();
        }
        switch (limits.onBreach()) {
            case HALT -> {
                var toHalt = new ArrayList<String>();
                for (AdmissionJournal.LiveRun r : journal.liveRuns(tenant)) {
                    if (halted.add(r.runId())) toHalt.add(r.runId());
                }
                if (!toHalt.isEmpty()) {
                    String reason = "tenant " + tenant + ": " + b.message() + " (onBreach: halt)";
                    log.warn("billing: halting {} run(s) of tenant {}: {}", toHalt.size(), tenant, reason);
                    return toHalt.stream().map(id -> new Halt(id, reason)).toList();
                }
            }
            case FINISH_RUNNING -> warn(tenant, b, "running runs finish, new runs are denied (onBreach: finish-running)");
            case WARN -> warn(tenant, b, "nothing is denied (onBreach: warn)");
        }
        return List.of();
    }

    /** Cancels outside the lock: the conductor's cancel may take a moment (it kills process trees). */
    private void halt(List<Halt> halts) {
        for (Halt h : halts) {
            boolean cancelled = runs.cancel(h.runId(), h.reason());
            log.info("billing: halt of run {} {}", h.runId(), cancelled ? "requested" : "not possible here (not running on this conductor)");
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private void store(String what, Io action) {
        store(what, action, () -> "");
    }

    /**
     * Listeners have no retry behind them: a failed write is tried again briefly, then logged with
     * everything needed to add it by hand.
     */
    private void store(String what, Io action, java.util.function.Supplier<String> detail) {
        for (int attempt = 0; ; attempt++) {
            try {
                action.run();
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt >= STORE_RETRY_MILLIS.length) {
                    log.error("billing: could not {} ({}); usage may be missing from the ledger: {}", what, e,
                            detail.get());
                    return;
                }
                try {
                    Thread.sleep(STORE_RETRY_MILLIS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    log.error("billing: interrupted; could not {}: {}", what, detail.get());
                    return;
                }
            }
        }
    }
}
