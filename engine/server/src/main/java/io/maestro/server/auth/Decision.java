package io.maestro.server.auth;

/** An authorization answer and the rule that gave it (for spans, logs and the audit log). */
public record Decision(boolean allowed, String rule) {
}
