package io.maestro.cli;

import io.maestro.core.Engine;
import io.maestro.core.access.ApiToken;
import io.maestro.core.access.Role;
import io.maestro.core.policy.Authorization;
import io.maestro.core.policy.PolicyUnavailableException;
import java.util.Map;

/**
 * The policy check of CLI commands that change state, the same question the API asks. The CLI acts
 * as the token in {@code MAESTRO_TOKEN} when set (its tenant and role), else as the local operator:
 * role {@code MAESTRO_CLI_ROLE} (default platform-admin — a shell with the store's credentials
 * can change it directly anyway) on the tenant the command concerns. Acting on another tenant than
 * the token's needs {@code MAESTRO_REASON}. Every decision is audited; a denial exits 3.
 */
final class CliAccess {
    private CliAccess() { }

    static void require(Engine engine, Map<String, String> env, String action, String tenant) {
        require(engine, env, new Authorization.Request(action, tenant, reason(env), Map.of()));
    }

    /** For actions on no tenant's resource in particular (plugins): asked on the caller's own tenant. */
    static void requireOwnTenant(Engine engine, Map<String, String> env, String action) {
        Authorization.Subject subject = subject(engine, env, env.getOrDefault("MAESTRO_TENANT", "default"));
        decide(engine, subject, new Authorization.Request(action, subject.tenant()));
    }

    static void require(Engine engine, Map<String, String> env, Authorization.Request request) {
        decide(engine, subject(engine, env, request.tenant()), request);
    }

    private static void decide(Engine engine, Authorization.Subject subject, Authorization.Request request) {
        Authorization.Verdict verdict;
        try {
            verdict = Authorization.decide(engine.policy(), subject, request);
        } catch (PolicyUnavailableException e) {
            throw new Denied("no policy decision for " + request.action() + ", so nothing was done: " + e.getMessage());
        }
        engine.plugins(); // the audit-log plugin, if installed, listens before the decision is published
        Authorization.audit(engine.bus(), "cli", subject, request, verdict);
        if (!verdict.allowed()) {
            throw new Denied("denied by policy: " + subject.principal() + " (" + subject.role() + ", tenant " + subject.tenant()
                    + ") may not " + request.action() + " on tenant " + request.tenant() + " [rule " + verdict.rule()
                    + (verdict.revision() == null ? "" : ", policy revision " + verdict.revision()) + "]");
        }
    }

    /** The token's identity, or the local operator's on {@code tenant}. */
    private static Authorization.Subject subject(Engine engine, Map<String, String> env, String tenant) {
        String token = env.get("MAESTRO_TOKEN");
        if (token != null && !token.isBlank()) {
            ApiToken t = engine.tokens().verify(token.strip())
                    .orElseThrow(() -> new UserError("MAESTRO_TOKEN is unknown, revoked or expired"));
            return new Authorization.Subject(t.tenant(), t.role().wireName(), t.id(), "token:" + t.id());
        }
        String roleName = env.getOrDefault("MAESTRO_CLI_ROLE", Role.PLATFORM_ADMIN.wireName());
        Role role;
        try {
            role = Role.parse(roleName);
        } catch (IllegalArgumentException e) {
            throw new UserError("MAESTRO_CLI_ROLE: " + e.getMessage());
        }
        String user = env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return new Authorization.Subject(tenant, role.wireName(), "cli:" + user, "cli:" + user);
    }

    private static String reason(Map<String, String> env) {
        String reason = env.get("MAESTRO_REASON");
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** A policy denial: one line, exit code {@link ExitCodes#DENIED}. */
    static final class Denied extends UserError {
        Denied(String message) {
            super(message);
        }
    }
}
