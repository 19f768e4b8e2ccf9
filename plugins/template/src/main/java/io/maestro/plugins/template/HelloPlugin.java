package io.maestro.plugins.template;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.http.PluginRequest;
import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes;
import io.maestro.api.plugin.PluginCommand;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener, a CLI command and an HTTP route in one class (PF4J makes one instance per extension
 * class, so state they share lives here): counts finished runs per tenant and status in the plugin's
 * data directory; {@code maestro hello stats} prints the counts, and
 * {@code GET /api/v1/plugins/template/stats} returns the caller's tenant's counts as JSON.
 */
@Extension
public class HelloPlugin implements RunListener, PluginCommand, PluginContextAware, PluginRoutes {
    private static final Logger log = LoggerFactory.getLogger(HelloPlugin.class);
    private Path ledger;

    @Override
    public void init(PluginContext context) {
        ledger = context.dataDirectory().resolve("finished-runs.txt");
    }

    @Override
    public void onRunFinished(MaestroEvent.RunFinished event) {
        try {
            Files.writeString(ledger, event.tenant() + " " + event.status().name().toLowerCase() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot record run {}: {}", event.runId(), e.getMessage()); // never fail a run
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", "/stats", this::tenantStats));
    }

    /** Only the caller's tenant's lines: a route must scope what it returns to {@code request.tenant()}. */
    private PluginResponse tenantStats(PluginRequest request) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2 && parts[0].equals(request.tenant())) counts.merge(parts[1], 1, Integer::sum);
            }
        }
        var json = new StringBuilder("{");
        counts.forEach((status, n) -> json.append(json.length() > 1 ? "," : "").append('"').append(status).append("\":").append(n));
        return PluginResponse.json(200, json.append('}').toString());
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String description() {
        return "Finished runs per tenant and status, as seen by the template plugin";
    }

    @Override
    public int run(List<String> args, PrintWriter out, PrintWriter err) throws IOException {
        if (!args.equals(List.of("stats"))) {
            err.println("usage: maestro hello stats");
            return 2;
        }
        Map<String, Integer> counts = new TreeMap<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger)) counts.merge(line, 1, Integer::sum);
        }
        counts.forEach((k, n) -> out.println(k + " " + n));
        return 0;
    }
}
