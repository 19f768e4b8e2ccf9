package io.maestro.server.auth;

/**
 * An authorization answer, the rule that gave it and the policy bundle revision that holds the
 * rule (for spans, logs and the audit log).
 */
public record Decision(boolean allowed, String rule, String revision) {
}
