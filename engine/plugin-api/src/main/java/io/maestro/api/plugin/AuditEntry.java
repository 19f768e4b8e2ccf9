package io.maestro.api.plugin;

import java.util.List;
import java.util.Map;

/**
 * A privileged or state-changing action a plugin performed or observed (an authorization change,
 * an override, an export, a dataset access), for the audit log. Emit it with
 * {@link PluginContext#audit}; the host stamps it with the emitting plugin's id and the time.
 *
 * @param tenant     the tenant the action concerns (null for system-wide actions)
 * @param runId      the run it concerns, if any
 * @param actorType  {@code user}, {@code service} or {@code system}
 * @param actor      who acted (a user name, a service account, or the plugin id)
 * @param action     dotted verb, e.g. {@code authz.grant}, {@code budget.override}, {@code dataset.read}
 * @param outcome    {@code success}, {@code failure} or {@code denied}
 * @param details    extra facts; never secrets
 */
public record AuditEntry(String tenant, String runId, String actorType, String actor, String action,
                         String targetType, String targetId, String outcome, String reason,
                         Map<String, String> details) {
    public AuditEntry {
        if (action == null || !action.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("action must be a dotted lower-case verb like 'authz.grant', got " + action);
        }
        if (!List.of("user", "service", "system").contains(actorType)) {
            throw new IllegalArgumentException("actorType must be user, service or system, got " + actorType);
        }
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("actor is required");
        if (!List.of("success", "failure", "denied").contains(outcome)) {
            throw new IllegalArgumentException("outcome must be success, failure or denied, got " + outcome);
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
