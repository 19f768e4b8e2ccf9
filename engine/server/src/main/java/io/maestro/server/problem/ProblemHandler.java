package io.maestro.server.problem;

import io.maestro.core.store.StoreException;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error the API returns is a problem detail; nothing internal reaches the caller. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return respond(Problems.of(e.status(), e.title(), e.getMessage(), request.getRequestURI(), e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String reason = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? "must be one of " + java.util.Arrays.stream(e.getRequiredType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "))
                : "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName());
        var error = ApiException.badRequest(e.getName(), reason);
        return api(error, request);
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<ProblemDetail> store(StoreException e, HttpServletRequest request) {
        log.error("run store unavailable: {}", e.getMessage());
        return respond(Problems.of(503, "Service unavailable", "the run store is unavailable; retry later",
                request.getRequestURI(), null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        String traceId = Span.current().getSpanContext().getTraceId();
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(500, "Internal error", "unexpected error; quote trace id " + traceId + " when reporting it",
                request.getRequestURI(), null));
    }

    /** An event stream's async request ends when the server stops: nothing left to answer, nothing to warn about. */
    @Override
    protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && web.getResponse().isCommitted()) {
            log.debug("event stream ended by the server's async timeout or shutdown");
            return null;
        }
        return super.handleAsyncRequestTimeoutException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String instance = request.getDescription(false).replaceFirst("^uri=", "");
        ProblemDetail p;
        if (e.getCause() instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            p = Problems.of(400, "Bad request", field + ": unknown field (known: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")",
                    instance, List.of(Map.of("field", field, "reason", "unknown field")));
        } else if (e.getCause() instanceof DatabindException d && !d.getPath().isEmpty()) {
            String field = path(d);
            p = Problems.of(400, "Bad request", field + ": wrong type or malformed value", instance,
                    List.of(Map.of("field", field, "reason", "wrong type or malformed value")));
        } else {
            p = Problems.of(400, "Bad request", "the body is missing or is not well-formed JSON", instance,
                    List.of(Map.of("field", "body", "reason", "missing or malformed JSON")));
        }
        return ResponseEntity.status(400).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
