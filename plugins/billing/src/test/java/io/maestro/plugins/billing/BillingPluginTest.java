package io.maestro.plugins.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.core.run.RunHandle;
import io.maestro.core.store.StepRecord;
import io.maestro.plugins.billing.ledger.Unit;
import io.maestro.plugins.billing.ledger.UsageEntry;
import io.maestro.testkit.MaestroTestKit;
import io.maestro.testkit.PluginBundle;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The billing plugin as a real jar in a real conductor. */
class BillingPluginTest {
    private static final String GATE = "denied by gate billing/limits: ";

    @TempDir Path home;
    private MaestroTestKit maestro;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final String month = YearMonth.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.maestro.plugins.billing")).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.maestro.plugins.billing")).detachAppender(logs);
        if (maestro != null) maestro.close();
    }

    private void start(String billingYaml) throws Exception {
        maestro = MaestroTestKit.start(home);
        if (billingYaml != null) writeConfig(billingYaml);
        maestro.install(PluginBundle.fromClasses(Path.of("target/classes"), "billing", "0.1.0", ">=1.0.0 & <2.0.0"));
    }

    private void writeConfig(String billingYaml) throws Exception {
        Files.writeString(maestro.configDir("billing").resolve("billing.yaml"), billingYaml);
    }

    private static String pipeline(String tenant, String steps) {
        return "apiVersion: maestro/v1\nkind: Pipeline\nmetadata: {name: demo, tenant: " + tenant + "}\nsteps:\n" + steps;
    }

    private static String quick(String tenant) {
        return pipeline(tenant, "  - {id: a, with: {run: 'true'}}\n");
    }

    /** A run whose only step waits until the test creates {@code <name>.go}; it creates {@code <name>.started}. */
    private String holding(String tenant, String name) {
        Path dir = home.toAbsolutePath();
        return pipeline(tenant, "  - id: hold\n    timeout: 60s\n    with: {run: 'touch " + dir.resolve(name + ".started")
                + "; while [ ! -f " + dir.resolve(name + ".go") + " ]; do sleep 0.05; done'}\n");
    }

    private void release(String name) throws Exception {
        Files.createFile(home.resolve(name + ".go"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    private void awaitStarted(String name) throws InterruptedException {
        await(name + " started", () -> Files.exists(home.resolve(name + ".started")));
    }

    private List<UsageEntry> ledger() throws Exception {
        Path file = home.resolve("plugin-data/billing/usage/" + month + ".jsonl");
        var entries = new ArrayList<UsageEntry>();
        for (String line : Files.readAllLines(file)) entries.add(UsageEntry.fromJson(line));
        return entries;
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    // ---- quotas --------------------------------------------------------------------------------

    @Test
    void aTenantAtItsConcurrentRunLimitIsRefusedWhileAnotherTenantProceeds() throws Exception {
        start("tenants: {acme: {concurrentRuns: 2}, globex: {concurrentRuns: 2}}\n");
        RunHandle first = maestro.start(holding("acme", "first"), Map.of());
        RunHandle second = maestro.start(holding("acme", "second"), Map.of());
        awaitStarted("first");
        awaitStarted("second");

        var refused = maestro.run(quick("acme"));
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.reason()).isEqualTo(GATE + "tenant acme: 2 concurrent runs, limit 2");
        assertThat(refused.step("a").status()).isEqualTo(StepStatus.SKIPPED);

        assertThat(maestro.run(quick("globex")).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(maestro.command("billing", "status", "--tenant", "acme").out())
                .contains("2 concurrent runs").contains("BLOCKED").contains(first.runId()).contains(second.runId());

        release("first");
        assertThat(first.await()).isEqualTo(RunStatus.SUCCEEDED);
        maestro.drainEvents(); // the slot is freed when the listener sees RunFinished
        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        release("second");
        assertThat(second.await()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void runsPerHourAndStepsPerRunDenialsNameTheTenantTheLimitAndTheUsage() throws Exception {
        start("tenants: {acme: {runsPerHour: 2, stepsPerRun: 2}}\n");
        String threeSteps = pipeline("acme", """
                  - {id: a, uses: noop}
                  - {id: b, uses: noop, needs: [a]}
                  - {id: c, uses: noop, needs: [b]}
                """);
        var run = maestro.run(threeSteps);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.step("a").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("b").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("c").reason())
                .isEqualTo(GATE + "tenant acme: run " + run.runId() + " has started 2 steps, limit 2 per run");

        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        var third = maestro.run(quick("acme"));
        assertThat(third.reason()).isEqualTo(GATE + "tenant acme: 2 runs in the last hour, limit 2");
        assertThat(maestro.run(quick("globex")).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aSoftLimitWarnsInTheLogButLetsTheRunThrough() throws Exception {
        start("tenants: {acme: {runsPerHour: {soft: 1, hard: 10}}}\n");
        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(warnings()).noneMatch(w -> w.contains("soft limit"));

        var second = maestro.run(quick("acme"));
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(warnings()).anyMatch(w -> w.equals("billing: tenant acme: 1 run in the last hour, soft limit 1; run "
                + second.runId() + " allowed"));
        assertThat(maestro.command("billing", "status", "--tenant", "acme").out()).contains("soft limit reached");
    }

    // ---- budgets -------------------------------------------------------------------------------

    private static final String ONE_PER_SECOND = """
            currency: EUR
            rates: {stepSeconds: {"*": 1}}
            tenants:
              acme: {budget: 0.5, onBreach: %s}
            """;

    @Test
    void underHaltARunIsCancelledWhenItsMeteredUsageCrossesTheBudget() throws Exception {
        start(ONE_PER_SECOND.formatted("halt"));
        // 'short' costs about 0.8 EUR when it ends; 'long' would wait for a file that never comes
        var run = maestro.run(pipeline("acme", """
                  - {id: short, with: {run: 'sleep 0.8'}}
                  - {id: long, timeout: 60s, with: {run: 'sleep 60'}}
                """));
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.reason()).matches("tenant acme: spent \\d+\\.\\d+ EUR in " + month
                + ", monthly budget 0\\.5 EUR \\(onBreach: halt\\)");
        assertThat(run.step("short").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(run.step("long").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(Duration.between(run.step("long").startedAt(), run.step("long").finishedAt())).isLessThan(Duration.ofSeconds(30));

        var next = maestro.run(quick("acme"));
        assertThat(next.reason()).matches(Pattern.quote(GATE) + "tenant acme: spent \\d+\\.\\d+ EUR in " + month
                + ", monthly budget 0\\.5 EUR");
        assertThat(maestro.run(quick("globex")).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void underFinishRunningTheRunningRunCompletesButTheNextRunIsRefused() throws Exception {
        start(ONE_PER_SECOND.formatted("finish-running"));
        Path go = home.resolve("go");
        RunHandle run = maestro.start(pipeline("acme", "  - {id: costly, with: {run: 'sleep 0.8'}}\n"
                + "  - {id: wait, needs: [costly], timeout: 60s, with: {run: 'while [ ! -f " + go.toAbsolutePath()
                + " ]; do sleep 0.05; done'}}\n"
                + "  - {id: after, needs: [wait], with: {run: 'true'}}\n"), Map.of());
        await("the budget is reached", () -> {
            try {
                return maestro.command("billing", "status", "--tenant", "acme").out().contains("BLOCKED");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Files.createFile(go); // 'after' is asked for only now, with the tenant over budget
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        maestro.drainEvents();

        var next = maestro.run(quick("acme"));
        assertThat(next.status()).isEqualTo(RunStatus.FAILED);
        assertThat(next.reason()).contains("tenant acme: spent ").contains("monthly budget 0.5 EUR");
    }

    @Test
    void underWarnAnExhaustedBudgetOnlyLogs() throws Exception {
        start(ONE_PER_SECOND.formatted("warn"));
        assertThat(maestro.run(pipeline("acme", "  - {id: costly, with: {run: 'sleep 0.6'}}\n")).status())
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(warnings()).anyMatch(w -> w.startsWith("billing: tenant acme: spent ") && w.contains("(onBreach: warn)"));
    }

    // ---- ledger --------------------------------------------------------------------------------

    @Test
    void usageAndTheHourlyQuotaSurviveARestart() throws Exception {
        start("""
                rates: {stepSeconds: {shell: 0.001}, run: 0.25}
                tenants: {acme: {runsPerHour: 1}}
                """);
        var run = maestro.run(pipeline("acme", "  - {id: a, with: {run: 'sleep 0.2'}}\n"));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        var before = maestro.command("billing", "usage", "--tenant", "acme", "--month", month, "--format", "json");
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("\"unit\":\"run\"").contains("\"unit\":\"step-ms\"");

        maestro = maestro.restart();
        var after = maestro.command("billing", "usage", "--tenant", "acme", "--month", month, "--format", "json");
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(maestro.run(quick("acme")).reason()).isEqualTo(GATE + "tenant acme: 1 run in the last hour, limit 1");
    }

    @Test
    void theExportReconcilesWithTheLedgerAndWithTheStepTimesOfTheRuns() throws Exception {
        start("""
                currency: EUR
                rates:
                  stepSeconds: {shell: 0.0004, noop: 0.0001}
                  run: 0.01
                  artifactGigabytes: 2
                tenants:
                  globex: {stepsPerRun: 1}
                """);
        String acme = pipeline("acme", """
                  - {id: build, with: {run: 'sleep 0.3; head -c 1500 /dev/zero > "$MAESTRO_WORKSPACE/out.bin"', artifacts: [out.bin]}}
                  - {id: flaky, retry: {max: 1, delay: 100ms}, with: {run: 'sleep 0.1; [ "$MAESTRO_ATTEMPT" -ge 2 ]'}}
                  - {id: check, uses: noop, needs: [build]}
                """);
        var runs = List.of(maestro.run(acme), maestro.run(acme),
                maestro.run(pipeline("globex", "  - {id: a, with: {run: 'sleep 0.1'}}\n  - {id: b, needs: [a], with: {run: 'true'}}\n")));
        assertThat(runs.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.get(2).step("b").reason()).contains("has started 1 step, limit 1 per run");

        // 1. the ledger against the runs: one entry per attempt, as long as the attempt; one per run, per artifact
        List<UsageEntry> ledger = ledger();
        Map<String, Long> millisByStep = new HashMap<>();
        for (UsageEntry e : ledger) {
            if (e.unit() == Unit.STEP_MS) millisByStep.merge(e.runId() + "/" + e.stepId(), e.quantity(), Long::sum);
            BigDecimal rate = switch (e.unit()) {
                case STEP_MS -> new BigDecimal(e.uses().equals("noop") ? "0.0001" : "0.0004");
                case RUN -> new BigDecimal("0.01");
                case ARTIFACT_BYTES -> new BigDecimal("2");
            };
            assertThat(e.cost()).isEqualByComparingTo(rate.multiply(BigDecimal.valueOf(e.quantity()))
                    .divide(BigDecimal.TEN.pow(e.unit() == Unit.STEP_MS ? 3 : e.unit() == Unit.RUN ? 0 : 9)));
        }
        int attempts = 0;
        for (var run : runs) {
            for (StepRecord s : run.steps().values()) {
                if (s.status() == StepStatus.FAILED && s.attempts() == 0) {
                    assertThat(millisByStep).doesNotContainKey(run.runId() + "/" + s.stepId()); // denied: not charged
                    continue;
                }
                attempts += s.attempts();
                long wall = Duration.between(s.startedAt(), s.finishedAt()).toMillis();
                long metered = millisByStep.get(run.runId() + "/" + s.stepId());
                if (s.attempts() == 1) assertThat(metered).isBetween(wall - 1, wall + 1);
                else assertThat(metered).isLessThanOrEqualTo(wall - 100); // the retry delay is not charged
            }
        }
        assertThat(ledger.stream().filter(e -> e.unit() == Unit.STEP_MS)).hasSize(attempts).hasSize(2 * 4 + 1);
        assertThat(ledger.stream().filter(e -> e.unit() == Unit.RUN)).hasSize(3);
        assertThat(ledger.stream().filter(e -> e.unit() == Unit.ARTIFACT_BYTES)).hasSize(2)
                .allSatisfy(e -> assertThat(e.quantity()).isEqualTo(1500));
        BigDecimal ledgerTotal = ledger.stream().map(UsageEntry::cost).reduce(BigDecimal.ZERO, BigDecimal::add);

        // 2. the CSV export against the ledger
        var csv = maestro.command("billing", "export", "--month", month, "--format", "csv");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.err()).isEmpty();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("month,tenant,unit,uses,currency,entries,quantity,cost");
        BigDecimal csvTotal = BigDecimal.ZERO;
        long csvEntries = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertThat(f[0]).isEqualTo(month);
            csvEntries += Long.parseLong(f[5]);
            csvTotal = csvTotal.add(new BigDecimal(f[7]));
        }
        assertThat(csvEntries).isEqualTo(ledger.size());
        assertThat(csvTotal).isEqualByComparingTo(ledgerTotal);

        // 3. the JSON export and the per-tenant usage reports against the same total
        var json = maestro.command("billing", "export", "--month", month, "--format", "json");
        Matcher total = Pattern.compile("\"totals\":\\[\\{\"currency\":\"EUR\",\"entries\":(\\d+),\"cost\":\"([0-9.]+)\"}]")
                .matcher(json.out());
        assertThat(total.find()).as(json.out()).isTrue();
        assertThat(Long.parseLong(total.group(1))).isEqualTo(ledger.size());
        assertThat(new BigDecimal(total.group(2))).isEqualByComparingTo(ledgerTotal);
        BigDecimal byTenant = BigDecimal.ZERO;
        for (String tenant : List.of("acme", "globex")) {
            String usage = maestro.command("billing", "usage", "--tenant", tenant, "--month", month, "--format", "json").out();
            Matcher m = Pattern.compile("\"cost\":\"([0-9.]+)\"}]}").matcher(usage);
            assertThat(m.find()).as(usage).isTrue();
            byTenant = byTenant.add(new BigDecimal(m.group(1)));
        }
        assertThat(byTenant).isEqualByComparingTo(ledgerTotal);

        // 4. the detailed export has exactly the ledger's entries
        var detail = maestro.command("billing", "export", "--month", month, "--detail");
        assertThat(detail.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList())
                .containsExactlyInAnyOrderElementsOf(ledger.stream().map(UsageEntry::id).toList());
    }

    // ---- configuration -------------------------------------------------------------------------

    @Test
    void aBudgetFileWithATypoIsRefusedWithFileAndLineAndThePreviousLimitsStayInForce() throws Exception {
        start("tenants:\n  acme:\n    runsPerHour: 1\n");
        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        Path file = maestro.configDir("billing").resolve("billing.yaml");

        writeConfig("tenants:\n  acme:\n    runsPerHour: 5\n    concurentRuns: 2\n  globex:\n    budget: -3\n");
        var config = maestro.command("billing", "config");
        assertThat(config.exitCode()).isEqualTo(1);
        assertThat(config.out())
                .contains("state: REFUSED (2 problems); still enforcing " + file)
                .contains(file + ":4:5 tenants.acme.concurentRuns: unknown key 'concurentRuns' (did you mean 'concurrentRuns'?)")
                .contains(file + ":6:13 tenants.globex.budget: negative limit -3")
                .contains("tenant acme: budget none; concurrentRuns none; runsPerHour hard 1;");
        var refused = maestro.run(quick("acme"));
        assertThat(refused.reason()).isEqualTo(GATE + "tenant acme: 1 run in the last hour, limit 1");
        assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains(file + ":4:5 tenants.acme.concurentRuns"));

        writeConfig("tenants:\n  acme:\n    runsPerHour: 5\n    concurrentRuns: 2\n");
        assertThat(maestro.run(quick("acme")).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(maestro.command("billing", "config").exitCode()).isZero();
    }

    @Test
    void theCommandAnswersBadInputWithExitCode2AndSaysWhatIsWrong() throws Exception {
        start(null);
        assertThat(maestro.command("billing").exitCode()).isEqualTo(2);
        var typo = maestro.command("billing", "usage", "--tenat", "acme");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown option '--tenat' (did you mean '--tenant'?)");
        var badMonth = maestro.command("billing", "export", "--month", "2026-13");
        assertThat(badMonth.exitCode()).isEqualTo(2);
        assertThat(badMonth.err()).contains("--month must look like 2026-11, not '2026-13'");
        assertThat(maestro.command("billing", "export", "--month", month, "--format", "xml").err())
                .contains("--format must be csv or json, not 'xml'");
        assertThat(maestro.command("billing", "export").err()).contains("--month is required");
        assertThat(maestro.command("billing", "exprot").err()).contains("unknown command 'exprot' (did you mean 'export'?)");
        assertThat(maestro.command("billing", "release", "--run", "no-such-run").exitCode()).isEqualTo(1);

        var empty = maestro.command("billing", "export", "--month", month);
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).isEqualTo("month,tenant,unit,uses,currency,entries,quantity,cost\n");
    }
}
