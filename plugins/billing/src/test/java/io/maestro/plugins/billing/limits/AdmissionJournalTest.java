package io.maestro.plugins.billing.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionJournalTest {
    @TempDir Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void runsPerHourCountsOnlyAdmissionsOfTheLastHourOfThatTenant() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-11-03T10:00:00Z"));
        var journal = new AdmissionJournal(dir, clock);
        journal.admitRun("r1", "acme", "demo", clock.now);
        journal.admitRun("r2", "acme", "demo", clock.now.plusSeconds(1200));
        journal.admitRun("r3", "globex", "demo", clock.now.plusSeconds(1200));
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(journal.runsInLastHour("acme", clock.now)).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofMinutes(31)); // r1 is now 61 minutes old
        assertThat(journal.runsInLastHour("acme", clock.now)).isEqualTo(1);
        assertThat(journal.runsInLastHour("globex", clock.now)).isEqualTo(1);
    }

    @Test
    void liveRunsAndAdmittedStepsSurviveReopeningAndAReleaseFreesTheSlot() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-11-03T10:00:00Z"));
        var journal = new AdmissionJournal(dir, clock);
        journal.admitRun("r1", "acme", "demo", clock.now);
        journal.admitStep("r1", "a", "acme", "shell", clock.now);
        journal.admitStep("r1", "b", "acme", "noop", clock.now);
        journal.attemptStarted("r1", "a", 1, "acme", "shell", clock.now);

        var reopened = new AdmissionJournal(dir, clock);
        assertThat(reopened.liveRuns("acme")).extracting(AdmissionJournal.LiveRun::runId).containsExactly("r1");
        assertThat(reopened.stepsAdmitted("r1")).isEqualTo(2);
        assertThat(reopened.usesOf("r1", "b")).isEqualTo("noop");
        assertThat(reopened.attempt("r1", "a", 1).at()).isEqualTo(clock.now);

        assertThat(reopened.releaseRun("r1", clock.now)).isTrue();
        assertThat(reopened.releaseRun("r1", clock.now)).isFalse();
        assertThat(journal.liveRuns("acme")).isEmpty(); // the other instance follows the file
        assertThat(journal.runsInLastHour("acme", clock.now)).isEqualTo(1); // released runs still count per hour
    }
}
