package io.maestro.server.auth;

import io.maestro.core.access.Role;

/**
 * Who made a request: the token's own tenant and role, and the tenant the request acts on. They
 * differ only when a caller asked to act on another tenant ({@code X-Maestro-Tenant} with an
 * {@code X-Maestro-Reason}); the policy then allows it to a platform-admin alone, and every such
 * decision is audited with the reason.
 *
 * @param tenant     the tenant every query is scoped to
 * @param homeTenant the tenant of the token
 * @param reason     why the caller acts on another tenant (null when it does not)
 */
public record Caller(String tenant, Role role, String tokenId, String tokenName, String homeTenant, String reason) {

    public Caller(String tenant, Role role, String tokenId, String tokenName) {
        this(tenant, role, tokenId, tokenName, tenant, null);
    }

    /** How the caller is named in records (runs, pipelines, audit). */
    public String principal() {
        return "token:" + tokenId;
    }

    public boolean crossTenant() {
        return !tenant.equals(homeTenant);
    }
}
