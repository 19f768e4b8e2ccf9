package io.maestro.server.auth;

import io.maestro.core.policy.Authorization;

/**
 * The seam every endpoint asks before acting, after the tenant scoping of its resource. The answer
 * comes from the policy layer ({@link PolicyAuthorizer}: OPA).
 */
public interface Authorizer {
    /** @throws io.maestro.core.policy.PolicyUnavailableException when no decision can be had (callers deny) */
    Authorization.Verdict decide(Caller caller, Permission permission);
}
