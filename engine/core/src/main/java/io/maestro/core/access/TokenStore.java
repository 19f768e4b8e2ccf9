package io.maestro.core.access;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** API tokens, each scoped to one tenant and one role. */
public interface TokenStore {

    /** @param ttl null for a token that does not expire */
    IssuedToken create(String tenant, Role role, String name, Duration ttl);

    /** The token a presented bearer value belongs to, if it is genuine, unrevoked and unexpired. */
    Optional<ApiToken> verify(String presented);

    List<ApiToken> list(String tenant);

    /** A token by id (revoked and expired ones included), for checks before changing it. */
    Optional<ApiToken> find(String id);

    /** @return false when no such token exists */
    boolean revoke(String id);
}
