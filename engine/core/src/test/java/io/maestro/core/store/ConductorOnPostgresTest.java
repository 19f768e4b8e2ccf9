package io.maestro.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.core.event.EventBus;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.ConductorConfig;
import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.telemetry.Telemetry;
import io.maestro.core.testing.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conductor end to end with its production store: PostgreSQL. */
class ConductorOnPostgresTest {

    @Test
    void runsAPipelineWhoseSecondStepReadsTheFirstStepsOutputAndStoresBothSteps(@TempDir Path home) {
        PostgresServer pg = PostgresServer.shared();
        String url = pg.createDatabase("conductor_test_" + UUID.randomUUID().toString().substring(0, 8));
        var registry = new SimpleMeterRegistry();
        String yaml = """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: pg-test}
                steps:
                  - id: a
                    with: {run: "echo hello from a; echo x=42 >> $MAESTRO_OUTPUTS"}
                  - id: b
                    needs: [a]
                    with: {run: "test '${{ steps.a.outputs.x }}' = 42 && echo y=ok >> $MAESTRO_OUTPUTS"}
                """;

        try (JdbcRunStore store = JdbcRunStore.open(url, pg.user(), pg.password());
             var telemetry = new Telemetry(registry, Map.of(), List.of());
             var bus = new EventBus(registry);
             var conductor = new Conductor(store, bus, StepExecutors.builtIn(), telemetry, ConductorConfig.defaults(home))) {
            RunHandle handle = conductor.start(new SpecParser().parse("pg-test.yaml", yaml), Map.of());

            assertThat(handle.await()).isEqualTo(RunStatus.SUCCEEDED);
            store.flush();

            RunRecord run = store.findRun(handle.runId()).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.pipeline()).isEqualTo("pg-test");
            assertThat(run.specText()).isEqualTo(yaml);
            assertThat(run.startedAt()).isNotNull();
            assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
            assertThat(store.steps(handle.runId()))
                    .extracting(StepRecord::stepId, StepRecord::status, StepRecord::attempts, StepRecord::outputs)
                    .containsExactlyInAnyOrder(
                            tuple("a", StepStatus.SUCCEEDED, 1, Map.of("x", "42")),
                            tuple("b", StepStatus.SUCCEEDED, 1, Map.of("y", "ok")));
            assertThat(store.logs(handle.runId(), "a")).extracting(LogLine::line).contains("hello from a");
            assertThat(store.events(handle.runId())).extracting(EventRecord::type)
                    .startsWith("RunSubmitted", "RunStarted").endsWith("RunFinished");
            assertThat(store.listRuns(new RunQuery(null, "pg-test", RunStatus.SUCCEEDED, 10)))
                    .extracting(RunRecord::runId).contains(handle.runId());
        }
    }
}
