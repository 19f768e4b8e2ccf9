package io.maestro.server.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A server span per API request (continuing an incoming {@code traceparent}), current while the
 * request is handled so a run it starts links to it; trace and span ids go into the log MDC and
 * back to the caller in a {@code traceresponse} header.
 */
public final class HttpTracingFilter extends OncePerRequestFilter {
    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
            return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };
    private final Tracer tracer;

    public HttpTracingFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder(request.getMethod() + " " + request.getRequestURI())
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(AttributeKey.stringKey("http.request.method"), request.getMethod())
                .setAttribute(AttributeKey.stringKey("url.path"), request.getRequestURI())
                .startSpan();
        var ctx = span.getSpanContext();
        response.setHeader("traceresponse", "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-01");
        MDC.put("trace_id", ctx.getTraceId());
        MDC.put("span_id", ctx.getSpanId());
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            if (route != null) {
                span.updateName(request.getMethod() + " " + route);
                span.setAttribute(AttributeKey.stringKey("http.route"), route.toString());
            }
            int status = response.getStatus();
            span.setAttribute(AttributeKey.longKey("http.response.status_code"), status);
            if (status >= 500) span.setStatus(StatusCode.ERROR);
            span.end();
            MDC.remove("trace_id");
            MDC.remove("span_id");
        }
    }
}
