package io.maestro.cli;

import io.maestro.core.run.RunHandle;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", description = "Continue a failed, cancelled or interrupted run: succeeded steps are not run again.")
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
    String runId;

    @Option(names = "--metrics", description = "Print the run's metrics (Prometheus text) at the end.")
    boolean metrics;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = root.session(spec)) {
            String tenant = session.store().findRun(runId).map(io.maestro.core.store.RunRecord::tenant)
                    .orElseThrow(() -> new UserError("no run " + runId));
            CliAccess.require(session, root.env, "run:resume", tenant);
            RunHandle handle = session.conductor().resume(runId, session.parser());
            out.printf("run %s resumed%n", handle.runId());
            out.flush();
            return RunWatcher.watch(session, handle, out, metrics);
        }
    }
}
