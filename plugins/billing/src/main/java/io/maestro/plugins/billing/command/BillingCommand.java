package io.maestro.plugins.billing.command;

import io.maestro.api.plugin.PluginCommand;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import io.maestro.plugins.billing.Billing;
import io.maestro.plugins.billing.config.BillingConfig;
import io.maestro.plugins.billing.config.ConfigProblem;
import io.maestro.plugins.billing.config.ConfigWatcher;
import io.maestro.plugins.billing.config.Suggestions;
import io.maestro.plugins.billing.config.Limit;
import io.maestro.plugins.billing.config.TenantLimits;
import io.maestro.plugins.billing.ledger.JsonLine;
import io.maestro.plugins.billing.ledger.LedgerRead;
import io.maestro.plugins.billing.ledger.UsageEntry;
import io.maestro.plugins.billing.ledger.UsageLedger;
import io.maestro.plugins.billing.limits.AdmissionJournal;
import io.maestro.plugins.billing.limits.Breach;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * {@code maestro billing …}: usage, export, status, config, release. Reads the files the gates
 * write (it may run in the CLI's own process, beside a running server).
 */
@Extension
public class BillingCommand implements PluginCommand, PluginContextAware {
    static final String USAGE = """
            usage: maestro billing <command> [options]
              usage   [--tenant T] [--month YYYY-MM] [--format text|json]   metered usage and cost of a month
              export  --month YYYY-MM [--format csv|json] [--tenant T] [--detail] [--output FILE]
                                                                           the month's usage, summed per tenant, unit and step type
                                                                           (--detail: one line per ledger entry)
              status  --tenant T                                           every limit of a tenant, its usage now, and what is blocked
              config                                                       the configuration in force, or why billing.yaml was refused
              release --run RUN_ID                                         free the concurrent-run slot of a run that will not finish
                                                                           (e.g. its conductor crashed and the run was not resumed)""";
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int BAD_INPUT = 2;

    private Billing billing;

    @Override
    public void init(PluginContext context) throws IOException {
        billing = Billing.open(context, java.time.Clock.systemUTC());
    }

    /** For tests and tools that hold a {@link Billing} already. */
    public static BillingCommand over(Billing billing) {
        var c = new BillingCommand();
        c.billing = billing;
        return c;
    }

    @Override
    public String name() {
        return "billing";
    }

    @Override
    public String description() {
        return "Tenant budgets and quotas: usage, monthly export, limits in force, configuration problems";
    }

    @Override
    public int run(List<String> args, PrintWriter out, PrintWriter err) throws IOException {
        if (args.isEmpty()) {
            err.println(USAGE);
            return BAD_INPUT;
        }
        String command = args.getFirst();
        Options o;
        try {
            o = switch (command) {
                case "usage" -> Options.parse(args, Set.of("--tenant", "--month", "--format"), Set.of());
                case "export" -> Options.parse(args, Set.of("--tenant", "--month", "--format", "--output"), Set.of("--detail"));
                case "status" -> Options.parse(args, Set.of("--tenant"), Set.of());
                case "config" -> Options.parse(args, Set.of(), Set.of());
                case "release" -> Options.parse(args, Set.of("--run"), Set.of());
                case "help", "--help", "-h" -> null;
                default -> throw new BadInput("unknown command '" + command + "'"
                        + Options.didYouMean(command, List.of("usage", "export", "status", "config", "release")));
            };
            if (o == null) {
                out.println(USAGE);
                return OK;
            }
            return switch (command) {
                case "usage" -> usage(o, out, err);
                case "export" -> export(o, out, err);
                case "status" -> status(o, out);
                case "config" -> config(out);
                case "release" -> release(o, out, err);
                default -> throw new IllegalStateException(command);
            };
        } catch (BadInput e) {
            err.println("maestro billing " + command + ": " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
    }

    // ---- usage ---------------------------------------------------------------------------------

    private int usage(Options o, PrintWriter out, PrintWriter err) throws IOException, BadInput {
        YearMonth month = o.month(false, billing);
        String tenant = o.get("--tenant");
        String format = o.format("text", "text", "json");
        LedgerRead read = UsageLedger.read(billing.ledger().dir(), month);
        reportSkipped(read, err);
        List<UsageLines.Line> lines = UsageLines.of(read.entries(), e -> tenant == null || e.tenant().equals(tenant));
        List<UsageLines.Total> totals = UsageLines.totals(lines);
        if (format.equals("json")) {
            var sb = new StringBuilder("{\"month\":").append(JsonLine.quote(month.toString()));
            sb.append(",\"tenant\":").append(tenant == null ? "null" : JsonLine.quote(tenant));
            sb.append(",\"ledger\":").append(JsonLine.quote(read.file().toString()));
            sb.append(",\"lines\":").append(jsonLines(lines)).append(",\"totals\":").append(jsonTotals(totals)).append('}');
            out.println(sb);
            return OK;
        }
        out.printf("usage of %s in %s (UTC), from %s%n", tenant == null ? "every tenant" : "tenant " + tenant, month,
                read.file());
        out.printf("%-16s %-16s %-16s %8s %14s  %s%n", "tenant", "unit", "step type", "entries", "quantity", "cost");
        for (UsageLines.Line l : lines) {
            out.printf("%-16s %-16s %-16s %8d %14d  %s %s%n", l.tenant(), l.unit(), l.uses() == null ? "-" : l.uses(),
                    l.entries(), l.quantity(), l.cost().toPlainString(), l.currency());
        }
        long entries = totals.stream().mapToLong(UsageLines.Total::entries).sum();
        out.printf("%-16s %-16s %-16s %8d %14s  %s%n", "total", "", "", entries, "", UsageLines.money(totals));
        if (tenant != null && month.equals(currentMonth())) {
            BillingConfig cfg = billing.config().current();
            Limit budget = cfg.limitsFor(tenant).budget();
            out.printf("monthly budget: %s%n", budget == null || !budget.isSet() ? "none"
                    : budget.describe() + " " + cfg.currency());
        }
        return OK;
    }

    // ---- export --------------------------------------------------------------------------------

    private int export(Options o, PrintWriter out, PrintWriter err) throws IOException, BadInput {
        YearMonth month = o.month(true, billing);
        String tenant = o.get("--tenant");
        String format = o.format("csv", "csv", "json");
        boolean detail = o.flag("--detail");
        LedgerRead read = UsageLedger.read(billing.ledger().dir(), month);
        reportSkipped(read, err);
        List<UsageEntry> entries = read.entries().stream().filter(e -> tenant == null || e.tenant().equals(tenant)).toList();
        List<UsageLines.Line> lines = UsageLines.of(entries, e -> true);
        List<UsageLines.Total> totals = UsageLines.totals(lines);
        var text = new StringWriter();
        var w = new PrintWriter(text);
        if (format.equals("csv")) {
            if (detail) {
                w.println("id,at,tenant,pipeline,run_id,step_id,attempt,uses,unit,quantity,rate,rate_per,currency,cost");
                for (UsageEntry e : entries) {
                    w.println(csv(e.id(), e.at().toString(), e.tenant(), e.pipeline(), e.runId(), e.stepId(),
                            Integer.toString(e.attempt()), e.uses(), e.unit().id(), Long.toString(e.quantity()),
                            e.rate().toPlainString(), e.unit().pricedPer(), e.currency(), e.cost().toPlainString()));
                }
            } else {
                w.println("month,tenant,unit,uses,currency,entries,quantity,cost");
                for (UsageLines.Line l : lines) {
                    w.println(csv(month.toString(), l.tenant(), l.unit(), l.uses(), l.currency(), Long.toString(l.entries()),
                            Long.toString(l.quantity()), l.cost().toPlainString()));
                }
            }
        } else {
            var sb = new StringBuilder("{\"month\":").append(JsonLine.quote(month.toString()));
            sb.append(",\"tenant\":").append(tenant == null ? "null" : JsonLine.quote(tenant));
            sb.append(",\"ledger\":").append(JsonLine.quote(read.file().toString()));
            sb.append(",\"generatedAt\":").append(JsonLine.quote(billing.clock().instant().toString()));
            if (detail) {
                sb.append(",\"entries\":[");
                for (int i = 0; i < entries.size(); i++) sb.append(i == 0 ? "\n" : ",\n").append(entries.get(i).toJson());
                sb.append("\n]");
            } else {
                sb.append(",\"lines\":").append(jsonLines(lines));
            }
            sb.append(",\"totals\":").append(jsonTotals(totals));
            sb.append(",\"skipped\":[").append(read.skipped().stream().map(JsonLine::quote).collect(Collectors.joining(",")))
                    .append("]}");
            w.println(sb);
        }
        w.flush();
        String output = o.get("--output");
        if (output == null) {
            out.print(text);
            return OK;
        }
        Path target = Path.of(output).toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf("wrote %s: %d %s, %d ledger entries, total %s%n", target, detail ? entries.size() : lines.size(),
                detail ? "entries" : "lines", entries.size(), UsageLines.money(totals));
        return OK;
    }

    private static String csv(String... fields) {
        var sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            String f = fields[i] == null ? "" : fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    private static String jsonLines(List<UsageLines.Line> lines) {
        var sb = new StringBuilder("[");
        for (int i = 0; i < lines.size(); i++) {
            UsageLines.Line l = lines.get(i);
            var m = new LinkedHashMap<String, Object>();
            m.put("tenant", l.tenant());
            m.put("unit", l.unit());
            m.put("uses", l.uses());
            m.put("currency", l.currency());
            m.put("entries", l.entries());
            m.put("quantity", l.quantity());
            m.put("cost", l.cost());
            sb.append(i == 0 ? "\n" : ",\n").append(JsonLine.write(m));
        }
        return sb.append(lines.isEmpty() ? "]" : "\n]").toString();
    }

    private static String jsonTotals(List<UsageLines.Total> totals) {
        return totals.stream().map(t -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("currency", t.currency());
            m.put("entries", t.entries());
            m.put("cost", t.cost());
            return JsonLine.write(m);
        }).collect(Collectors.joining(",", "[", "]"));
    }

    private static void reportSkipped(LedgerRead read, PrintWriter err) {
        for (String s : read.skipped()) err.println("maestro billing: " + s);
    }

    // ---- status --------------------------------------------------------------------------------

    private int status(Options o, PrintWriter out) throws IOException, BadInput {
        String tenant = o.required("--tenant");
        ConfigWatcher.Status cs = billing.config().status();
        BillingConfig cfg = cs.active();
        TenantLimits limits = cfg.limitsFor(tenant);
        AdmissionJournal journal = billing.journal();
        Instant now = billing.clock().instant();
        YearMonth month = currentMonth();
        BigDecimal spent = billing.ledger().spent(tenant, month);
        List<AdmissionJournal.LiveRun> live = journal.liveRuns(tenant);
        int lastHour = journal.runsInLastHour(tenant, now);

        out.printf("tenant %s: limits from %s%n", tenant, cfg.limitsSource(tenant));
        out.printf("configuration: %s%s%n", cs.activeFrom(),
                cs.fileState() == ConfigWatcher.FileState.REFUSED ? " (billing.yaml on disk is REFUSED: see 'maestro billing config')" : "");
        out.printf("%-15s %-40s %-12s %-12s %s%n", "limit", "usage now", "soft", "hard", "state");
        String usage = "spent " + spent.toPlainString() + " " + cfg.currency() + " in " + month;
        Breach budget = Breach.of("budget", limits.budget(), spent, cfg.rates().run(), usage, "monthly budget", "");
        String budgetState = budget == null ? "ok" : !budget.hard() ? "soft limit reached (warns)" : switch (limits.onBreach()) {
            case HALT -> "BLOCKED: new runs and new steps are denied (onBreach: halt)";
            case FINISH_RUNNING -> "BLOCKED: new runs are denied, running runs finish (onBreach: finish-running)";
            case WARN -> "over, nothing denied (onBreach: warn)";
        };
        row(out, "budget", usage, limits.budget(), budgetState);
        row(out, "concurrentRuns", Breach.plural(live.size(), "concurrent run", "concurrent runs"), limits.concurrentRuns(),
                countState(Breach.of("concurrentRuns", limits.concurrentRuns(), BigDecimal.valueOf(live.size()),
                        BigDecimal.ZERO, "", "", "")));
        row(out, "runsPerHour", Breach.plural(lastHour, "run", "runs") + " in the last hour", limits.runsPerHour(),
                countState(Breach.of("runsPerHour", limits.runsPerHour(), BigDecimal.valueOf(lastHour), BigDecimal.ZERO,
                        "", "", "")));
        row(out, "stepsPerRun", "(checked in each run)", limits.stepsPerRun(), "-");
        out.printf("onBreach: %s%n", limits.onBreach().configName());
        out.printf("live runs (%d):%n", live.size());
        for (AdmissionJournal.LiveRun r : live) {
            out.printf("  %s  pipeline %s  admitted %s  (%d steps admitted)%n", r.runId(), r.pipeline(), r.admittedAt(),
                    journal.stepsAdmitted(r.runId()));
        }
        return OK;
    }

    private static String countState(Breach b) {
        return b == null ? "ok" : b.hard() ? "BLOCKED: new runs are denied" : "soft limit reached (warns)";
    }

    private static void row(PrintWriter out, String name, String usage, Limit limit, String state) {
        out.printf("%-15s %-40s %-12s %-12s %s%n", name, usage, value(limit == null ? null : limit.soft()),
                value(limit == null ? null : limit.hard()), state);
    }

    private static String value(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }

    // ---- config --------------------------------------------------------------------------------

    private int config(PrintWriter out) {
        ConfigWatcher.Status s = billing.config().status();
        out.printf("file: %s%n", s.file());
        switch (s.fileState()) {
            case ACTIVE -> out.printf("state: active, %s%n", s.activeFrom());
            case MISSING -> out.printf("state: no billing.yaml; enforcing %s%n", s.activeFrom());
            case REFUSED -> {
                out.printf("state: REFUSED (%d problem%s); still enforcing %s%n", s.problems().size(),
                        s.problems().size() == 1 ? "" : "s", s.activeFrom());
                for (ConfigProblem p : s.problems()) out.println("  " + p.format());
            }
        }
        BillingConfig cfg = s.active();
        out.println("in force:");
        out.printf("  currency: %s%n", cfg.currency());
        String steps = cfg.rates().stepSeconds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().toPlainString()).collect(Collectors.joining(", "));
        out.printf("  rates: per step-second %s; per run %s; per artifact gigabyte %s%n", steps.isEmpty() ? "0" : steps,
                cfg.rates().run().toPlainString(), cfg.rates().artifactGigabytes().toPlainString());
        out.printf("  defaults: %s%n", describe(cfg.defaults()));
        for (String t : cfg.tenants().keySet().stream().sorted().toList()) {
            out.printf("  tenant %s: %s%n", t, describe(cfg.limitsFor(t)));
        }
        return s.fileState() == ConfigWatcher.FileState.REFUSED ? FAILED : OK;
    }

    private static String describe(TenantLimits l) {
        return "budget " + l.budget().describe() + "; concurrentRuns " + l.concurrentRuns().describe() + "; runsPerHour "
                + l.runsPerHour().describe() + "; stepsPerRun " + l.stepsPerRun().describe() + "; onBreach "
                + l.onBreach().configName();
    }

    // ---- release -------------------------------------------------------------------------------

    private int release(Options o, PrintWriter out, PrintWriter err) throws IOException, BadInput {
        String runId = o.required("--run");
        AdmissionJournal journal = billing.journal();
        AdmissionJournal.LiveRun run = journal.liveRuns().stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElse(null);
        if (run == null || !journal.releaseRun(runId, billing.clock().instant())) {
            err.printf("maestro billing release: run %s holds no slot (not admitted, or already finished)%n", runId);
            return FAILED;
        }
        out.printf("released run %s of tenant %s (admitted %s); it no longer counts as a concurrent run%n", runId,
                run.tenant(), run.admittedAt());
        return OK;
    }

    private YearMonth currentMonth() {
        return YearMonth.now(billing.clock().withZone(ZoneOffset.UTC));
    }

    /** Bad command-line input: exit code 2. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    /** {@code --name value}, {@code --name=value} and bare flags, each at most once. */
    record Options(Map<String, String> values, Set<String> flags) {
        static Options parse(List<String> args, Set<String> valued, Set<String> flagNames) throws BadInput {
            var values = new LinkedHashMap<String, String>();
            var flags = new java.util.HashSet<String>();
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (flagNames.contains(name) && value == null) {
                    flags.add(name);
                    continue;
                }
                if (!valued.contains(name)) {
                    var known = new ArrayList<String>(valued);
                    known.addAll(flagNames);
                    throw new BadInput((a.startsWith("-") ? "unknown option '" : "unexpected argument '") + a + "'"
                            + didYouMean(name, known));
                }
                if (value == null) {
                    if (i + 1 >= args.size()) throw new BadInput(name + " needs a value");
                    value = args.get(++i);
                }
                if (values.put(name, value) != null) throw new BadInput(name + " is given twice");
            }
            return new Options(values, flags);
        }

        String get(String name) {
            return values.get(name);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        String required(String name) throws BadInput {
            String v = values.get(name);
            if (v == null || v.isBlank()) throw new BadInput(name + " is required");
            return v;
        }

        String format(String fallback, String... allowed) throws BadInput {
            String f = values.getOrDefault("--format", fallback);
            if (!List.of(allowed).contains(f)) {
                throw new BadInput("--format must be " + String.join(" or ", allowed) + ", not '" + f + "'");
            }
            return f;
        }

        YearMonth month(boolean required, Billing billing) throws BadInput {
            String m = values.get("--month");
            if (m == null) {
                if (required) throw new BadInput("--month is required (e.g. --month "
                        + YearMonth.now(billing.clock().withZone(ZoneOffset.UTC)) + ")");
                return YearMonth.now(billing.clock().withZone(ZoneOffset.UTC));
            }
            try {
                return YearMonth.parse(m);
            } catch (DateTimeParseException e) {
                throw new BadInput("--month must look like 2026-11, not '" + m + "'");
            }
        }

        static String didYouMean(String wrong, List<String> known) {
            return Suggestions.didYouMean(wrong, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
        }
    }
}
