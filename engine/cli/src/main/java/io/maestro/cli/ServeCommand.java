package io.maestro.cli;

import io.maestro.core.Engine;
import io.maestro.server.MaestroServer;
import io.maestro.server.ServerSettings;
import io.maestro.server.trace.SpanKeeper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Serve the REST API and the run viewer on the embedded defaults (127.0.0.1:8080).")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "port to listen on (default: $MAESTRO_PORT or 8080; 0 for any free port)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerSettings settings = ServerSettings.fromEnvironment(root.env);
        if (port != null) settings = settings.withPort(port);
        var keeper = new SpanKeeper(2_000, 20_000);
        var stopped = new CountDownLatch(1);
        try (Engine engine = new Engine(root.env, root.pluginsDir, problem -> err.println("maestro: warning: " + problem),
                List.of(keeper))) {
            MaestroServer server = MaestroServer.start(engine, settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                engine.close();
                stopped.countDown();
            }, "maestro-serve-shutdown"));
            out.println("maestro serving " + server.url() + " (API " + server.url() + "/api/v1, store " + engine.store() + ")");
            if (engine.tokens().list("default").isEmpty()) {
                out.println("create an API token with: maestro tokens create --tenant default --role tenant-admin --name me");
            }
            out.flush();
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
