package io.maestro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CliTest {
    @TempDir Path home;
    @TempDir Path work;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    private Path write(String name, String text) throws Exception {
        Path p = work.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateExitsZeroForValidSpecsAndTwoWithEveryProblemOtherwise() throws Exception {
        assertThat(cli.run("validate", Cli.spec("intelgraph-build.yaml").toString()).exitCode()).isZero();
        Path bad = write("bad.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: bad}
                steps:
                  - {id: a, uses: noop, needz: [b]}
                  - {id: b, uses: noop, needs: [c]}
                """);
        Cli.Result r = cli.run("validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                bad + ":5:25 steps[0].needz: unknown field 'needz' (did you mean 'needs'?)",
                bad + ":6:33 steps[1].needs[0]: step 'b' needs unknown step 'c' (known steps: a, b)",
                "2 problems");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void planPrintsLevelsAndTheCriticalPath() {
        Cli.Result r = cli.run("plan", Cli.spec("intelgraph-build.yaml").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("pipeline intelgraph-build: 7 step instances in 6 levels",
                "level 3: test[opt=-O0], test[opt=-O2]",
                "critical path (6 steps): checkout -> build -> test[opt=-O0] -> package -> checksum -> publish");
    }

    @Test
    void theBuildPipelineRunsAndIsReadableBackFromTheStore() {
        Cli.Result r = cli.run("run", Cli.spec("intelgraph-build.yaml").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.firstLine()).matches("run [0-9a-f-]{36} started \\(pipeline intelgraph-build, tenant intelgraph, 7 steps\\)");
        String runId = r.runId();
        assertThat(r.out()).contains("checkout", "test[opt=-O2]", "run " + runId + " succeeded in ")
                .containsPattern("publish\\s+failed\\s+1");

        JsonNode runs = Json.MAPPER.readTree(cli.run("runs", "-o", "json").out());
        assertThat(runs.get(0).get("runId").asString()).isEqualTo(runId);
        assertThat(runs.get(0).get("status").asString()).isEqualTo("succeeded");

        JsonNode show = Json.MAPPER.readTree(cli.run("show", runId, "-o", "json").out());
        Map<String, JsonNode> steps = new java.util.HashMap<>();
        show.get("steps").forEach(s -> steps.put(s.get("stepId").asString(), s));
        assertThat(steps.get("checkout").get("outputs").get("version").asString()).isEqualTo("1.4.0");
        assertThat(steps.get("checksum").get("outputs").get("sha256").asString()).hasSize(64);
        assertThat(steps.get("publish").get("status").asString()).isEqualTo("failed");

        Cli.Result logs = cli.run("logs", runId, "build");
        assertThat(logs.out()).contains("edges=4 hub=0");
    }

    @Test
    void theFailureAndRetryPipelineRetriesKillsAndStillSucceeds() {
        Cli.Result r = cli.run("run", Cli.spec("failure-and-retry.yaml").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode show = Json.MAPPER.readTree(cli.run("show", r.runId(), "-o", "json").out());
        Map<String, JsonNode> steps = new java.util.HashMap<>();
        show.get("steps").forEach(s -> steps.put(s.get("stepId").asString(), s));
        assertThat(steps.get("fetch-index").get("attempts").asInt()).isEqualTo(3);
        assertThat(steps.get("warm-cache").get("reason").asString()).contains("timed out after 1.0s");
        assertThat(steps.get("canary").get("status").asString()).isEqualTo("skipped");
        assertThat(steps.get("report").get("outputs").get("summary").asString())
                .isEqualTo("fetch=3,cache=failed,canary=skipped");
        assertThat(r.out()).contains("retrying");
    }

    @Test
    void theGraphIngestPipelineFansOutAndMergesWithoutLosingEdges() {
        Cli.Result r = cli.run("run", Cli.spec("graph-ingest.yaml").toString(), "-p", "edges=5000");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode show = Json.MAPPER.readTree(cli.run("show", r.runId(), "-o", "json").out());
        assertThat(show.get("steps")).hasSize(8);
        assertThat(show.get("params").get("edges").asLong()).isEqualTo(5000);
        JsonNode merge = null;
        for (JsonNode s : show.get("steps")) if (s.get("stepId").asString().equals("merge")) merge = s;
        assertThat(merge.get("outputs").get("degreeSum").asString()).isEqualTo("10000");
    }

    @Test
    void aFailingRunExitsOneAndPointsAtLogsAndResume() throws Exception {
        Path spec = write("fail.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: fails}
                steps:
                  - {id: broken, with: {run: "echo 'compiler error on line 3' >&2; exit 2"}}
                """);
        Cli.Result r = cli.run("run", spec.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("run " + r.runId() + " failed", "maestro resume " + r.runId());
        assertThat(cli.run("logs", r.runId(), "broken").out()).contains("! compiler error on line 3");
    }

    @Test
    void badInputGetsOneClearLineExitTwoAndNothingRecorded() throws Exception {
        Path ok = write("ok.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: ok}
                params: {runTests: {type: boolean, default: true}}
                steps: [{id: a, uses: noop}]
                """);
        Path malformed = write("malformed.yaml", "apiVersion: maestro/v1\nsteps: [a\n");
        List<List<String>> cases = List.of(
                List.of("run", ok.toString(), "-p", "runTests=maybe"),
                List.of("run", ok.toString(), "-p", "runTests"),
                List.of("run", work.resolve("missing.yaml").toString()),
                List.of("run", malformed.toString()),
                List.of("show", "no-such-run"));
        for (List<String> args : cases) {
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).doesNotContain("\tat ", "Exception");
            assertThat(r.out()).as(args.toString()).doesNotContain("started");
        }
        assertThat(cli.run("run", ok.toString(), "-p", "runTests=maybe").err())
                .isEqualTo("maestro: param 'runTests' expects boolean, got 'maybe'\n");
        assertThat(Json.MAPPER.readTree(cli.run("runs", "-o", "json").out())).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutTheSecret() throws Exception {
        Path ok = write("ok.yaml", "apiVersion: maestro/v1\nkind: Pipeline\nmetadata: {name: ok}\nsteps: [{id: a, uses: noop}]\n");
        Cli.Result r = cli.with("MAESTRO_DB_URL", "jdbc:postgresql://127.0.0.1:1/maestro?password=hunter2")
                .run("run", ok.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("maestro: cannot connect to the run store at jdbc:postgresql://127.0.0.1:1/maestro?password=***")
                .doesNotContain("hunter2").hasLineCount(1);
    }

    @Test
    void runsAgainstPostgresqlWhenMaestroDbUrlPointsAtIt() throws Exception {
        var pg = io.maestro.core.testing.PostgresServer.shared();
        String db = "cli_" + Long.toHexString(System.nanoTime());
        pg.createDatabase(db);
        Cli onPostgres = cli.with("MAESTRO_DB_URL", pg.jdbcUrl(db)).with("MAESTRO_DB_USER", pg.user());
        Cli.Result r = onPostgres.run("run", Cli.spec("graph-ingest.yaml").toString(), "-p", "edges=1000");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode show = Json.MAPPER.readTree(onPostgres.run("show", r.runId(), "-o", "json").out());
        assertThat(show.get("status").asString()).isEqualTo("succeeded");
        assertThat(onPostgres.run("logs", r.runId(), "verify").out()).contains("verified 1000 edges");
        // and the embedded store saw none of it
        assertThat(Json.MAPPER.readTree(new Cli(home).run("runs", "-o", "json").out())).isEmpty();
    }

    @Test
    void runPrintsMetricsWhenAsked() {
        Cli.Result r = cli.run("run", Cli.spec("graph-ingest.yaml").toString(), "-p", "edges=100", "--metrics");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("maestro_runs_started_total", "maestro_runs_finished_total",
                "maestro_step_duration_seconds_bucket", "maestro_queue_depth", "status=\"succeeded\"");
    }
}
