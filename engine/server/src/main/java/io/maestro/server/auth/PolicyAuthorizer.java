package io.maestro.server.auth;

import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicyClient;
import java.util.Map;

/**
 * Asks OPA ({@code data.maestro.authz.decision}) whether the caller may do what the endpoint does.
 * The resource belongs to the tenant the request acts on: every endpoint has scoped its resource to
 * it before it asks (another tenant's resource is a 404 that never gets here). That tenant differs
 * from the token's only when the caller asked for it with a reason; the policy decides.
 */
public final class PolicyAuthorizer implements Authorizer {
    public static final String PATH = "maestro/authz/decision";
    private final PolicyClient policy;

    public PolicyAuthorizer(PolicyClient policy) {
        this.policy = policy;
    }

    @Override
    public Decision decide(Caller caller, Permission permission) {
        var input = new java.util.LinkedHashMap<String, Object>();
        input.put("subject", Map.of("tenant", caller.homeTenant(), "role", caller.role().wireName(), "id", caller.tokenId()));
        input.put("action", permission.action());
        input.put("resource", Map.of("kind", permission.resourceKind(), "tenant", caller.tenant()));
        if (caller.reason() != null) input.put("context", Map.of("reason", caller.reason()));
        PolicyAnswer answer = policy.evaluate(PATH, input);
        return new Decision(answer.allowed(), answer.text("rule", answer.result() == null ? "policy.undefined" : "policy.no_rule"),
                answer.revision());
    }
}
