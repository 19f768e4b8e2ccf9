package io.maestro.core.policy;

import java.util.Map;

/**
 * The policy port: every authorization decision and every policy gate asks it. The document at
 * {@code path} (e.g. {@code maestro/authz/decision}) is evaluated for {@code input}; the adapter
 * is OPA ({@link OpaPolicyClient}). Implementations fail closed: when the policy engine cannot
 * answer they throw {@link PolicyUnavailableException}, never return an allow.
 */
public interface PolicyClient extends AutoCloseable {

    /**
     * @param input plain JSON-able values (maps, lists, strings, numbers, booleans)
     * @throws PolicyUnavailableException when the policy engine is down, slow or answers an error
     */
    PolicyAnswer evaluate(String path, Map<String, ?> input);

    /**
     * Whether the policy engine is up with its policies loaded: empty when it is, else why not
     * (for health and readiness).
     */
    java.util.Optional<String> problem();

    @Override
    default void close() {
    }
}
