package io.maestro.core.step;

import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepFailure;
import io.maestro.api.step.StepResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code uses: http}: one request ({@code method}, {@code url}, {@code headers}, {@code body}); a
 * status outside 2xx (or {@code expectStatus}) fails the attempt. The W3C {@code traceparent} header
 * carries the step span. Outputs: {@code status} and {@code body} (first 64 KiB).
 */
public final class HttpExecutor implements StepExecutor {
    private static final int MAX_BODY = 64 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public String type() {
        return "http";
    }

    private static long timeoutSeconds(Object value) throws StepFailure {
        try {
            long seconds = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
            if (seconds > 0) return seconds;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StepFailure("with.timeoutSeconds must be a positive number of seconds, got " + value, false);
    }

    @Override
    public StepResult execute(StepContext ctx) throws Exception {
        Map<String, Object> in = ctx.inputs();
        String method = String.valueOf(in.getOrDefault("method", "GET")).toUpperCase();
        URI uri;
        try {
            uri = URI.create(String.valueOf(in.get("url")));
        } catch (IllegalArgumentException e) {
            throw new StepFailure("with.url is not a valid URL: " + e.getMessage(), false);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new StepFailure("with.url must be http or https, got " + uri.getScheme(), false);
        }
        Object body = in.get("body");
        var request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(String.valueOf(body)))
                .header("traceparent", ctx.trace().traceparent())
                .timeout(Duration.ofSeconds(timeoutSeconds(in.getOrDefault("timeoutSeconds", 60L))));
        if (in.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> request.header(String.valueOf(k), String.valueOf(v)));
        }
        CompletableFuture<HttpResponse<String>> call =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        ctx.cancellation().onCancel(() -> call.cancel(true));
        HttpResponse<String> response;
        try {
            response = call.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof java.net.ConnectException ? "connection refused"
                    : cause instanceof IOException io && io.getMessage() != null ? io.getMessage() : String.valueOf(cause);
            throw new StepFailure(method + " " + uri + " failed: " + reason);
        } catch (java.util.concurrent.CancellationException e) {
            throw new InterruptedException("cancelled");
        }
        int status = response.statusCode();
        ctx.log().stdout(method + " " + uri + " -> " + status);
        String text = response.body() == null ? "" : response.body();
        var outputs = new LinkedHashMap<String, String>();
        outputs.put("status", Integer.toString(status));
        outputs.put("body", text.length() > MAX_BODY ? text.substring(0, MAX_BODY) : text);
        Object expected = in.get("expectStatus");
        boolean ok = expected == null ? status / 100 == 2 : String.valueOf(expected).equals(Integer.toString(status));
        if (!ok) throw new StepFailure(method + " " + uri + " answered " + status, status >= 500 || status == 429);
        return StepResult.of(outputs);
    }
}
