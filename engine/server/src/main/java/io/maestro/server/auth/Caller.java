package io.maestro.server.auth;

import io.maestro.core.access.Role;

/** Who made a request: the tenant and role of the API token presented. */
public record Caller(String tenant, Role role, String tokenId, String tokenName) {

    /** How the caller is named in records (runs, pipelines, audit). */
    public String principal() {
        return "token:" + tokenId;
    }
}
