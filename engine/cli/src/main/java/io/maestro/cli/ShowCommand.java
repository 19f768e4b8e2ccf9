package io.maestro.cli;

import io.maestro.core.spec.Durations;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "show", description = "Show a run and its steps.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN") String runId;
    @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = root.session(spec)) {
            RunRecord run = session.store().findRun(runId).orElseThrow(() -> new UserError("no run with id " + runId));
            List<StepRecord> steps = session.store().steps(runId);
            if (output.equals("json")) {
                Map<String, Object> json = RunsCommand.summary(run);
                json.put("steps", steps.stream().map(ShowCommand::step).toList());
                out.println(Json.write(json));
            } else {
                out.printf("run %s  pipeline %s  tenant %s%n", run.runId(), run.pipeline(), run.tenant());
                out.printf("status %s%s  duration %s  trace %s%n", run.status().name().toLowerCase(),
                        run.reason() == null ? "" : " (" + run.reason() + ")", RunsCommand.duration(run), run.traceId());
                out.printf("params %s%n%n", run.params());
                Table.print(out, List.of("STEP", "STATUS", "ATTEMPTS", "DURATION", "REASON"), steps.stream().map(s -> List.of(
                        s.stepId(), s.status().name().toLowerCase(), Integer.toString(s.attempts()),
                        s.durationMillis() == null ? "-" : Durations.format(Duration.ofMillis(s.durationMillis())),
                        s.reason() == null ? "" : s.reason())).toList());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> step(StepRecord s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("stepId", s.stepId());
        m.put("uses", s.uses());
        m.put("status", s.status().name().toLowerCase());
        m.put("attempts", s.attempts());
        m.put("reason", s.reason());
        m.put("outputs", s.outputs());
        m.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        m.put("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString());
        m.put("durationMillis", s.durationMillis());
        return m;
    }
}
