package io.maestro.core.access;

import java.time.Instant;

/** An API token as stored: never its secret. */
public record ApiToken(String id, String tenant, Role role, String name, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
