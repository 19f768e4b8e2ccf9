package io.maestro.api.policy;

import java.util.Map;

/**
 * What the policy engine answered: the document ({@code null} when the policy defines nothing at
 * the path) and the revision of the policy bundle that answered ({@code null} when unknown).
 */
public record PolicyVerdict(Object result, String revision) {

    /** The result as an object, or an empty map when undefined or not an object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        return result instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code result.allow}, false unless it is literally true (a missing or odd answer denies). */
    public boolean allowed() {
        return Boolean.TRUE.equals(object().get("allow"));
    }
}
