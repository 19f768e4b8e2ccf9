package io.maestro.cli;

import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecException;
import io.maestro.core.spec.SpecProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check specs; prints every problem as file:line:column. Exits 0 valid, 2 invalid.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline specs (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        try (var session = root.session(spec)) {
            problems = validate(session, out, err);
        }
        if (problems > 0) err.println(problems + (problems == 1 ? " problem" : " problems"));
        out.flush();
        err.flush();
        return problems == 0 ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private int validate(io.maestro.core.Engine session, PrintWriter out, PrintWriter err) {
        int problems = 0;
        for (Path file : files) {
            try {
                PipelineSpec p = session.parser().parseFile(file);
                out.printf("%s: valid (pipeline %s, %d steps)%n", file, p.name(), p.steps().size());
            } catch (SpecException e) {
                for (SpecProblem problem : e.problems()) err.println(problem.format());
                problems += e.problems().size();
            }
        }
        return problems;
    }
}
