package io.maestro.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.FailMode;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.StepGate;
import io.maestro.api.event.StepListener;
import io.maestro.core.store.LogLine;
import io.maestro.core.store.StepRecord;
import io.maestro.core.step.ProcessTree;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConductorTest {
    @TempDir Path home;
    ConductorFixture f;

    @BeforeEach
    void setUp() {
        f = new ConductorFixture(home);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void outputsFlowIntoLaterStepsTemplates() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: flow}
                params: {who: {type: string, default: world}}
                steps:
                  - id: produce
                    with: {run: "echo greeting=hello >> $MAESTRO_OUTPUTS"}
                  - id: consume
                    needs: [produce]
                    with: {run: "echo '${{ steps.produce.outputs.greeting }} ${{ params.who }}' && echo said='${{ steps.produce.outputs.greeting }} ${{ params.who }}' >> $MAESTRO_OUTPUTS"}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, StepRecord> steps = f.steps(run.runId());
        assertThat(steps.get("produce").outputs()).containsEntry("greeting", "hello");
        assertThat(steps.get("consume").outputs()).containsEntry("said", "hello world");
        assertThat(f.store.logs(run.runId(), "consume")).extracting(LogLine::line).contains("hello world");
    }

    @Test
    void independentStepsRunInParallelWithinTheRunConcurrency() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: par}
                concurrency: 2
                steps:
                  - {id: a, with: {run: "sleep 0.4"}}
                  - {id: b, with: {run: "sleep 0.4"}}
                  - {id: c, with: {run: "sleep 0.4"}}
                  - {id: d, with: {run: "sleep 0.4"}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ConductorFixture.mostRunningAtOnce(f.eventsOf(run.runId()))).isEqualTo(2);
    }

    @Test
    void retriesWithBackoffUntilTheStepSucceeds() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: retry}
                steps:
                  - id: flaky
                    retry: {max: 3, backoff: exponential, delay: 50ms, maxDelay: 200ms}
                    with: {run: "test $MAESTRO_ATTEMPT -ge 3"}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        StepRecord flaky = f.steps(run.runId()).get("flaky");
        assertThat(flaky.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(flaky.attempts()).isEqualTo(3);
        List<MaestroEvent> events = f.eventsOf(run.runId());
        assertThat(events).filteredOn(e -> e instanceof MaestroEvent.StepRetrying).hasSize(2);
        assertThat(f.metrics.counter("maestro.step.retries", "uses", "shell").count()).isEqualTo(2.0);
    }

    @Test
    void exhaustedRetriesFailTheRunAndSkipDependents() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: fail}
                steps:
                  - {id: bad, retry: {max: 1, delay: 10ms}, with: {run: "exit 3"}}
                  - {id: after, needs: [bad], with: {run: "true"}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.FAILED);
        Map<String, StepRecord> steps = f.steps(run.runId());
        assertThat(steps.get("bad").status()).isEqualTo(StepStatus.FAILED);
        assertThat(steps.get("bad").attempts()).isEqualTo(2);
        assertThat(steps.get("bad").reason()).isEqualTo("exit code 3");
        assertThat(steps.get("after").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(f.store.findRun(run.runId()).orElseThrow().reason()).contains("'bad' failed");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pids = home.resolve("pids");
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: timeout}
                steps:
                  - id: hang
                    timeout: 500ms
                    with: {run: "sleep 60 & echo $! >> %s; sh -c 'sleep 60 & echo $! >> %s; wait' & wait"}
                """.formatted(pids, pids));
        assertThat(run.await()).isEqualTo(RunStatus.FAILED);
        StepRecord hang = f.steps(run.runId()).get("hang");
        assertThat(hang.reason()).contains("timed out after 500ms");
        List<Long> children = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(children).hasSize(2);
        for (long pid : children) {
            assertThat(ProcessTree.isRunning(pid)).as("pid %d", pid).isFalse();
        }
    }

    @Test
    void backgroundProcessesLeftBehindByASucceededStepAreKilledEvenWithTheirOutputRedirected() throws Exception {
        Path pids = home.resolve("bg.pids");
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: leftover}
                steps:
                  - id: leaves
                    with:
                      run: |
                        sleep 62 >/dev/null 2>&1 & echo $! >> %1$s
                        (sleep 63 >/dev/null 2>&1 & echo $! >> %1$s)
                        echo done
                """.formatted(pids));
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        List<Long> left = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(left).hasSize(2);
        for (long pid : left) assertThat(ProcessTree.isRunning(pid)).as("background sleep %d", pid).isFalse();
        assertThat(f.store.logs(run.runId(), "leaves")).extracting(LogLine::line).contains("done");
    }

    @Test
    void whenFalseSkipsTheStepAndItsDependentsUnlessTheyAllowSkippedNeeds() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: when}
                params: {enabled: {type: boolean, default: false}}
                steps:
                  - {id: gated, when: params.enabled, with: {run: "true"}}
                  - {id: dependent, needs: [gated], with: {run: "true"}}
                  - {id: tolerant, needs: [gated], allowSkippedNeeds: true, with: {run: "true"}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, StepRecord> steps = f.steps(run.runId());
        assertThat(steps.get("gated").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(steps.get("gated").reason()).contains("is false");
        assertThat(steps.get("dependent").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(steps.get("tolerant").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void continueOnFailureLetsTheRunSucceedAndDependentsRun() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: cof}
                steps:
                  - {id: optional, continueOnFailure: true, with: {run: "exit 1"}}
                  - {id: next, needs: [optional], with: {run: "true"}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.steps(run.runId()).get("optional").status()).isEqualTo(StepStatus.FAILED);
        assertThat(f.steps(run.runId()).get("next").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void matrixFansOutAndDependentsWaitForEveryInstance() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: matrix}
                steps:
                  - id: shard
                    matrix: {n: [1, 2, 3], kind: [a, b]}
                    with: {run: "echo ${{ matrix.kind }}${{ matrix.n }} >> $MAESTRO_WORKSPACE/shards"}
                  - id: merge
                    needs: [shard]
                    with: {run: "test $(wc -l < $MAESTRO_WORKSPACE/shards) -eq 6"}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.steps(run.runId())).containsKeys("shard[n=1,kind=a]", "shard[n=3,kind=b]", "merge").hasSize(7);
    }

    @Test
    void cancellingKillsRunningStepsAndRecordsThemCancelled() throws Exception {
        Path pid = home.resolve("pid");
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: cancel}
                steps:
                  - {id: long, with: {run: "echo $$ > %s; sleep 60"}}
                  - {id: later, needs: [long], with: {run: "true"}}
                """.formatted(pid));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(f.conductor.cancel(run.runId())).isTrue();
        assertThat(run.await()).isEqualTo(RunStatus.CANCELLED);
        Map<String, StepRecord> steps = f.steps(run.runId());
        assertThat(steps.get("long").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(steps.get("later").status()).isEqualTo(StepStatus.CANCELLED);
        long shellPid = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessTree.isRunning(shellPid)).isFalse();
    }

    @Test
    void resumeRerunsOnlyFailedAndUnrunStepsReusingRecordedOutputs() throws Exception {
        Path ran = home.resolve("ran");
        Path ok = home.resolve("ok");
        String yaml = """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: resume}
                steps:
                  - {id: first, with: {run: "echo first >> %1$s; echo token=abc >> $MAESTRO_OUTPUTS"}}
                  - {id: second, needs: [first], with: {run: "echo second >> %1$s; test -f %2$s"}}
                  - {id: third, needs: [second], with: {run: "echo third-${{ steps.first.outputs.token }} >> %1$s"}}
                """.formatted(ran, ok);
        RunHandle run = f.start(yaml);
        assertThat(run.await()).isEqualTo(RunStatus.FAILED);
        Files.writeString(ok, "fixed");

        RunHandle resumed = f.conductor.resume(run.runId(), f.parser);
        assertThat(resumed.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(ran)).containsExactly("first", "second", "second", "third-abc");
        Map<String, StepRecord> steps = f.steps(run.runId());
        assertThat(steps.get("first").attempts()).isEqualTo(1);
        assertThat(steps.get("second").attempts()).isEqualTo(2);
        assertThat(f.store.findRun(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aThrowingListenerDoesNotBreakTheRunAndIsCounted() {
        f.bus.addListener("broken", new StepListener() {
            @Override
            public void onStepStarted(MaestroEvent.StepStarted event) {
                throw new IllegalStateException("boom");
            }
        });
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: listener}
                steps: [{id: a, uses: noop}, {id: b, uses: noop, needs: [a]}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        f.bus.drain();
        assertThat(f.metrics.counter("maestro.listener.failures", "listener", "broken").count()).isEqualTo(2.0);
    }

    @Test
    void listenersSeeEachRunsEventsInOrder() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: order}
                steps: [{id: a, uses: noop}, {id: b, uses: noop, needs: [a]}]
                """);
        run.await();
        List<String> seen = f.eventsOf(run.runId()).stream()
                .map(e -> e.getClass().getSimpleName() + (e.stepId() == null ? "" : ":" + e.stepId())).toList();
        assertThat(seen).containsExactly("RunSubmitted", "RunStarted", "StepScheduled:a", "StepStarted:a",
                "StepFinished:a", "StepScheduled:b", "StepStarted:b", "StepFinished:b", "RunFinished");
        // the store's log has the same order
        assertThat(f.store.events(run.runId())).extracting(r -> r.type() + (r.stepId() == null ? "" : ":" + r.stepId()))
                .containsExactlyElementsOf(seen);
    }

    @Test
    void aDenyingStepGateFailsTheStepWithItsReason() {
        f.bus.addStepGate(new StepGate() {
            @Override
            public Decision decide(GateSubject s) {
                return "deploy".equals(s.stepId()) ? Decision.deny("change freeze") : Decision.allow();
            }

            @Override
            public String gateName() { return "freeze"; }
        });
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: gate}
                steps: [{id: build, uses: noop}, {id: deploy, uses: noop, needs: [build]}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.FAILED);
        assertThat(f.steps(run.runId()).get("deploy").reason()).isEqualTo("denied by gate freeze: change freeze");
        assertThat(f.steps(run.runId()).get("build").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void aGateThatHangsFailsClosedAfterItsTimeout() {
        f.bus.addStepGate(new StepGate() {
            @Override
            public Decision decide(GateSubject s) throws Exception {
                Thread.sleep(10_000);
                return Decision.allow();
            }

            @Override
            public Duration timeout() { return Duration.ofMillis(100); }

            @Override
            public FailMode failMode() { return FailMode.CLOSED; }

            @Override
            public String gateName() { return "slow"; }
        });
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: slowgate}
                steps: [{id: a, uses: noop}]
                """);
        assertThat(run.await()).isEqualTo(RunStatus.FAILED);
        assertThat(f.steps(run.runId()).get("a").reason()).contains("gate slow timed out after 100ms");
    }

    @Test
    void eachStepAttemptIsAChildSpanOfTheRunSpanAndGetsItsTraceparent() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: traced, tenant: acme}
                steps:
                  - {id: a, retry: {max: 1, delay: 10ms}, with: {run: "echo tp=$TRACEPARENT >> $MAESTRO_OUTPUTS; test $MAESTRO_ATTEMPT -ge 2"}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        List<SpanData> spans = f.spans.getFinishedSpanItems();
        SpanData runSpan = spans.stream().filter(s -> s.getName().equals("run traced")).findFirst().orElseThrow();
        List<SpanData> attempts = spans.stream().filter(s -> s.getName().equals("step a")).toList();
        assertThat(attempts).hasSize(2);
        for (SpanData attempt : attempts) {
            assertThat(attempt.getParentSpanId()).isEqualTo(runSpan.getSpanId());
            assertThat(attempt.getTraceId()).isEqualTo(runSpan.getTraceId());
            assertThat(attempt.getAttributes().asMap().toString()).contains("maestro.tenant=acme", "maestro.step_id=a");
        }
        assertThat(attempts.get(0).getAttributes().asMap().toString()).contains("maestro.outcome=failed");
        SpanData second = attempts.stream().filter(s -> s.getAttributes().asMap().toString().contains("maestro.attempt=2"))
                .findFirst().orElseThrow();
        assertThat(f.steps(run.runId()).get("a").outputs().get("tp"))
                .isEqualTo("00-" + second.getTraceId() + "-" + second.getSpanId() + "-01");
        assertThat(f.store.findRun(run.runId()).orElseThrow().traceId()).isEqualTo(runSpan.getTraceId());
    }

    @Test
    void artifactsAreReportedWithTheirDigest() {
        RunHandle run = f.start("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: art}
                steps:
                  - {id: pack, with: {run: "mkdir -p dist && printf abc > dist/a.txt", artifacts: ["dist/*.txt"]}}
                """);
        assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(f.eventsOf(run.runId())).filteredOn(e -> e instanceof MaestroEvent.ArtifactProduced)
                .singleElement().satisfies(e -> {
                    var a = (MaestroEvent.ArtifactProduced) e;
                    assertThat(a.name()).isEqualTo("a.txt");
                    assertThat(a.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
                    assertThat(a.sizeBytes()).isEqualTo(3);
                });
    }

    @Test
    void aBadParamIsRefusedBeforeAnythingIsRecorded() {
        var spec = f.spec("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: params}
                params: {runTests: {type: boolean, default: true}}
                steps: [{id: a, uses: noop}]
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.conductor.start(spec, Map.of("runTests", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("param 'runTests' expects boolean, got 'maybe'");
        assertThat(f.store.listRuns(io.maestro.core.store.RunQuery.latest(10))).isEmpty();
    }
}
