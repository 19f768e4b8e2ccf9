package io.maestro.plugins.billing.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    @TempDir Path dir;

    @Test
    void aBrokenEditIsRefusedAndThePreviousConfigurationStaysUntilAGoodEditArrives() throws Exception {
        Path file = dir.resolve("billing.yaml");
        Files.writeString(file, "tenants: {acme: {concurrentRuns: 1}}\n");
        var watcher = new ConfigWatcher(file, dir.resolve("data/last-good.yaml"), Clock.systemUTC());
        assertThat(watcher.current().limitsFor("acme").concurrentRuns().hard()).isEqualByComparingTo("1");

        Files.writeString(file, "tenants: {acme: {concurrentRuns: many}}\n");
        assertThat(watcher.current().limitsFor("acme").concurrentRuns().hard()).isEqualByComparingTo("1");
        ConfigWatcher.Status status = watcher.status();
        assertThat(status.fileState()).isEqualTo(ConfigWatcher.FileState.REFUSED);
        assertThat(status.problems()).singleElement().extracting(ConfigProblem::format).asString()
                .startsWith(file + ":1:34 tenants.acme.concurrentRuns: expected a number");

        Files.writeString(file, "tenants: {acme: {concurrentRuns: 4}}\n");
        assertThat(watcher.current().limitsFor("acme").concurrentRuns().hard()).isEqualByComparingTo("4");
        assertThat(watcher.status().fileState()).isEqualTo(ConfigWatcher.FileState.ACTIVE);
    }

    @Test
    void startingWithABrokenFileEnforcesTheLastGoodCopy() throws Exception {
        Path file = dir.resolve("billing.yaml");
        Path lastGood = dir.resolve("data/last-good.yaml");
        Files.writeString(file, "tenants: {acme: {runsPerHour: 7}}\n");
        new ConfigWatcher(file, lastGood, Clock.systemUTC()).current();
        Files.writeString(file, "tenants: {acme: {runsPerHour: 7}\n"); // unclosed brace

        var afterRestart = new ConfigWatcher(file, lastGood, Clock.systemUTC());
        assertThat(afterRestart.current().limitsFor("acme").runsPerHour().hard()).isEqualByComparingTo("7");
        assertThat(afterRestart.status().fileState()).isEqualTo(ConfigWatcher.FileState.REFUSED);
        assertThat(afterRestart.status().activeFrom()).contains("last good copy");
    }

    @Test
    void withoutAnyFileNothingIsLimitedAndNothingCosts() {
        var watcher = new ConfigWatcher(dir.resolve("billing.yaml"), dir.resolve("lg.yaml"), Clock.systemUTC());
        assertThat(watcher.current()).isEqualTo(BillingConfig.NONE);
        assertThat(watcher.status().fileState()).isEqualTo(ConfigWatcher.FileState.MISSING);
    }
}
