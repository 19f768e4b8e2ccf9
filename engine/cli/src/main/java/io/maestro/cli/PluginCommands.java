package io.maestro.cli;

import io.maestro.api.plugin.PluginCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Finds and runs a command contributed by a plugin ({@code maestro <name> args…}). */
final class PluginCommands {
    private PluginCommands() { }

    /** Index of the first word that is not an option (or an option's value), or -1. */
    static int firstWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugins")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** @return the command's exit code, or null when no loaded plugin has a command of that name */
    static Integer run(Map<String, String> env, String[] args, int first, PrintWriter out,
                       PrintWriter err) {
        Path pluginsDir = null;
        boolean debug = false;
        for (int i = 0; i < first; i++) {
            if (args[i].equals("--plugins") && i + 1 < first) pluginsDir = Path.of(args[i + 1]);
            if (args[i].equals("--debug")) debug = true;
        }
        try (var session = MaestroCommand.engine(env, pluginsDir, err)) {
            for (PluginCommand c : session.plugins().commands()) {
                if (!c.name().equals(args[first])) continue;
                List<String> rest = Arrays.asList(args).subList(first + 1, args.length);
                try {
                    return c.run(rest, out, err);
                } catch (Exception e) {
                    err.println("maestro: " + c.name() + " failed: " + e.getMessage());
                    if (debug) e.printStackTrace(err);
                    return ExitCodes.RUN_FAILED;
                } finally {
                    out.flush();
                    err.flush();
                }
            }
        }
        return null;
    }
}
