package io.maestro.server.problem;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, answered as an RFC 9457 problem. {@code errors} lists the precise
 * fields at fault ({@code {field, reason}}, or spec problems with file, line and column).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Map<String, Object>> errors;

    public ApiException(int status, String title, String detail, List<Map<String, Object>> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(400, "Bad request", field + ": " + reason, List.of(Map.of("field", field, "reason", reason)));
    }

    public static ApiException unprocessable(String field, String reason) {
        return new ApiException(422, "Unprocessable request", field + ": " + reason, List.of(Map.of("field", field, "reason", reason)));
    }

    /** Also for another tenant's resource: the answer never tells whether it exists. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " not found", null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
