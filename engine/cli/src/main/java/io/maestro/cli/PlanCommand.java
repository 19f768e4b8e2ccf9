package io.maestro.cli;

import io.maestro.core.plan.Planner;
import io.maestro.core.plan.RunPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", description = "Print the execution order (DAG levels, matrix expanded) and the critical path.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE") Path file;

    @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunPlan plan;
        try (var session = root.session(spec)) {
            plan = new Planner().plan(session.parser().parseFile(file));
        }
        if (output.equals("json")) {
            var json = new LinkedHashMap<String, Object>();
            json.put("pipeline", plan.spec().name());
            json.put("steps", plan.steps().size());
            json.put("levels", plan.levels());
            json.put("criticalPath", plan.criticalPath());
            out.println(Json.write(json));
        } else {
            out.printf("pipeline %s: %d step instances in %d levels%n", plan.spec().name(), plan.steps().size(),
                    plan.levels().size());
            for (int i = 0; i < plan.levels().size(); i++) {
                out.printf("  level %d: %s%n", i + 1, String.join(", ", plan.levels().get(i)));
            }
            out.printf("critical path (%d steps): %s%n", plan.criticalPath().size(), String.join(" -> ", plan.criticalPath()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
