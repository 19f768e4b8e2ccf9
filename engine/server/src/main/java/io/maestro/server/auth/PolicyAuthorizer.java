package io.maestro.server.auth;

import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicyClient;
import java.util.Map;

/**
 * Asks OPA ({@code data.maestro.authz.decision}) whether the caller may do what the endpoint does.
 * The resource is the caller's own tenant's: every endpoint has scoped its resource to the caller's
 * tenant before it asks (another tenant's resource is a 404 that never gets here).
 */
public final class PolicyAuthorizer implements Authorizer {
    public static final String PATH = "maestro/authz/decision";
    private final PolicyClient policy;

    public PolicyAuthorizer(PolicyClient policy) {
        this.policy = policy;
    }

    @Override
    public Decision decide(Caller caller, Permission permission) {
        Map<String, Object> input = Map.of(
                "subject", Map.of("tenant", caller.tenant(), "role", caller.role().wireName(), "id", caller.tokenId()),
                "action", permission.action(),
                "resource", Map.of("kind", permission.resourceKind(), "tenant", caller.tenant()));
        PolicyAnswer answer = policy.evaluate(PATH, input);
        return new Decision(answer.allowed(), answer.text("rule", answer.result() == null ? "policy.undefined" : "policy.no_rule"),
                answer.revision());
    }
}
