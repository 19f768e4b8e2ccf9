package io.maestro.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.event.TraceContext;
import io.maestro.core.run.RunIds;
import io.maestro.core.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JdbcRunStoreTest {
    private static final TraceContext TRACE = new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
    // microsecond precision: what both H2 and PostgreSQL keep of a timestamp
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00.123456Z");

    @TempDir
    Path dir;

    /** One run under test: fresh ids, so tests sharing a PostgreSQL database never see each other's runs. */
    private record Run(String runId, String tenant, String pipeline) {
        static Run fresh() {
            return in("tenant-" + unique(), "pipeline-" + unique());
        }

        static Run in(String tenant, String pipeline) {
            return new Run(RunIds.next(), tenant, pipeline);
        }

        NewRun planned(Instant createdAt, String... stepIds) {
            return new NewRun(runId, tenant, pipeline, "dag-specs/" + pipeline + ".yaml", "kind: Pipeline # " + pipeline,
                    Map.of("env", "prod", "shards", 3), TRACE.traceId(), "host-a/1234", createdAt,
                    Arrays.stream(stepIds).map(s -> new NewRun.PlannedStepRow(s, "shell")).toList(), "eu-west-1");
        }

        MaestroEvent started(Instant at) {
            return new MaestroEvent.RunStarted(tenant, runId, pipeline, false, at, TRACE);
        }

        MaestroEvent finished(RunStatus status, String reason, Instant at) {
            return new MaestroEvent.RunFinished(tenant, runId, pipeline, status, reason, at, TRACE);
        }

        MaestroEvent scheduled(String step, Instant at) {
            return new MaestroEvent.StepScheduled(tenant, runId, step, "shell", at, TRACE);
        }

        MaestroEvent stepStarted(String step, int attempt, Instant at) {
            return new MaestroEvent.StepStarted(tenant, runId, step, "shell", attempt, at, TRACE);
        }

        MaestroEvent retrying(String step, int attempt, String error, Instant at) {
            return new MaestroEvent.StepRetrying(tenant, runId, step, attempt, error, 500, at, TRACE);
        }

        MaestroEvent stepFinished(String step, int attempt, StepStatus status, String reason,
                                  Map<String, String> outputs, long durationMillis, Instant at) {
            return new MaestroEvent.StepFinished(tenant, runId, step, attempt, status, reason, outputs, durationMillis, at, TRACE);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static void recordAll(RunStore store, MaestroEvent... events) {
        for (MaestroEvent e : events) store.record(e);
        store.flush();
    }

    private static StepRecord step(RunStore store, String runId, String stepId) {
        return store.steps(runId).stream().filter(s -> s.stepId().equals(stepId)).findFirst().orElseThrow();
    }

    // ---- projection ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void createdRunIsSubmittedWithAllItsStepsPending(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a", "b"));

            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.SUBMITTED);
            assertThat(r.tenant()).isEqualTo(run.tenant());
            assertThat(r.pipeline()).isEqualTo(run.pipeline());
            assertThat(r.specPath()).isEqualTo("dag-specs/" + run.pipeline() + ".yaml");
            assertThat(r.specText()).isEqualTo("kind: Pipeline # " + run.pipeline());
            assertThat(r.params()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "shards", 3));
            assertThat(r.traceId()).isEqualTo(TRACE.traceId());
            assertThat(r.region()).isEqualTo("eu-west-1");
            assertThat(r.owner()).isEqualTo("host-a/1234");
            assertThat(r.createdAt()).isEqualTo(T0);
            assertThat(r.heartbeatAt()).isEqualTo(T0);
            assertThat(r.startedAt()).isNull();
            assertThat(r.finishedAt()).isNull();
            assertThat(store.steps(run.runId()))
                    .extracting(StepRecord::stepId, StepRecord::uses, StepRecord::status, StepRecord::attempts, StepRecord::outputs)
                    .containsExactlyInAnyOrder(tuple("a", "shell", StepStatus.PENDING, 0, Map.of()),
                            tuple("b", "shell", StepStatus.PENDING, 0, Map.of()));
            assertThat(store.findRun("no-such-run")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void projectsRecordedEventsIntoStepStatesAndTheRun(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a", "b", "c"));

            recordAll(store, run.started(at(1)), run.scheduled("a", at(2)), run.stepStarted("a", 1, at(3)));
            assertThat(store.findRun(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(step(store, run.runId(), "a").status()).isEqualTo(StepStatus.RUNNING);

            recordAll(store,
                    run.stepFinished("a", 1, StepStatus.SUCCEEDED, null, Map.of("x", "42", "y", "a=b"), 1234, at(4)),
                    run.scheduled("b", at(5)),
                    run.stepStarted("b", 1, at(6)),
                    run.retrying("b", 1, "exit 1", at(7)),
                    run.stepStarted("b", 2, at(8)),
                    run.stepFinished("b", 2, StepStatus.FAILED, "exit 2", Map.of(), 2000, at(10)),
                    run.stepFinished("c", 0, StepStatus.SKIPPED, "a needed step failed", Map.of(), 0, at(11)),
                    run.finished(RunStatus.FAILED, "step b failed", at(12)));

            StepRecord a = step(store, run.runId(), "a");
            assertThat(a.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(a.outputs()).containsExactlyInAnyOrderEntriesOf(Map.of("x", "42", "y", "a=b"));
            assertThat(a.reason()).isNull();
            assertThat(a.startedAt()).isEqualTo(at(3));
            assertThat(a.finishedAt()).isEqualTo(at(4));
            assertThat(a.durationMillis()).isEqualTo(1234L);

            StepRecord b = step(store, run.runId(), "b");
            assertThat(b.status()).isEqualTo(StepStatus.FAILED);
            assertThat(b.attempts()).isEqualTo(2);
            assertThat(b.reason()).isEqualTo("exit 2");
            assertThat(b.outputs()).isEmpty();
            assertThat(b.startedAt()).as("first attempt's start").isEqualTo(at(6));
            assertThat(b.finishedAt()).isEqualTo(at(10));
            assertThat(b.durationMillis()).isEqualTo(2000L);

            StepRecord c = step(store, run.runId(), "c");
            assertThat(c.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(c.reason()).isEqualTo("a needed step failed");
            assertThat(c.startedAt()).isNull();

            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.reason()).isEqualTo("step b failed");
            assertThat(r.startedAt()).isEqualTo(at(1));
            assertThat(r.finishedAt()).isEqualTo(at(12));
            assertThat(r.owner()).as("a finished run has no owner").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void returnsEventsInRecordedOrderWithTheirPayloadAsJson(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a"));
            recordAll(store,
                    new MaestroEvent.RunSubmitted(run.tenant(), run.runId(), run.pipeline(), Map.of("env", "prod"), T0, TRACE),
                    run.started(at(1)),
                    run.scheduled("a", at(2)),
                    run.stepStarted("a", 1, at(3)),
                    run.stepFinished("a", 1, StepStatus.SUCCEEDED, null, Map.of("x", "42"), 1000, at(4)),
                    run.finished(RunStatus.SUCCEEDED, null, at(5)),
                    new MaestroEvent.PluginLoaded("audit-log", "1.0.0", List.of("RunListener"), at(6)));

            List<EventRecord> events = store.events(run.runId());
            assertThat(events).extracting(EventRecord::type).containsExactly(
                    "RunSubmitted", "RunStarted", "StepScheduled", "StepStarted", "StepFinished", "RunFinished");
            assertThat(events).extracting(EventRecord::seq).isSorted().doesNotHaveDuplicates();
            assertThat(events).extracting(EventRecord::runId).containsOnly(run.runId());
            assertThat(events).extracting(EventRecord::stepId).containsExactly(null, null, "a", "a", "a", null);
            assertThat(events).extracting(EventRecord::attempt).containsExactly(0, 0, 0, 1, 1, 0);
            assertThat(events).extracting(EventRecord::at).containsExactly(T0, at(1), at(2), at(3), at(4), at(5));

            JsonNode finished = JsonMapper.builder().build().readTree(events.get(4).payloadJson());
            assertThat(finished.get("runId").asString()).isEqualTo(run.runId());
            assertThat(finished.get("stepId").asString()).isEqualTo("a");
            assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(finished.get("outputs").get("x").asString()).isEqualTo("42");
            assertThat(finished.get("durationMillis").asLong()).isEqualTo(1000);
            assertThat(finished.get("trace").get("traceId").asString()).isEqualTo(TRACE.traceId());
            JsonNode submitted = JsonMapper.builder().build().readTree(events.get(0).payloadJson());
            assertThat(submitted.get("params").get("env").asString()).isEqualTo("prod");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void keepsLogLinesPerStepInOrder(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a", "b"));
            store.log(run.runId(), "a", 1, LogLine.Stream.OUT, "a one");
            store.log(run.runId(), "b", 1, LogLine.Stream.OUT, "b one");
            store.log(run.runId(), "a", 1, LogLine.Stream.ERR, "a two: ünïcødé ✓");
            store.log(run.runId(), "a", 2, LogLine.Stream.OUT, "");
            store.log(run.runId(), "a", 2, LogLine.Stream.OUT, "a four");
            store.flush();

            assertThat(store.logs(run.runId(), "a"))
                    .extracting(LogLine::stepId, LogLine::attempt, LogLine::stream, LogLine::line)
                    .containsExactly(tuple("a", 1, LogLine.Stream.OUT, "a one"),
                            tuple("a", 1, LogLine.Stream.ERR, "a two: ünïcødé ✓"),
                            tuple("a", 2, LogLine.Stream.OUT, ""),
                            tuple("a", 2, LogLine.Stream.OUT, "a four"));
            assertThat(store.logs(run.runId(), "b")).extracting(LogLine::line).containsExactly("b one");
            assertThat(store.logs(run.runId(), null)).extracting(LogLine::line)
                    .containsExactly("a one", "b one", "a two: ünïcødé ✓", "", "a four");
            assertThat(store.logs(run.runId(), "a")).extracting(LogLine::at).doesNotContainNull();
        }
    }

    // ---- listing -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void listsRunsNewestFirstFilteredByTenantPipelineAndStatusWithinTheLimit(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            String tenant = "tenant-" + unique();
            String build = "build-" + unique();
            String deploy = "deploy-" + unique();
            Run r1 = Run.in(tenant, build);
            Run r2 = Run.in(tenant, deploy);
            Run r3 = Run.in(tenant, build);
            Run r4 = Run.in(tenant, build);
            Run other = Run.in("other-" + unique(), build);
            store.createRun(r1.planned(at(0), "a"));
            store.createRun(r2.planned(at(1), "a"));
            store.createRun(r3.planned(at(2), "a"));
            store.createRun(r4.planned(at(3), "a"));
            store.createRun(other.planned(at(10), "a"));
            recordAll(store, r1.started(at(20)), r1.finished(RunStatus.SUCCEEDED, null, at(21)),
                    r3.started(at(22)), r3.finished(RunStatus.FAILED, "boom", at(23)),
                    r4.started(at(24)));

            assertThat(ids(store.listRuns(new RunQuery(tenant, null, null, 10))))
                    .containsExactly(r4.runId(), r3.runId(), r2.runId(), r1.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, build, null, 10))))
                    .containsExactly(r4.runId(), r3.runId(), r1.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, null, RunStatus.SUCCEEDED, 10)))).containsExactly(r1.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, null, RunStatus.RUNNING, 10)))).containsExactly(r4.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, null, RunStatus.SUBMITTED, 10)))).containsExactly(r2.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, build, RunStatus.FAILED, 10)))).containsExactly(r3.runId());
            assertThat(ids(store.listRuns(new RunQuery(tenant, null, null, 2)))).containsExactly(r4.runId(), r3.runId());
            assertThat(ids(store.listRuns(new RunQuery(null, build, null, 10))))
                    .as("no tenant filter: every tenant's runs of the pipeline")
                    .containsExactly(other.runId(), r4.runId(), r3.runId(), r1.runId());
            assertThat(store.listRuns(new RunQuery("tenant-" + unique(), null, null, 10))).isEmpty();
        }
    }

    private static List<String> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::runId).toList();
    }

    // ---- resume --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void prepareResumeResetsStepsThatDidNotSucceedAndKeepsSucceededOutputs(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a", "b", "c", "d"));
            recordAll(store, run.started(at(1)),
                    run.stepStarted("a", 1, at(2)),
                    run.stepFinished("a", 1, StepStatus.SUCCEEDED, null, Map.of("x", "42"), 100, at(3)),
                    run.stepStarted("b", 1, at(4)),
                    run.stepFinished("b", 1, StepStatus.FAILED, "exit 1", Map.of("partial", "yes"), 100, at(5)),
                    run.stepStarted("c", 1, at(6)),
                    run.finished(RunStatus.FAILED, "step b failed", at(7)));

            assertThat(store.prepareResume(run.runId(), null, "host-b/99")).isTrue();

            assertThat(store.steps(run.runId()))
                    .extracting(StepRecord::stepId, StepRecord::status, StepRecord::reason, StepRecord::finishedAt,
                            StepRecord::durationMillis)
                    .containsExactlyInAnyOrder(
                            tuple("a", StepStatus.SUCCEEDED, null, at(3), 100L),
                            tuple("b", StepStatus.PENDING, null, null, null),
                            tuple("c", StepStatus.PENDING, null, null, null),
                            tuple("d", StepStatus.PENDING, null, null, null));
            assertThat(step(store, run.runId(), "a").outputs()).containsExactlyEntriesOf(Map.of("x", "42"));
            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.owner()).isEqualTo("host-b/99");
            assertThat(r.heartbeatAt()).isAfter(at(7));
            assertThat(r.reason()).isNull();
            assertThat(r.finishedAt()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void ofTwoConductorsResumingTheSameRunOnlyOneClaimsIt(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a"));
            recordAll(store, run.started(at(1)), run.finished(RunStatus.FAILED, "boom", at(2)));

            assertThat(store.prepareResume(run.runId(), null, "host-a/1")).isTrue();
            // the second conductor read the run before the first claimed it, so it still expects no owner
            assertThat(store.prepareResume(run.runId(), null, "host-b/2")).isFalse();
            assertThat(store.findRun(run.runId()).orElseThrow().owner()).isEqualTo("host-a/1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void resumedRunKeepsProjectingItsEventsEvenWhenAHeartbeatComesFirst(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a", "b"));
            recordAll(store, run.started(at(1)),
                    run.stepStarted("a", 1, at(2)),
                    run.stepFinished("a", 1, StepStatus.SUCCEEDED, null, Map.of("x", "42"), 100, at(3)),
                    run.stepStarted("b", 1, at(4)),
                    run.stepFinished("b", 1, StepStatus.FAILED, "exit 1", Map.of(), 100, at(5)),
                    run.finished(RunStatus.FAILED, "step b failed", at(6)));

            assertThat(store.prepareResume(run.runId(), null, "host-b/99")).isTrue();
            // the conductor's heartbeat timer may fire before the resumed run records RunStarted
            store.heartbeat(run.runId(), "host-b/99");
            store.flush();
            recordAll(store,
                    new MaestroEvent.RunStarted(run.tenant(), run.runId(), run.pipeline(), true, at(10), TRACE),
                    run.stepStarted("b", 2, at(11)),
                    run.stepFinished("b", 2, StepStatus.SUCCEEDED, null, Map.of("y", "1"), 100, at(12)),
                    run.finished(RunStatus.SUCCEEDED, null, at(13)));

            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.startedAt()).as("the first start").isEqualTo(at(1));
            assertThat(r.finishedAt()).isEqualTo(at(13));
            StepRecord b = step(store, run.runId(), "b");
            assertThat(b.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(b.attempts()).isEqualTo(2);
            assertThat(b.outputs()).containsExactlyEntriesOf(Map.of("y", "1"));
            assertThat(step(store, run.runId(), "a").outputs()).containsExactlyEntriesOf(Map.of("x", "42"));
        }
    }

    // ---- failures ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void createRunThatFailsLeavesNeitherTheRunNorAnyOfItsSteps(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            // the second row of step "a" breaks the step table's key after the run row and step "a" went in
            NewRun broken = run.planned(T0, "a", "b", "a");

            assertThatThrownBy(() -> store.createRun(broken))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(run.runId());

            assertThat(store.findRun(run.runId())).isEmpty();
            assertThat(store.steps(run.runId())).isEmpty();
            assertThat(store.listRuns(new RunQuery(run.tenant(), null, null, 10))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void duplicateRunIdIsRejectedAndLeavesTheExistingRunAsItWas(StoreBackend backend) {
        try (RunStore store = backend.open(dir)) {
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a"));
            recordAll(store, run.started(at(1)));

            assertThatThrownBy(() -> store.createRun(run.planned(at(5), "x", "y")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(run.runId());

            assertThat(store.steps(run.runId())).extracting(StepRecord::stepId).containsExactly("a");
            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.createdAt()).isEqualTo(T0);
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
            recordAll(store, run.stepStarted("a", 1, at(2)));
            assertThat(step(store, run.runId(), "a").status()).as("still projected").isEqualTo(StepStatus.RUNNING);
        }
    }

    // ---- durability ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void reopenedStoreSeesRunsRecordedBeforeClose(StoreBackend backend) {
        Run run = Run.fresh();
        try (RunStore store = backend.open(dir)) {
            store.createRun(run.planned(T0, "a"));
            store.record(run.started(at(1)));
            store.record(run.stepStarted("a", 1, at(2)));
            store.log(run.runId(), "a", 1, LogLine.Stream.OUT, "hello");
            store.record(run.stepFinished("a", 1, StepStatus.SUCCEEDED, null, Map.of("x", "42"), 10, at(3)));
            store.record(run.finished(RunStatus.SUCCEEDED, null, at(4)));
            // no flush: close must write what was recorded
        }
        try (RunStore store = backend.open(dir)) {
            RunRecord r = store.findRun(run.runId()).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.finishedAt()).isEqualTo(at(4));
            assertThat(step(store, run.runId(), "a").outputs()).containsExactlyEntriesOf(Map.of("x", "42"));
            assertThat(store.events(run.runId())).hasSize(4);
            assertThat(store.logs(run.runId(), "a")).extracting(LogLine::line).containsExactly("hello");
            assertThat(ids(store.listRuns(new RunQuery(run.tenant(), null, null, 10)))).containsExactly(run.runId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreBackend.class)
    void closedStoreRejectsFurtherRecords(StoreBackend backend) {
        RunStore store = backend.open(dir);
        Run run = Run.fresh();
        store.createRun(run.planned(T0, "a"));
        store.close();

        assertThatThrownBy(() -> store.record(run.started(at(1)))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store.close(); // a second close is harmless
    }

    // ---- PostgreSQL connection and schema --------------------------------------------------------

    @Test
    void unreachableDatabaseFailsQuicklyWithAnErrorThatHidesThePassword() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> JdbcRunStore.open("jdbc:postgresql://127.0.0.1:1/x?password=hunter2", "maestro", null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("hunter2")
                .satisfies(JdbcRunStoreTest::noCauseMentionsThePassword);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingDatabaseFailsWithAnErrorThatHidesThePassword() {
        PostgresServer pg = PostgresServer.shared();
        String url = pg.jdbcUrl("no_such_db_" + unique()) + "?user=maestro&password=hunter2";

        assertThatThrownBy(() -> JdbcRunStore.open(url, null, "hunter2"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no_such_db_")
                .hasMessageNotContaining("hunter2")
                .satisfies(JdbcRunStoreTest::noCauseMentionsThePassword);
    }

    /** A stack trace (maestro --debug) shows every cause's message. */
    private static void noCauseMentionsThePassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as(t.getClass().getName()).doesNotContain("hunter2");
            for (Throwable s : t.getSuppressed()) assertThat(String.valueOf(s.getMessage())).doesNotContain("hunter2");
        }
    }

    @Test
    void migratesAnEmptyPostgresDatabaseAndReopensItWithoutMigratingAgain() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String url = pg.createDatabase("empty_" + unique());

        try (JdbcRunStore store = JdbcRunStore.open(url, pg.user(), pg.password())) {
            assertThat(tables(store)).contains("runs", "run_events", "step_states", "step_logs", "pipelines", "api_tokens",
                    "flyway_schema_history");
            assertThat(migrations(store)).containsExactly("1:true", "2:true", "3:true");
            Run run = Run.fresh();
            store.createRun(run.planned(T0, "a"));
        }
        try (JdbcRunStore store = JdbcRunStore.open(url, pg.user(), pg.password())) {
            assertThat(migrations(store)).containsExactly("1:true", "2:true", "3:true");
            assertThat(store.listRuns(RunQuery.latest(10))).hasSize(1);
        }
    }

    private static List<String> tables(JdbcRunStore store) throws Exception {
        try (Connection c = store.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
            var names = new ArrayList<String>();
            while (rs.next()) names.add(rs.getString(1));
            return names;
        }
    }

    private static List<String> migrations(JdbcRunStore store) throws Exception {
        try (Connection c = store.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            var rows = new ArrayList<String>();
            while (rs.next()) rows.add(rs.getString(1) + ":" + rs.getBoolean(2));
            return rows;
        }
    }
}
