package io.maestro.cli;

import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.PipelineSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
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

@Command(name = "run", description = "Run a pipeline. Prints 'run <id> started' first; exits 0 succeeded, 1 failed, 130 cancelled.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Pipeline spec (YAML).")
    Path file;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A pipeline parameter (repeatable).")
    List<String> params = List.of();

    @Option(names = "--metrics", description = "Print the run's metrics (Prometheus text) at the end.")
    boolean metrics;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (var session = root.session(spec)) {
            PipelineSpec pipeline = session.parser().parseFile(file);
            CliAccess.require(session, root.env, "run:start", pipeline.tenant());
            Map<String, String> given = parseParams(params);
            RunHandle handle = session.conductor().start(pipeline, given);
            out.printf("run %s started (pipeline %s, tenant %s, %d steps)%n", handle.runId(), pipeline.name(),
                    pipeline.tenant(), handle.plan().steps().size());
            out.flush();
            return RunWatcher.watch(session, handle, out, metrics);
        }
    }

    static Map<String, String> parseParams(List<String> params) {
        var given = new LinkedHashMap<String, String>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new UserError("-p expects KEY=VALUE, got '" + p + "'");
            given.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return given;
    }
}
