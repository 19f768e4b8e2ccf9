package io.maestro.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maestro.core.access.ApiToken;
import io.maestro.core.access.TokenStore;
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
    private final TokenStore tokens;
    private final Cache<String, ApiToken> verified;

    public TokenAuthFilter(TokenStore tokens, Duration remember) {
        this.tokens = tokens;
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
        var caller = new Caller(token.tenant(), token.role(), token.id(), token.name());
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
