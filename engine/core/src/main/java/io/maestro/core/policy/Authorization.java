package io.maestro.core.policy;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.plugin.AuditEntry;
import io.maestro.core.event.EventBus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authorization question to the policy ({@code data.maestro.authz.decision}) and its audit
 * record, the same for the API and the CLI.
 */
public final class Authorization {
    public static final String PATH = "maestro/authz/decision";

    /** Who asks: the tenant and role of its credential, and how it is named in records. */
    public record Subject(String tenant, String role, String id, String principal) { }

    /** The answer, the rule that gave it and the bundle revision holding that rule. */
    public record Verdict(boolean allowed, String rule, String revision) { }

    /** What is asked: an action on a tenant's resource, optionally with a reason (to cross tenants) and extra resource facts. */
    public record Request(String action, String tenant, String reason, Map<String, Object> resource) {
        public Request(String action, String tenant) {
            this(action, tenant, null, Map.of());
        }

        String kind() {
            int colon = action.indexOf(':');
            return colon < 0 ? action : action.substring(0, colon);
        }
    }

    private Authorization() { }

    /** @throws PolicyUnavailableException when OPA does not answer (the caller denies) */
    public static Verdict decide(PolicyClient policy, Subject subject, Request request) {
        var resource = new LinkedHashMap<String, Object>(request.resource());
        resource.put("kind", request.kind());
        resource.put("tenant", request.tenant());
        var input = new LinkedHashMap<String, Object>();
        input.put("subject", Map.of("tenant", subject.tenant(), "role", subject.role(), "id", subject.id()));
        input.put("action", request.action());
        input.put("resource", resource);
        if (request.reason() != null) input.put("context", Map.of("reason", request.reason()));
        PolicyAnswer answer = policy.evaluate(PATH, input);
        return new Verdict(answer.allowed(), answer.text("rule", answer.result() == null ? "policy.undefined" : "policy.no_rule"),
                answer.revision());
    }

    /** Publishes the decision as an {@code authz.decision} audit action (the audit-log plugin records it). */
    public static void audit(EventBus bus, String source, Subject subject, Request request, Verdict verdict) {
        var details = new LinkedHashMap<String, String>();
        details.put("role", subject.role());
        details.put("rule", verdict.rule());
        if (verdict.revision() != null) details.put("policy_revision", verdict.revision());
        if (!subject.tenant().equals(request.tenant())) {
            details.put("home_tenant", subject.tenant());
            if (request.reason() != null) details.put("reason", request.reason());
        }
        bus.publish(new MaestroEvent.AuditAction(source, new AuditEntry(request.tenant(), null, "user", subject.principal(),
                "authz.decision", "action", request.action(), verdict.allowed() ? "success" : "denied", verdict.rule(),
                Map.copyOf(details)), Instant.now()));
    }
}
