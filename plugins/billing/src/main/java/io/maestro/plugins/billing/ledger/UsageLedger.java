package io.maestro.plugins.billing.ledger;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger: one append-only JSON-lines file per month ({@code <dir>/2026-11.jsonl}), every
 * entry forced to disk before it counts. The file is the truth; this object keeps, for recent
 * months, the entry ids (to record an event once) and each tenant's spending (for budget gates),
 * folded from the file and caught up before every answer, so entries other writers appended (the
 * CLI, a plugin version being replaced) count too.
 */
public final class UsageLedger {
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    /** Months kept in memory besides the current one (an event may arrive just after midnight). */
    private static final int RECENT_MONTHS = 1;

    private final Path dir;
    private final Clock clock;
    private final Map<YearMonth, MonthFold> months = new TreeMap<>();

    private static final class MonthFold {
        final AppendOnlyFile file;
        final Set<String> ids = new HashSet<>();
        final Map<String, BigDecimal> spentByTenant = new HashMap<>();
        int unreadable;

        MonthFold(Path file) {
            this.file = new AppendOnlyFile(file);
        }
    }

    public UsageLedger(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    public static Path file(Path dir, YearMonth month) {
        return dir.resolve(month + ".jsonl");
    }

    /** @return false when an entry with this id is already in the ledger (the event was delivered again) */
    public synchronized boolean record(UsageEntry entry) throws IOException {
        YearMonth month = entry.month();
        MonthFold fold = caughtUp(month);
        if (fold.ids.contains(entry.id())) return false;
        MonthFold before = caughtUp(month.minusMonths(1));
        if (before.ids.contains(entry.id())) return false;
        fold.file.append(entry.toJson());
        catchUp(fold);
        return true;
    }

    /** What a tenant has spent in a month, as the ledger says now. */
    public synchronized BigDecimal spent(String tenant, YearMonth month) throws IOException {
        return caughtUp(month).spentByTenant.getOrDefault(tenant, BigDecimal.ZERO);
    }

    private MonthFold caughtUp(YearMonth month) throws IOException {
        MonthFold fold = months.computeIfAbsent(month, m -> new MonthFold(file(dir, m)));
        catchUp(fold);
        YearMonth oldest = YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(RECENT_MONTHS);
        months.keySet().removeIf(m -> m.isBefore(oldest) && !m.equals(month));
        return fold;
    }

    private void catchUp(MonthFold fold) throws IOException {
        fold.file.readNew(line -> {
            if (line.isBlank()) return;
            UsageEntry e;
            try {
                e = UsageEntry.fromJson(line);
            } catch (RuntimeException ex) {
                fold.unreadable++;
                log.warn("billing: unreadable ledger line in {} skipped ({}): {}", fold.file.path(), ex.getMessage(),
                        line.length() > 200 ? line.substring(0, 200) + "…" : line);
                return;
            }
            if (fold.ids.add(e.id())) fold.spentByTenant.merge(e.tenant(), e.cost(), BigDecimal::add);
        });
    }

    /** Reads one month's file from disk, as an export or a report must (not from memory). */
    public static LedgerRead read(Path dir, YearMonth month) throws IOException {
        return LedgerRead.of(file(dir, month));
    }
}
