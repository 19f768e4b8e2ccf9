package io.maestro.plugins.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.plugins.audit.AuditRecord.Actor;
import io.maestro.plugins.audit.AuditRecord.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maestro audit query/export/seal} over a small history: acme's run at 08:00, globex's run
 * with a denied step at 20:00, and alice overriding a gate the next morning (as a future SSO-aware
 * plugin would record it). The clock stands at 2026-05-02T09:00Z.
 */
class AuditCliTest {
    static final Instant DAY1 = Instant.parse("2026-05-01T08:00:00Z");

    @TempDir Path dir;
    StoreFixture store;

    @BeforeEach
    void writeHistory() throws Exception {
        store = new StoreFixture(dir);
        store.clock.advance(Duration.ofHours(25));
        var w = store.writer;
        w.append(at(0, Actor.SYSTEM, "run.submit", "acme", new Target("run", "r-1", "etl"), "r-1", "success", null));
        w.append(at(1, Actor.SYSTEM, "step.start", "acme", new Target("step", "load", null), "r-1", "success", null));
        w.append(at(2, Actor.SYSTEM, "step.finish", "acme", new Target("step", "load", null), "r-1", "success", null));
        w.append(at(12 * 60, Actor.SYSTEM, "run.submit", "globex", new Target("run", "r-2", "payroll"), "r-2", "success", null));
        w.append(at(12 * 60 + 1, Actor.SYSTEM, "gate.decide", "globex", new Target("step", "pay", null), "r-2", "denied",
                "change freeze until Monday"));
        w.append(at(24 * 60 + 30, new Actor("user", "alice"), "gate.override", "globex", new Target("step", "pay", null),
                "r-2", "success", "incident INC-42 approved by CFO"));
        w.flush(StoreFixture.PATIENCE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AuditRecord at(int minutes, Actor actor, String action, String tenant, Target target, String run,
                                  String outcome, String reason) {
        return AuditRecord.of(DAY1.plus(Duration.ofMinutes(minutes)), actor, action, target, run, tenant, outcome,
                reason, new AuditRecord.Trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
                Map.of("k", "v"));
    }

    @Test
    void queryFiltersByTenantAndActionPatternAndPrintsATable() {
        var result = store.cli("query", "--tenant", "acme", "--action", "step.*");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("SEQ").contains("ACTION").contains("REASON");
        assertThat(result.out()).contains("step.start").contains("step.finish").contains("step load (run r-1)")
                .doesNotContain("run.submit").doesNotContain("globex");
    }

    @Test
    void queryByActorFindsWhatAPersonDid() {
        var result = store.cli("query", "--actor", "alice", "--json");

        assertThat(result.out().lines().toList()).singleElement().asString().contains("\"action\":\"gate.override\"")
                .contains("\"reason\":\"incident INC-42 approved by CFO\"");
    }

    @Test
    void sinceTakesADurationBeforeNowOrAnInstantAndUntilBoundsTheOtherSide() {
        var lastDay = store.cli("query", "--since", "24h", "--json"); // since 2026-05-01T09:00Z
        var evening = store.cli("query", "--since", "2026-05-01T19:00:00Z", "--until", "2026-05-02T00:00:00Z", "--json");
        var fromDate = store.cli("query", "--since", "2026-05-02", "--tenant", "globex", "--json");

        assertThat(lastDay.out().lines()).hasSize(3);
        assertThat(evening.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("globex"));
        assertThat(fromDate.out().lines()).singleElement().asString().contains("gate.override");
    }

    @Test
    void queryLimitKeepsTheNewestMatchesInLogOrder() {
        var result = store.cli("query", "--limit", "2", "--json");

        assertThat(result.out().lines().toList()).hasSize(2);
        assertThat(result.out().lines().toList().get(0)).contains("gate.decide");
        assertThat(result.out().lines().toList().get(1)).contains("gate.override");
    }

    @Test
    void queryByOutcomeFindsDenials() {
        var result = store.cli("query", "--outcome", "denied");

        assertThat(result.out()).contains("gate.decide").contains("change freeze until Monday")
                .doesNotContain("gate.override");
    }

    @Test
    void exportWritesOcsfApiActivityJsonLines() throws Exception {
        var result = store.cli("export", "--tenant", "globex", "--action", "gate.*");

        List<String> lines = result.out().lines().toList();
        assertThat(result.exitCode()).isZero();
        assertThat(lines).hasSize(2);
        Map<String, Object> denial = CanonicalJson.parseObject(lines.get(0));
        assertThat(denial).containsEntry("class_uid", 6003L).containsEntry("category_uid", 6L)
                .containsEntry("activity_id", 99L).containsEntry("type_uid", 600399L)
                .containsEntry("time", Instant.parse("2026-05-01T20:01:00Z").toEpochMilli())
                .containsEntry("status", "Failure").containsEntry("status_id", 2L)
                .containsEntry("status_detail", "change freeze until Monday").containsEntry("severity_id", 3L);
        assertThat(denial.get("actor")).isEqualTo(Map.of("user", Map.of("name", "maestro", "type", "System", "type_id", 3L)));
        assertThat(denial.get("api")).isEqualTo(Map.of("operation", "gate.decide", "service", Map.of("name", "maestro")));
        assertThat(denial.get("resources")).isEqualTo(List.of(Map.of("type", "step", "uid", "pay"),
                Map.of("type", "run", "uid", "r-2")));
        @SuppressWarnings("unchecked") Map<String, Object> metadata = (Map<String, Object>) denial.get("metadata");
        assertThat(metadata).containsEntry("version", "1.3.0").containsEntry("tenant_uid", "globex")
                .containsEntry("sequence", 5L).containsEntry("correlation_uid", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(metadata.get("product")).isEqualTo(Map.of("name", "Maestro", "vendor_name", "Maestro",
                "version", "0.1.0-test", "feature", Map.of("name", "audit-log")));
        Map<String, Object> override = CanonicalJson.parseObject(lines.get(1));
        assertThat(override).containsEntry("activity_id", 3L).containsEntry("status", "Success");
        assertThat(override.get("actor")).isEqualTo(Map.of("user", Map.of("name", "alice", "type", "User", "type_id", 1L)));
    }

    @Test
    void exportToAFileFromASequenceNumberTellsWhereTheNextIncrementalExportStarts() throws Exception {
        Path file = dir.resolve("siem/audit.ocsf.jsonl");
        Files.createDirectories(file.getParent());

        var result = store.cli("export", "--from-seq", "4", "--output", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(result.err()).contains("exported 3 records (seq 4..6; next incremental export: --from-seq 7)");
    }

    @Test
    void sealSignsWhatIsUnsignedAndSaysSoWhenNothingIs() {
        var first = store.cli("seal");
        var second = store.cli("seal");

        assertThat(first.out()).startsWith("signed digest 1 over records 1..7");
        assertThat(second.out()).startsWith("nothing to sign");
        assertThat(store.cli("verify").out()).contains("signed: records 1..7 by 1 digest,");
    }

    @Test
    void readingTheTrailIsItselfRecordedWithTheOsUserAndTheArguments() throws Exception {
        store.cli("export", "--tenant", "globex", "--since", "24h");
        store.writer.flush(StoreFixture.PATIENCE);

        var result = store.cli("query", "--action", "audit.*", "--json");

        AuditRecord r = AuditRecord.fromMap(CanonicalJson.parseObject(result.out().lines().findFirst().orElseThrow()));
        assertThat(r.action()).isEqualTo("audit.export");
        assertThat(r.actor()).isEqualTo(new Actor("user", System.getProperty("user.name")));
        assertThat(r.tenant()).isEqualTo("globex");
        assertThat(r.details()).containsEntry("arguments", List.of("--tenant", "globex", "--since", "24h"))
                .containsEntry("identity", "os-user");
    }

    @Test
    void aFailedVerifyIsRecordedWithWhatItFound() throws Exception {
        store.seal();
        List<String> lines = store.lines();
        lines.set(1, lines.get(1).replace("\"load\"", "\"drop\""));
        store.writeLines(lines);

        store.cli("verify");
        store.writer.flush(StoreFixture.PATIENCE);

        AuditRecord last = AuditRecord.fromMap(CanonicalJson.parseObject(store.lines().getLast()));
        assertThat(last.action()).isEqualTo("audit.verify");
        assertThat(last.outcome()).isEqualTo("failure");
        assertThat(last.reason()).startsWith("record 2 (line 2): its content does not match its hash");
    }

    @Test
    void badInputExitsTwoSayingWhatWasWrong() {
        var badSince = store.cli("query", "--since", "yesterday-ish");
        var unknownOption = store.cli("query", "--tennant", "acme");
        var missingValue = store.cli("query", "--tenant");
        var unknownCommand = store.cli("purge");
        var noCommand = store.cli();
        var badLimit = store.cli("query", "--limit", "0");
        var badOutput = store.cli("export", "--output", dir.resolve("no/such/dir/x.jsonl").toString());

        assertThat(List.of(badSince, unknownOption, missingValue, unknownCommand, noCommand, badLimit, badOutput))
                .allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(2));
        assertThat(badSince.err()).contains("--since 'yesterday-ish' is neither an ISO-8601 instant");
        assertThat(unknownOption.err()).contains("unknown option '--tennant'").contains("--tenant");
        assertThat(missingValue.err()).contains("--tenant needs a value");
        assertThat(unknownCommand.err()).contains("unknown command 'purge'");
        assertThat(noCommand.err()).contains("usage: maestro audit");
        assertThat(badLimit.err()).contains("--limit '0' is not a positive integer");
        assertThat(badOutput.err()).contains("no/such/dir does not exist");
    }

    @Test
    void verifyWithAMissingPinnedKeyFileIsBadInput() {
        var result = store.cli("verify", "--public-key", dir.resolve("nope.pem").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such file");
    }
}
