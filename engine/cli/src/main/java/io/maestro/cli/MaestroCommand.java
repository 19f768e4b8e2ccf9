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
                ShowCommand.class, LogsCommand.class, ResumeCommand.class, PluginsCommand.class, ServeCommand.class, TokensCommand.class, NlqCommand.class,
                CommandLine.HelpCommand.class})
public final class MaestroCommand {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Plugins directory (default: $MAESTRO_PLUGINS_DIR or $MAESTRO_HOME/plugins).")
    java.nio.file.Path pluginsDir;

    /** A session for one command; plugin warnings go to that command's error stream. */
    io.maestro.core.Engine session(CommandLine.Model.CommandSpec spec) {
        return engine(env, pluginsDir, spec.commandLine().getErr());
    }

    static io.maestro.core.Engine engine(Map<String, String> env, java.nio.file.Path pluginsDir, PrintWriter warnings) {
        return new io.maestro.core.Engine(env, pluginsDir, problem -> {
            warnings.println("maestro: warning: " + problem);
            warnings.flush();
        }, java.util.List.of());
    }

    final Map<String, String> env;

    MaestroCommand(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Runs {@code maestro args…}. A first word that is no built-in command may be a command a plugin
     * contributes ({@code maestro audit verify}); unknown words get picocli's usual error.
     */
    public static int execute(Map<String, String> env, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(env);
        cl.setOut(out);
        cl.setErr(err);
        int first = PluginCommands.firstWord(args);
        if (first >= 0 && !cl.getSubcommands().containsKey(args[first])) {
            Integer code = PluginCommands.run(env, args, first, out, err);
            if (code != null) return code;
        }
        return cl.execute(args);
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
                case CliAccess.Denied denied -> {
                    err.println("maestro: " + denied.getMessage());
                    yield ExitCodes.DENIED;
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
