package io.maestro.api.policy;

import java.util.Map;

/**
 * The engine's policy layer as a plugin sees it: the document at {@code path} (e.g.
 * {@code maestro/cypher/decision}) evaluated for {@code input}. It fails closed: when no decision
 * can be had it throws {@link PolicyUnavailableException}, never answers an allow.
 */
@FunctionalInterface
public interface PolicyDecisions {
    /**
     * @param input plain JSON-able values (maps, lists, strings, numbers, booleans)
     * @throws PolicyUnavailableException when the policy engine is down, slow or answers an error
     */
    PolicyVerdict evaluate(String path, Map<String, Object> input);
}
