package io.maestro.plugins.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private final Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    @TempDir Path dir;

    private static UsageEntry step(String id, long millis, String rate) {
        return UsageEntry.priced(id, AT, "acme", "demo", "r1", "a", 1, "shell", Unit.STEP_MS, millis,
                new BigDecimal(rate), "USD");
    }

    @Test
    void anEventDeliveredTwiceIsRecordedOnce() throws Exception {
        var ledger = new UsageLedger(dir, clock);
        assertThat(ledger.record(step("step/r1/a/1", 1500, "0.001"))).isTrue();
        assertThat(ledger.record(step("step/r1/a/1", 1500, "0.001"))).isFalse();
        assertThat(Files.readAllLines(UsageLedger.file(dir, NOV))).hasSize(1);
        assertThat(ledger.spent("acme", NOV)).isEqualByComparingTo("0.0015");
    }

    @Test
    void spendingIsTheExactSumOfEntryCostsWithNoBinaryRounding() throws Exception {
        var ledger = new UsageLedger(dir, clock);
        for (int i = 0; i < 10; i++) ledger.record(step("step/r1/a/" + i, 100, "1")); // 0.1 ten times
        assertThat(ledger.spent("acme", NOV)).isEqualTo(new BigDecimal("1.0"));
        assertThat(ledger.spent("acme", NOV).toPlainString()).isEqualTo("1.0");
        assertThat(step("x", 203, "0.0004").cost()).isEqualTo(new BigDecimal("0.0000812"));
    }

    @Test
    void theLedgerIsReadBackAfterReopeningAndCountsWhatOtherWritersAppended() throws Exception {
        var first = new UsageLedger(dir, clock);
        var second = new UsageLedger(dir, clock); // e.g. the CLI, or the next plugin version
        first.record(step("step/r1/a/1", 1000, "0.5"));
        second.record(step("step/r1/b/1", 2000, "0.5"));
        assertThat(first.spent("acme", NOV)).isEqualByComparingTo("1.5");
        assertThat(first.record(step("step/r1/b/1", 2000, "0.5"))).isFalse();
        assertThat(new UsageLedger(dir, clock).spent("acme", NOV)).isEqualByComparingTo("1.5");
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextEntryStartsOnItsOwnLine() throws Exception {
        var ledger = new UsageLedger(dir, clock);
        ledger.record(step("step/r1/a/1", 1000, "1"));
        Path file = UsageLedger.file(dir, NOV);
        Files.writeString(file, "{\"id\":\"step/r1/b/1\",\"at\":\"2026-11-0", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        var afterCrash = new UsageLedger(dir, clock);
        assertThat(afterCrash.spent("acme", NOV)).isEqualByComparingTo("1");
        afterCrash.record(step("step/r1/c/1", 2000, "1"));
        assertThat(afterCrash.spent("acme", NOV)).isEqualByComparingTo("3");

        LedgerRead read = UsageLedger.read(dir, NOV);
        assertThat(read.entries()).extracting(UsageEntry::id).containsExactly("step/r1/a/1", "step/r1/c/1");
        assertThat(read.skipped()).singleElement().asString().contains(":2: unreadable line skipped");
    }

    @Test
    void anEntryRoundTripsThroughItsJsonLine() {
        UsageEntry e = UsageEntry.priced("artifact/r\"1/a/1/x,y", AT, "ac\\me", null, "r\"1", "a", 1, null,
                Unit.ARTIFACT_BYTES, 1_500_000_000L, new BigDecimal("0.05"), "EUR");
        assertThat(UsageEntry.fromJson(e.toJson())).isEqualTo(e);
        assertThat(e.cost()).isEqualByComparingTo("0.075");
    }
}
