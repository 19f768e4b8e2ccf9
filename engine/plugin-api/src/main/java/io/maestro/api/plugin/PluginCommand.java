package io.maestro.api.plugin;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command a plugin adds to the {@code maestro} CLI: {@code maestro <name> args…}. Framework-neutral:
 * the plugin parses its own arguments.
 */
public interface PluginCommand extends io.maestro.api.plugin.MaestroExtension {
    /** The subcommand name, e.g. {@code audit}. */
    String name();

    /** One line for {@code maestro --help}. */
    String description();

    /** @return the exit code (0 ok, 1 failed check, 2 bad input) */
    int run(List<String> args, PrintWriter out, PrintWriter err) throws Exception;
}
