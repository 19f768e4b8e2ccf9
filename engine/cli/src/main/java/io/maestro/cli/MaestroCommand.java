package io.maestro.cli;

import io.maestro.core.run.RunException;
import io.maestro.core.spec.SpecException;
import io.maestro.core.spec.SpecProblem;
import io.maestro.core.store.StoreException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "maestro", mixinStandardHelpOptions = true, version = "maestro 0.1.0",
        description = "Plugin-based pipeline conductor.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, RunsCommand.class,
                ShowCommand.class, LogsCommand.class, ResumeCommand.class, CommandLine.HelpCommand.class})
public final class MaestroCommand {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    final Map<String, String> env;

    MaestroCommand(Map<String, String> env) {
        this.env = env;
    }

    public static CommandLine commandLine(Map<String, String> env) {
        var root = new MaestroCommand(env);
        var cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code = switch (e) {
                case SpecException se -> {
                    for (SpecProblem p : se.problems()) err.println(p.format());
                    err.println(se.problems().size() + (se.problems().size() == 1 ? " problem" : " problems"));
                    yield ExitCodes.INVALID;
                }
                case UserError ue -> {
                    err.println("maestro: " + ue.getMessage());
                    yield ExitCodes.INVALID;
                }
                case IllegalArgumentException iae -> {
                    err.println("maestro: " + iae.getMessage());
                    yield ExitCodes.INVALID;
                }
                case StoreException x -> {
                    err.println("maestro: " + x.getMessage());
                    yield ExitCodes.INVALID;
                }
                case RunException x -> {
                    err.println("maestro: " + x.getMessage());
                    yield ExitCodes.INVALID;
                }
                default -> {
                    err.println("maestro: internal error: " + e + (root.debug ? "" : " (run with --debug for details)"));
                    yield ExitCodes.RUN_FAILED;
                }
            };
            if (root.debug) e.printStackTrace(err);
            err.flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("maestro: " + ex.getMessage());
            err.println("try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCodes.INVALID;
        });
        return cl;
    }
}
