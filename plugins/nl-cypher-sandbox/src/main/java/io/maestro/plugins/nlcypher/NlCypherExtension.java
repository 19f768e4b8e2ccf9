package io.maestro.plugins.nlcypher;

import io.maestro.api.http.PluginRoutes;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepResult;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;

/**
 * The plugin's one extension: the console's routes and the {@code cypher} step type, in one class so
 * they share one {@link Console} (PF4J makes one instance per extension class).
 */
@Extension
public final class NlCypherExtension implements PluginRoutes, StepExecutor, PluginContextAware {
    private ConsoleRoutes routes;
    private CypherStep step;

    @Override
    public void init(PluginContext context) {
        requireHostLibraries();
        var json = new Json();
        Console console = Console.open(context, System.getenv(), io.maestro.nlcypher.Translators::create);
        routes = new ConsoleRoutes(console, new QueryHistory(context.dataDirectory().resolve("history"), json.mapper), json,
                Clock.systemUTC());
        step = new CypherStep(console, json);
    }

    /** The translator, the sandbox and Neo4j come from Maestro's class path, not from this jar: say so plainly when absent. */
    private static void requireHostLibraries() {
        for (String name : List.of("io.maestro.nlcypher.Translator", "io.maestro.sandbox.CypherSandbox", "org.neo4j.driver.Driver",
                "tools.jackson.databind.ObjectMapper")) {
            try {
                Class.forName(name, false, NlCypherExtension.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the nl-cypher plugin needs " + name + " on Maestro's class path "
                        + "(engine/server and engine/cli ship maestro-nl-cypher and maestro-sandbox); this Maestro lacks it");
            }
        }
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public String type() {
        return CypherStep.TYPE;
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        return step.execute(context);
    }
}
