package io.maestro.server;

import io.maestro.core.Engine;
import io.maestro.core.access.Role;
import io.maestro.server.trace.SpanKeeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A real server on a free loopback port over a fresh home (embedded H2, or the store URL given). */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    final Path home;
    final Engine engine;
    final MaestroServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(Path home, Map<String, String> extraEnv) {
        this.home = home;
        var env = new HashMap<String, String>(extraEnv);
        env.put("MAESTRO_HOME", home.toString());
        env.put("MAESTRO_PLUGINS_DIR", home.resolve("plugins").toString());
        this.engine = new Engine(env, null, problem -> { throw new AssertionError(problem); }, List.of(new SpanKeeper(100, 10_000)));
        this.server = MaestroServer.start(engine, ServerSettings.fromEnvironment(Map.of("MAESTRO_PORT", "0",
                "MAESTRO_TRACE_LINK", "jaeger:http://jaeger.example:16686")));
    }

    static TestServer embedded(Path home) {
        return new TestServer(home, Map.of());
    }

    String token(String tenant, Role role) {
        return engine.tokens().create(tenant, role, "test-" + role.wireName(), null).secret();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response call(String method, String path, String token, String jsonBody) {
        return call(method, path, token, jsonBody, Map.of());
    }

    Response call(String method, String path, String token, String jsonBody, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        if (jsonBody != null) b.header("Content-Type", "application/json");
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    Response post(String path, String token, Object body) {
        return call("POST", path, token, body == null ? null : JSON.writeValueAsString(body));
    }

    /** Submits a spec read from a file and returns the pipeline name. */
    String submit(String token, String file, String spec) {
        Response r = post("/api/v1/pipelines", token, Map.of("file", file, "spec", spec));
        if (r.status() != 201) throw new AssertionError("submit failed: " + r);
        return r.json().path("name").asString();
    }

    String startRun(String token, String pipeline, Map<String, Object> params) {
        Response r = post("/api/v1/pipelines/" + pipeline + "/runs", token, Map.of("params", params));
        if (r.status() != 201) throw new AssertionError("start failed: " + r);
        return r.json().path("id").asString();
    }

    JsonNode awaitRun(String token, String runId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run;
        do {
            run = get("/api/v1/runs/" + runId, token).json();
            if (run.path("status").asString().equals(status)) return run;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("run " + runId + " did not reach " + status + ": " + run);
    }

    static String spec(String name, String steps) {
        return "apiVersion: maestro/v1\nkind: Pipeline\nmetadata:\n  name: " + name + "\nsteps:\n" + steps;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
