package io.maestro.cli;

import io.maestro.core.store.LogLine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "logs", description = "Print the stored logs of a run, or of one step.")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN") String runId;
    @Parameters(index = "1", paramLabel = "STEP", arity = "0..1") String stepId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = root.session(spec)) {
            session.store().findRun(runId).orElseThrow(() -> new UserError("no run with id " + runId));
            if (stepId != null && session.store().steps(runId).stream().noneMatch(s -> s.stepId().equals(stepId))) {
                throw new UserError("run " + runId + " has no step '" + stepId + "'");
            }
            List<LogLine> lines = session.store().logs(runId, stepId);
            for (LogLine l : lines) {
                String prefix = stepId == null ? "[" + l.stepId() + "#" + l.attempt() + "] " : "[#" + l.attempt() + "] ";
                out.println(prefix + (l.stream() == LogLine.Stream.ERR ? "! " : "") + l.line());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
