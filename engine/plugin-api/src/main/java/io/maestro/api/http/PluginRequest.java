package io.maestro.api.http;

import java.util.List;
import java.util.Map;

/**
 * A request to a plugin route, already authenticated: {@code tenant} and {@code principal} are the
 * caller's; a plugin must scope what it returns to {@code tenant}.
 */
public record PluginRequest(String method, String path, Map<String, String> pathVariables,
                            Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body,
                            String tenant, String principal) {
    public PluginRequest {
        pathVariables = Map.copyOf(pathVariables);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
