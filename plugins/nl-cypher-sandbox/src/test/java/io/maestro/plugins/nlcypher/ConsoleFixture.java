package io.maestro.plugins.nlcypher;

import io.maestro.api.http.PluginRequest;
import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes;
import io.maestro.core.policy.LocalOpa;
import io.maestro.core.policy.OpaPolicyClient;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real OPA with the shipped policies, and the console's parts over it: embedded graphs with the tiny
 * sample graph, the real sandbox, the fake translator. Routes are called as the host would call them.
 */
final class ConsoleFixture implements AutoCloseable {
    final Path dir;
    final LocalOpa opa;
    final PolicyClient policy;
    final Json json = new Json();

    ConsoleFixture(Path dir) {
        this.dir = dir;
        var metrics = new SimpleMeterRegistry();
        opa = LocalOpa.start(PolicySettings.fromEnvironment(System.getenv()).opaBinary(), dir.resolve("opa"), null,
                Duration.ofSeconds(30), metrics);
        policy = new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics, OpenTelemetry.noop().getTracer("test"));
    }

    /** Settings for tests: the tiny sample graph, a small page cache, then {@code extra}. */
    static Map<String, String> settings(String... extra) {
        var s = new LinkedHashMap<String, String>(Map.of("SAMPLE", "tiny", "PAGE_CACHE_MB", "16"));
        for (int i = 0; i < extra.length; i += 2) s.put(extra[i], extra[i + 1]);
        return s;
    }

    TestContext context(Map<String, String> settings) {
        return new TestContext(dir.resolve("plugin-data"), settings, policy);
    }

    /** A console whose graphs come from {@code graphs} (shared between consoles with different limits). */
    Console console(TestContext context, Graphs graphs, TranslatorFactory translators) {
        ConsoleSettings settings = ConsoleSettings.from(context.settings(), Map.of());
        return new Console(settings, graphs, translators, new HostPolicy(context), context::audit);
    }

    EmbeddedGraphs embeddedGraphs(Map<String, String> settings) {
        ConsoleSettings s = ConsoleSettings.from(settings, Map.of());
        return new EmbeddedGraphs(dir.resolve("plugin-data/graphs"), s.pageCacheBytes(), s.sample(), s.connectTimeout());
    }

    ConsoleRoutes routes(Console console) {
        return new ConsoleRoutes(console, new QueryHistory(dir.resolve("plugin-data/history"), json.mapper), json, Clock.systemUTC());
    }

    /** Calls a route as the host does for an authenticated caller; {@code target} may carry a query string. */
    static Reply call(ConsoleRoutes routes, String method, String target, String tenant, String user, String body) throws Exception {
        URI uri = URI.create(target);
        var query = new LinkedHashMap<String, List<String>>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)));
            }
        }
        for (PluginRoutes.Route route : routes.routes()) {
            if (route.method().equals(method) && route.path().equals(uri.getPath())) {
                PluginResponse r = route.handler().handle(new PluginRequest(method, uri.getPath(), Map.of(), query, Map.of(),
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8), tenant, user));
                return new Reply(r.status(), r.contentType(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("no route " + method + " " + target);
    }

    record Reply(int status, String contentType, Map<String, String> headers, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return new Json().mapper.readValue(body, Map.class);
        }
    }

    @Override
    public void close() {
        policy.close();
        opa.close();
    }
}
