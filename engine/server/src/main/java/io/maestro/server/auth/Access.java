package io.maestro.server.auth;

import io.maestro.core.event.EventBus;
import io.maestro.core.policy.Authorization;
import io.maestro.core.policy.PolicyUnavailableException;
import io.maestro.server.problem.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link Authorizer} and records the answer: on the request's span, in a counter, and
 * (for state-changing actions and every denial) in the audit log through the event bus. A denial
 * is a 403; no answer from the policy layer is a 503 — never an allow.
 */
public final class Access {
    private static final Logger log = LoggerFactory.getLogger(Access.class);
    private final Authorizer authorizer;
    private final EventBus bus;
    private final MeterRegistry metrics;

    public Access(Authorizer authorizer, EventBus bus, MeterRegistry metrics) {
        this.authorizer = authorizer;
        this.bus = bus;
        this.metrics = metrics;
    }

    public void require(Caller caller, Permission permission) {
        Span span = Span.current();
        span.setAttribute(AttributeKey.stringKey("maestro.authz.action"), permission.action());
        Authorization.Verdict d;
        try {
            d = authorizer.decide(caller, permission);
        } catch (PolicyUnavailableException e) {
            span.setAttribute(AttributeKey.stringKey("maestro.authz.decision"), "unavailable");
            metrics.counter("maestro.authz.decisions", "decision", "unavailable", "action", permission.action()).increment();
            log.error("no policy decision for {} by {} (tenant {}): {}", permission.action(), caller.principal(), caller.tenant(), e.getMessage());
            throw new ApiException(503, "Policy unavailable",
                    "authorization is decided by the policy service, which is not answering; nothing was done", List.of());
        }
        String decision = d.allowed() ? "allow" : "deny";
        span.setAttribute(AttributeKey.stringKey("maestro.authz.decision"), decision);
        span.setAttribute(AttributeKey.stringKey("maestro.authz.rule"), d.rule());
        if (d.revision() != null) span.setAttribute(AttributeKey.stringKey("maestro.authz.revision"), d.revision());
        metrics.counter("maestro.authz.decisions", "decision", decision, "action", permission.action()).increment();
        if (permission.changesState() || !d.allowed() || caller.crossTenant()) audit(caller, permission, d);
        if (!d.allowed()) {
            log.info("denied {} to {} (tenant {}, role {}): {} (policy revision {})", permission.action(), caller.principal(),
                    caller.tenant(), caller.role().wireName(), d.rule(), d.revision());
            throw ApiException.forbidden(caller.crossTenant() && d.rule().startsWith("tenant.")
                    ? "a token of tenant '" + caller.homeTenant() + "' may not act on tenant '" + caller.tenant() + "'"
                    : "role '" + caller.role().wireName() + "' may not " + permission.action());
        }
    }

    private void audit(Caller caller, Permission permission, Authorization.Verdict d) {
        Authorization.audit(bus, "server", PolicyAuthorizer.subject(caller), PolicyAuthorizer.request(caller, permission), d);
    }
}
