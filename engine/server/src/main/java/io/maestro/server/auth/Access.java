package io.maestro.server.auth;

import io.maestro.server.problem.ApiException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the {@link Authorizer} and records the answer on the request's span; a denial is a 403. */
public final class Access {
    private static final Logger log = LoggerFactory.getLogger(Access.class);
    private final Authorizer authorizer;

    public Access(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    public void require(Caller caller, Permission permission) {
        Decision d = authorizer.decide(caller, permission);
        Span span = Span.current();
        span.setAttribute(AttributeKey.stringKey("maestro.authz.decision"), d.allowed() ? "allow" : "deny");
        span.setAttribute(AttributeKey.stringKey("maestro.authz.rule"), d.rule());
        if (!d.allowed()) {
            log.info("denied {} to {} (tenant {}, role {}): {}", permission, caller.principal(), caller.tenant(),
                    caller.role().wireName(), d.rule());
            throw ApiException.forbidden("role '" + caller.role().wireName() + "' may not "
                    + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }
}
