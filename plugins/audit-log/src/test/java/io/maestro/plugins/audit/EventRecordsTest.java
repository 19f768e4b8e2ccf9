package io.maestro.plugins.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.event.TraceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRecordsTest {
    static final Instant AT = Instant.parse("2026-05-01T08:00:00.123Z");
    static final TraceContext TRACE = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    @Test
    void aGateDenialBecomesADeniedRecordOfTheStepWithTheGatesReason() {
        var r = EventRecords.from(new MaestroEvent.GateDecided("acme", "run-1", "deploy", "deny", "policy/freeze",
                "change freeze until Monday", AT, TRACE));

        assertThat(r.action()).isEqualTo("gate.decide");
        assertThat(r.outcome()).isEqualTo("denied");
        assertThat(r.reason()).isEqualTo("change freeze until Monday");
        assertThat(r.target()).isEqualTo(new AuditRecord.Target("step", "deploy", null));
        assertThat(r.run()).isEqualTo("run-1");
        assertThat(r.tenant()).isEqualTo("acme");
        assertThat(r.actor()).isEqualTo(new AuditRecord.Actor("system", "maestro"));
        assertThat(r.time()).isEqualTo(AT);
        assertThat(r.trace()).isEqualTo(new AuditRecord.Trace(TRACE.traceId(), TRACE.spanId()));
        assertThat(r.details()).containsEntry("decision", "deny").containsEntry("gate", "policy/freeze");
    }

    @Test
    void aRunGateHoldTargetsTheRunAndAnAllowIsASuccess() {
        var hold = EventRecords.from(new MaestroEvent.GateDecided("acme", "run-1", null, "hold", "approvals",
                "waiting for approval", AT, TRACE));
        var allow = EventRecords.from(new MaestroEvent.GateDecided("acme", "run-1", null, "allow", null, null, AT, TRACE));

        assertThat(hold.target()).isEqualTo(new AuditRecord.Target("run", "run-1", null));
        assertThat(hold.outcome()).isEqualTo("held");
        assertThat(allow.outcome()).isEqualTo("success");
        assertThat(allow.details()).containsOnlyKeys("decision");
    }

    @Test
    void aFailedRunIsAFailureWithItsReason() {
        var r = EventRecords.from(new MaestroEvent.RunFinished("acme", "run-1", "etl", RunStatus.FAILED,
                "step 'load' failed", AT, TRACE));

        assertThat(r.action()).isEqualTo("run.finish");
        assertThat(r.outcome()).isEqualTo("failure");
        assertThat(r.reason()).isEqualTo("step 'load' failed");
        assertThat(r.target()).isEqualTo(new AuditRecord.Target("run", "run-1", "etl"));
    }

    @Test
    void parameterAndOutputValuesAreLeftOutOnlyTheirNamesRecorded() {
        var submitted = EventRecords.from(new MaestroEvent.RunSubmitted("acme", "run-1", "etl",
                Map.of("password", "hunter2", "day", "2026-05-01"), AT, TRACE));
        var finished = EventRecords.from(new MaestroEvent.StepFinished("acme", "run-1", "load", 1, StepStatus.SUCCEEDED,
                null, Map.of("token", "s3cr3t"), 42, AT, TRACE));

        assertThat(submitted.details()).containsEntry("param_names", List.of("day", "password"));
        assertThat(submitted.toJsonLine()).doesNotContain("hunter2");
        assertThat(finished.details()).containsEntry("output_names", List.of("token")).containsEntry("duration_ms", 42L);
        assertThat(finished.toJsonLine()).doesNotContain("s3cr3t");
    }

    @Test
    void aPluginLoadHasNoTenantAndNamesTheProcessThatLoadedIt() {
        var r = EventRecords.from(new MaestroEvent.PluginLoaded("billing", "1.2.0", List.of("a.B"), AT));

        assertThat(r.action()).isEqualTo("plugin.load");
        assertThat(r.tenant()).isNull();
        assertThat(r.trace()).isNull();
        assertThat(r.target()).isEqualTo(new AuditRecord.Target("plugin", "billing", "billing 1.2.0"));
        assertThat(r.details()).containsEntry("version", "1.2.0").containsEntry("pid", ProcessHandle.current().pid())
                .containsKey("host");
    }

    @Test
    void everyEngineEventBecomesAnActionWithItsVerbLastAndAnOcsfActivity() {
        var events = List.<MaestroEvent>of(
                new MaestroEvent.RunSubmitted("t", "r", "p", Map.of(), AT, TRACE),
                new MaestroEvent.RunStarted("t", "r", "p", false, AT, TRACE),
                new MaestroEvent.RunFinished("t", "r", "p", RunStatus.CANCELLED, "cancelled", AT, TRACE),
                new MaestroEvent.StepScheduled("t", "r", "s", "shell", AT, TRACE),
                new MaestroEvent.StepStarted("t", "r", "s", "shell", 1, AT, TRACE),
                new MaestroEvent.StepRetrying("t", "r", "s", 1, "exit 1", 500, AT, TRACE),
                new MaestroEvent.StepFinished("t", "r", "s", 2, StepStatus.SKIPPED, null, Map.of(), 0, AT, TRACE),
                new MaestroEvent.ArtifactProduced("t", "r", "s", 1, "report", "out/report.csv", "ab".repeat(32), 10, AT, TRACE),
                new MaestroEvent.PluginLoaded("x", "1", List.of(), AT),
                new MaestroEvent.PluginUnloaded("x", "1", AT));

        var actions = events.stream().map(EventRecords::from).map(AuditRecord::action).toList();

        assertThat(actions).containsExactly("run.submit", "run.start", "run.finish", "step.schedule", "step.start",
                "step.retry", "step.finish", "artifact.produce", "plugin.load", "plugin.unload");
        assertThat(actions).allSatisfy(a -> assertThat(OcsfRecords.activityId(a)).isNotEqualTo(99));
        assertThat(EventRecords.from(events.get(2)).outcome()).isEqualTo("cancelled");
        assertThat(EventRecords.from(events.get(6)).outcome()).isEqualTo("skipped");
    }

    @Test
    void theZeroTraceIsLeftOut() {
        var r = EventRecords.from(new MaestroEvent.RunStarted("t", "r", "p", false, AT, TraceContext.NONE));

        assertThat(r.trace()).isNull();
        assertThat(r.toJsonLine()).doesNotContain("trace");
    }
}
