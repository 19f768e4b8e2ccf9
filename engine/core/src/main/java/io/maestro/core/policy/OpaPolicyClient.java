package io.maestro.core.policy;

import com.bisnode.opa.client.OpaClientException;
import com.bisnode.opa.client.OpaConfiguration;
import com.bisnode.opa.client.rest.OpaRestClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The OPA adapter, on opa-java-client's REST layer ({@link OpaRestClient}): its
 * {@code queryForDocument} keeps only {@code result}, and Maestro also needs the bundle revision
 * that answered ({@code ?provenance=true}) and a timeout on every call. Each evaluation is a span
 * and a timer ({@code maestro.policy.evaluate}, tagged by path and outcome).
 */
public final class OpaPolicyClient implements PolicyClient {
    private static final Pattern PATH = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)*");
    private static final AttributeKey<String> REVISION = AttributeKey.stringKey("maestro.policy.revision");
    private final URI url;
    private final Duration timeout;
    private final OpaRestClient rest;
    private final JavaType responseType;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public OpaPolicyClient(URI url, Duration timeout, MeterRegistry metrics, Tracer tracer) {
        this.url = url;
        this.timeout = timeout;
        this.metrics = metrics;
        this.tracer = tracer;
        var json = new ObjectMapper();
        this.responseType = json.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.rest = new OpaRestClient(new OpaConfiguration(url.toString(), HttpClient.Version.HTTP_1_1), http, json);
    }

    public URI url() {
        return url;
    }

    @Override
    public PolicyAnswer evaluate(String path, Map<String, ?> input) {
        if (!PATH.matcher(path).matches()) throw new IllegalArgumentException("not a policy path: " + path);
        Span span = tracer.spanBuilder("policy " + path).setAttribute("maestro.policy.path", path).startSpan();
        long started = System.nanoTime();
        String outcome = "unavailable";
        try (Scope ignored = span.makeCurrent()) {
            PolicyAnswer answer = query(path, input);
            outcome = answer.result() == null ? "undefined" : "answered";
            if (answer.revision() != null) span.setAttribute(REVISION, answer.revision());
            return answer;
        } catch (PolicyUnavailableException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            Timer.builder("maestro.policy.evaluate").description("policy evaluations through OPA")
                    .tag("path", path).tag("outcome", outcome).register(metrics)
                    .record(Duration.ofNanos(System.nanoTime() - started));
            span.setAttribute("maestro.policy.outcome", outcome);
            span.end();
        }
    }

    /** OPA's own health check with its bundles activated ({@code GET /health?bundles=true}). */
    @Override
    public java.util.Optional<String> problem() {
        HttpRequest request = rest.getBasicRequestBuilder("/health?bundles=true").timeout(timeout).GET().build();
        try {
            rest.sendRequest(request, HttpResponse.BodyHandlers.discarding());
            return java.util.Optional.empty();
        } catch (com.bisnode.opa.client.rest.OpaServerConnectionException e) {
            return java.util.Optional.of("OPA at " + url + " is unreachable: " + rootMessage(e));
        } catch (OpaClientException e) {
            return java.util.Optional.of("OPA at " + url + " is not healthy: " + rootMessage(e));
        } catch (java.io.IOException e) {
            return java.util.Optional.of("OPA at " + url + " is unreachable: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }

    private PolicyAnswer query(String path, Map<String, ?> input) {
        HttpRequest request;
        try {
            request = rest.getBasicRequestBuilder("/v1/data/" + path + "?provenance=true")
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(rest.getJsonBodyPublisher(Map.of("input", input)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy input is not JSON: " + e.getOriginalMessage(), e);
        }
        try {
            HttpResponse<Supplier<Map<String, Object>>> response = rest.sendRequest(request, rest.getJsonBodyHandler(responseType));
            Map<String, Object> body = response.body().get();
            if (body == null) throw new PolicyUnavailableException("OPA at " + url + " answered an empty body");
            return new PolicyAnswer(body.get("result"), revision(body.get("provenance")));
        } catch (OpaClientException e) {
            // connection refused, timeout, or a non-2xx answer (e.g. a policy error at evaluation)
            throw new PolicyUnavailableException("OPA at " + url + " did not answer " + path + ": " + rootMessage(e), e);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof PolicyUnavailableException p) throw p;
            throw new PolicyUnavailableException("OPA at " + url + " did not answer " + path + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted while asking OPA", e);
        }
    }

    /** {@code provenance.bundles.<name>.revision}, joined when several bundles are loaded. */
    private static String revision(Object provenance) {
        if (!(provenance instanceof Map<?, ?> p) || !(p.get("bundles") instanceof Map<?, ?> bundles)) return null;
        var revisions = new TreeSet<String>();
        for (Object b : bundles.values()) {
            if (b instanceof Map<?, ?> bundle && bundle.get("revision") instanceof String r && !r.isEmpty()) revisions.add(r);
        }
        return revisions.isEmpty() ? null : String.join(",", revisions);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
