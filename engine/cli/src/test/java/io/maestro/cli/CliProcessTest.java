package io.maestro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.step.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real {@code maestro} in its own JVM, killed and interrupted as a user or a machine would. */
class CliProcessTest {
    @TempDir Path home;
    @TempDir Path work;

    private Process start(Path out, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                "io.maestro.cli.Main"));
        if (Runtime.version().feature() >= 23) command.add(4, "--sun-misc-unsafe-memory-access=allow");
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("MAESTRO_HOME", home.toString());
        return pb.start();
    }

    private static String runId(String output) {
        return output.lines().filter(l -> l.matches("run \\S+ started.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'run … started' line in: " + output)).split(" ")[1];
    }

    private static void awaitFile(Path file, Process process, Path out) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new AssertionError("maestro exited early (" + process.exitValue() + "); its output:\n" + Files.readString(out));
            }
            assertThat(System.currentTimeMillis()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void afterSigkillMidRunResumeCompletesWithoutRerunningSucceededSteps() throws Exception {
        Path ledger = work.resolve("ledger");
        Path blocking = work.resolve("blocking");
        Path spec = work.resolve("crash.yaml");
        Files.writeString(spec, """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: crash}
                steps:
                  - {id: fetch, with: {run: "echo fetch >> %1$s; echo rows=42 >> $MAESTRO_OUTPUTS"}}
                  - {id: compile, needs: [fetch], with: {run: "echo compile >> %1$s"}}
                  - id: load
                    needs: [compile]
                    with:
                      run: |
                        echo load >> %1$s
                        if [ ! -f %2$s.done ]; then touch %2$s.done; touch %2$s; sleep 120; fi
                  - {id: report, needs: [load], with: {run: "echo report-${{ steps.fetch.outputs.rows }} >> %1$s"}}
                """.formatted(ledger, blocking));
        Path out = work.resolve("run.out");
        Process run = start(out, "run", spec.toString());
        awaitFile(blocking, run, out);
        String runId = runId(Files.readString(out));
        List<ProcessHandle> opa;
        try (var children = run.toHandle().descendants()) {
            opa = children.filter(p -> p.info().commandLine().orElse("").contains("opa run")).toList();
        }
        assertThat(opa).as("the run started its local OPA").isNotEmpty();
        run.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // its OPA goes with it: the watchdog shell sees its stdin pipe from the dead JVM close
        long opaDeadline = System.currentTimeMillis() + 15_000;
        while (opa.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < opaDeadline) Thread.sleep(100);
        assertThat(opa).as("no OPA outlives a SIGKILLed maestro").noneMatch(ProcessHandle::isAlive);
        // the orphaned step process dies with the machine in a real crash
        try (var ps = ProcessHandle.allProcesses()) {
            ps.filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(blocking.toString())).orElse(false))
                    .forEach(p -> ProcessTree.kill(p));
        }

        var cli = new Cli(home);
        assertThat(Json.MAPPER.readTree(cli.run("show", runId, "-o", "json").out()).get("status").asString())
                .isEqualTo("running");
        Cli.Result resumed = cli.run("resume", runId);
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(Files.readAllLines(ledger)).containsExactly("fetch", "compile", "load", "load", "report-42");
        JsonNode show = Json.MAPPER.readTree(cli.run("show", runId, "-o", "json").out());
        assertThat(show.get("status").asString()).isEqualTo("succeeded");
        for (JsonNode step : show.get("steps")) {
            int expected = step.get("stepId").asString().equals("load") ? 2 : 1;
            assertThat(step.get("attempts").asInt()).as(step.get("stepId").asString()).isEqualTo(expected);
        }
    }

    @Test
    void ctrlCCancelsTheRunKillsItsStepsAndExits130() throws Exception {
        Path pid = work.resolve("pid");
        Path spec = work.resolve("long.yaml");
        Files.writeString(spec, """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: long}
                steps:
                  - {id: wait, with: {run: "echo $$ > %s.tmp && mv %s.tmp %s; sleep 120"}}
                  - {id: after, needs: [wait], uses: noop}
                """.formatted(pid, pid, pid));
        Path out = work.resolve("run.out");
        Process run = start(out, "run", spec.toString());
        awaitFile(pid, run, out);
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(130);
        String output = Files.readString(out);
        assertThat(output).contains("cancelling run", "cancelled");
        assertThat(ProcessTree.isRunning(Long.parseLong(Files.readString(pid).strip()))).isFalse();
        String runId = runId(output);
        JsonNode show = Json.MAPPER.readTree(new Cli(home).run("show", runId, "-o", "json").out());
        assertThat(show.get("status").asString()).isEqualTo("cancelled");
        assertThat(show.get("steps")).allSatisfy(s -> assertThat(s.get("status").asString()).isEqualTo("cancelled"));
    }
}
