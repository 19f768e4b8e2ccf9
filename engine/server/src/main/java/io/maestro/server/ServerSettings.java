package io.maestro.server;

import io.maestro.server.api.Views;
import java.util.Map;

/**
 * How {@code maestro serve} listens and what the run viewer links to, from the environment:
 * {@code MAESTRO_BIND} (default 127.0.0.1), {@code MAESTRO_PORT} (default 8080; 0 picks a free port),
 * {@code MAESTRO_TRACE_LINK} (a URL template, or preset {@code jaeger:<base>}, {@code tempo:<base>},
 * {@code grafana-explore:<base>}) and {@code MAESTRO_LOG_LINK} (a template, or {@code loki:<grafana base>}).
 */
public record ServerSettings(String bind, int port, Views.Link traceLink, Views.Link logLink, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY = 6L * 1024 * 1024;

    public static ServerSettings fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("MAESTRO_PORT", "8080");
        int p;
        try {
            p = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MAESTRO_PORT must be a port number, got '" + port + "'");
        }
        if (p < 0 || p > 65535) throw new IllegalArgumentException("MAESTRO_PORT must be between 0 and 65535, got " + p);
        return new ServerSettings(env.getOrDefault("MAESTRO_BIND", "127.0.0.1"), p,
                traceLink(env.get("MAESTRO_TRACE_LINK")), logLink(env.get("MAESTRO_LOG_LINK")), DEFAULT_MAX_BODY);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(bind, newPort, traceLink, logLink, maxBodyBytes);
    }

    static Views.Link traceLink(String value) {
        if (value == null || value.isBlank()) return null;
        String base = value.replaceFirst("^[a-z-]+:(?=https?://)", "").replaceAll("/+$", "");
        if (value.startsWith("jaeger:")) return new Views.Link("Jaeger", base + "/trace/{traceId}");
        if (value.startsWith("tempo:") || value.startsWith("grafana-explore:")) {
            return new Views.Link(value.startsWith("tempo:") ? "Grafana Tempo" : "Grafana Explore", base
                    + "/explore?left=%7B%22datasource%22%3A%22tempo%22%2C%22queries%22%3A%5B%7B%22queryType%22%3A%22traceql%22%2C"
                    + "%22query%22%3A%22{traceId}%22%7D%5D%7D");
        }
        return new Views.Link("Trace", value);
    }

    static Views.Link logLink(String value) {
        if (value == null || value.isBlank()) return null;
        if (value.startsWith("loki:")) {
            String base = value.substring("loki:".length()).replaceAll("/+$", "");
            return new Views.Link("Loki", base + "/explore?left=%7B%22datasource%22%3A%22loki%22%2C%22queries%22%3A%5B%7B%22expr%22%3A"
                    + "%22%7Brun_id%3D%5C%22{runId}%5C%22%7D%22%7D%5D%2C%22range%22%3A%7B%22from%22%3A%22{startMs}%22%2C%22to%22%3A%22{endMs}%22%7D%7D");
        }
        return new Views.Link("Logs", value);
    }
}
