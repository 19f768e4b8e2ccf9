package io.maestro.server.auth;

import io.maestro.core.policy.Authorization;
import io.maestro.core.policy.PolicyClient;

/**
 * Asks OPA ({@code data.maestro.authz.decision}) whether the caller may do what the endpoint does.
 * The resource belongs to the tenant the request acts on: every endpoint has scoped its resource to
 * it before it asks (another tenant's resource is a 404 that never gets here). That tenant differs
 * from the token's only when the caller asked for it with a reason; the policy decides.
 */
public final class PolicyAuthorizer implements Authorizer {
    private final PolicyClient policy;

    public PolicyAuthorizer(PolicyClient policy) {
        this.policy = policy;
    }

    @Override
    public Authorization.Verdict decide(Caller caller, Permission permission) {
        return Authorization.decide(policy, subject(caller), request(caller, permission));
    }

    static Authorization.Subject subject(Caller caller) {
        return new Authorization.Subject(caller.homeTenant(), caller.role().wireName(), caller.tokenId(), caller.principal());
    }

    static Authorization.Request request(Caller caller, Permission permission) {
        return new Authorization.Request(permission.action(), caller.tenant(), caller.reason(), java.util.Map.of());
    }
}
