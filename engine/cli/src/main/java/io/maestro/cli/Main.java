package io.maestro.cli;

import picocli.CommandLine;

/** Entry point of the {@code maestro} command. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        // logs go under MAESTRO_HOME; set before the first logger is created
        System.setProperty("maestro.log.dir", io.maestro.core.Engine.home(System.getenv()).resolve("logs").toString());
        var out = new java.io.PrintWriter(System.out, true);
        var err = new java.io.PrintWriter(System.err, true);
        System.exit(MaestroCommand.execute(System.getenv(), args, out, err));
    }
}
