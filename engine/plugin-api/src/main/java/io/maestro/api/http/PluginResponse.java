package io.maestro.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a plugin route answers; errors should be RFC 9457 problem details ({@link #problem}). */
public record PluginResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public PluginResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static PluginResponse json(int status, String json) {
        return new PluginResponse(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public static PluginResponse text(int status, String text) {
        return new PluginResponse(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 9457 problem; {@code detail} must not reveal other tenants' data. */
    public static PluginResponse problem(int status, String title, String detail) {
        String json = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
        return new PluginResponse(status, "application/problem+json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        var sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
