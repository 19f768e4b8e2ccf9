package io.maestro.core.policy;

import java.util.List;
import java.util.Map;

/**
 * What the policy engine answered: the document (null when the policy defines nothing there) and
 * the revision of the bundle that answered (null when no bundle is loaded), for spans and the audit log.
 */
public record PolicyAnswer(Object result, String revision) {

    /** The result as an object ({@code {"allow": …, "rule": …}}), or an empty map when undefined or not an object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        return result instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code result.allow}, false unless it is literally true (a missing or odd answer denies). */
    public boolean allowed() {
        return Boolean.TRUE.equals(object().get("allow"));
    }

    /** A string field of the result, or {@code fallback}. */
    public String text(String field, String fallback) {
        return object().get(field) instanceof String s && !s.isBlank() ? s : fallback;
    }

    /** A list field of the result (empty when absent). */
    public List<?> list(String field) {
        return object().get(field) instanceof List<?> l ? l : List.of();
    }
}
