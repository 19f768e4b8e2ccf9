package io.maestro.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maestro.core.access.ApiToken;
import io.maestro.core.access.TokenStore;
import io.maestro.server.problem.ApiException;
import io.maestro.server.problem.Problems;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/} request but the OpenAPI document by its bearer token. A
 * verified token is remembered for a few seconds, so a revocation takes effect within that time.
 */
public final class TokenAuthFilter extends OncePerRequestFilter {
    public static final String CALLER = Caller.class.getName();
    /** Asks to act on another tenant than the token's (platform-admin only, decided by the policy). */
    public static final String TENANT_HEADER = "X-Maestro-Tenant";
    /** Why, for the audit log; required with {@link #TENANT_HEADER}. */
    public static final String REASON_HEADER = "X-Maestro-Reason";
    private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private final TokenStore tokens;
    private final Access access;
    private final Cache<String, ApiToken> verified;

    public TokenAuthFilter(TokenStore tokens, Access access, Duration remember) {
        this.tokens = tokens;
        this.access = access;
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(remember).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.equals("/api/v1/openapi.json");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CALLER) != null) { // async re-dispatch of an authenticated request
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"maestro\"");
            Problems.write(request, response, 401, "Unauthorized", "an API token is required: Authorization: Bearer <token>");
            return;
        }
        String presented = header.substring(7).strip();
        ApiToken token = verified.getIfPresent(presented);
        if (token == null) {
            Optional<ApiToken> found = tokens.verify(presented);
            if (found.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"maestro\", error=\"invalid_token\"");
                Problems.write(request, response, 401, "Unauthorized", "the API token is unknown, revoked or expired");
                return;
            }
            token = found.get();
            verified.put(presented, token);
        }
        String actOn = request.getHeader(TENANT_HEADER);
        String reason = request.getHeader(REASON_HEADER);
        Caller caller;
        if (actOn == null || actOn.strip().equals(token.tenant())) {
            caller = new Caller(token.tenant(), token.role(), token.id(), token.name());
        } else {
            String problem = !TENANT.matcher(actOn.strip()).matches() ? TENANT_HEADER + " must be a tenant name (lower-case letters, digits and dashes)"
                    : reason == null || reason.isBlank() ? REASON_HEADER + " is required to act on another tenant (it is audited)"
                    : reason.length() > 500 || reason.chars().anyMatch(Character::isISOControl) ? REASON_HEADER + " must be at most 500 printable characters"
                    : null;
            if (problem != null) {
                Problems.write(request, response, 400, "Bad Request", problem);
                return;
            }
            caller = new Caller(actOn.strip(), token.role(), token.id(), token.name(), token.tenant(), reason.strip());
            Span.current().setAttribute(AttributeKey.stringKey("maestro.home_tenant"), caller.homeTenant());
            // may this caller enter that tenant at all? Asked before any lookup, so the answer never
            // depends on whether the resource exists there
            try {
                access.require(caller, Permission.RUN_READ);
            } catch (ApiException e) {
                Problems.write(request, response, e.status(), e.title(), e.getMessage());
                return;
            }
        }
        request.setAttribute(CALLER, caller);
        Span.current().setAttribute(AttributeKey.stringKey("maestro.tenant"), caller.tenant());
        Span.current().setAttribute(AttributeKey.stringKey("enduser.id"), caller.principal());
        MDC.put("tenant", caller.tenant());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("tenant");
        }
    }
}
