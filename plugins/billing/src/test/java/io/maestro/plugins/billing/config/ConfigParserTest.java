package io.maestro.plugins.billing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static final String FILE = "/etc/maestro/plugins/billing/billing.yaml";

    @Test
    void readsRatesAndLimitsAndFillsWhatATenantLeavesOutFromTheDefaults() throws Exception {
        BillingConfig cfg = ConfigParser.parse(FILE, """
                currency: EUR
                rates:
                  stepSeconds: {shell: 0.0004, "*": 0.0002}
                  run: 0.01
                  artifactGigabytes: 0.05
                defaults:
                  budget: {soft: 80, hard: 100.50}
                  concurrentRuns: 10
                  onBreach: halt
                tenants:
                  acme:
                    concurrentRuns: {soft: 2, hard: 3}
                    stepsPerRun: 20
                  globex:
                """);
        assertThat(cfg.currency()).isEqualTo("EUR");
        assertThat(cfg.rates().stepSecond("shell")).isEqualByComparingTo("0.0004");
        assertThat(cfg.rates().stepSecond("http")).isEqualByComparingTo("0.0002");
        assertThat(cfg.rates().run()).isEqualByComparingTo("0.01");
        TenantLimits acme = cfg.limitsFor("acme");
        assertThat(acme.concurrentRuns()).isEqualTo(new Limit(new BigDecimal("2"), new BigDecimal("3")));
        assertThat(acme.stepsPerRun().hard()).isEqualByComparingTo("20");
        assertThat(acme.budget().hard()).isEqualByComparingTo("100.50");
        assertThat(acme.onBreach()).isEqualTo(OnBreach.HALT);
        assertThat(cfg.limitsFor("globex").concurrentRuns().hard()).isEqualByComparingTo("10");
        assertThat(cfg.limitsFor("unknown-tenant")).isEqualTo(cfg.defaults());
        assertThat(cfg.limitsFor("unknown-tenant").runsPerHour()).isEqualTo(Limit.NONE);
    }

    @Test
    void aMisspeltKeyIsRefusedWithFileLineColumnAndTheKeyItResembles() {
        assertThatThrownBy(() -> ConfigParser.parse(FILE, """
                tenants:
                  acme:
                    concurentRuns: 3
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ":3:5 tenants.acme.concurentRuns: unknown key 'concurentRuns' (did you mean 'concurrentRuns'?)");
    }

    @Test
    void wrongTypesNegativeLimitsAndSoftAboveHardAreAllReportedAtOnce() {
        var e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigParser.parse(FILE, """
                rates:
                  run: "0.01"
                defaults:
                  runsPerHour: ten
                  concurrentRuns: -1
                  stepsPerRun: 2.5
                tenants:
                  acme:
                    budget: {soft: 200, hard: 100}
                    onBreach: stop
                """));
        List<String> lines = e.problems().stream().map(ConfigProblem::format).toList();
        assertThat(lines).containsExactly(
                FILE + ":2:8 rates.run: expected a number, got the text '0.01' (write e.g. 10 or 0.25, without quotes)",
                FILE + ":4:16 defaults.runsPerHour: expected a number, got the text 'ten' (write e.g. 10 or 0.25, without quotes)",
                FILE + ":5:19 defaults.concurrentRuns: negative limit -1 (a limit is 0 or more; remove the key for no limit)",
                FILE + ":6:16 defaults.stepsPerRun: expected a whole number, got 2.5",
                FILE + ":9:20 tenants.acme.budget.soft: soft limit 200 is above hard limit 100 (the soft limit warns before the hard one denies)",
                FILE + ":10:15 tenants.acme.onBreach: unknown value 'stop' (one of halt, finish-running, warn)");
    }

    @Test
    void malformedYamlNamesTheLineWhereParsingStopped() {
        assertThatThrownBy(() -> ConfigParser.parse(FILE, "tenants:\n  acme: {concurrentRuns: 3\n  globex: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ":3:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void anEmptyFileIsRefusedSoATruncatedSaveCannotLiftEveryLimit() {
        assertThatThrownBy(() -> ConfigParser.parse(FILE, "\n# nothing yet\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void aDuplicateTenantIsRefused() {
        assertThatThrownBy(() -> ConfigParser.parse(FILE, "tenants:\n  acme: {}\n  acme: {stepsPerRun: 1}\n"))
                .hasMessage(FILE + ":3:3 tenants.acme: duplicate key 'acme' (remove one of the two)");
    }
}
