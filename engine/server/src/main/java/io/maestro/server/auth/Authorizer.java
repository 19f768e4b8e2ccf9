package io.maestro.server.auth;

/**
 * The seam every endpoint asks before acting, after the tenant scoping of its resource. The
 * built-in {@link RoleMatrix} answers today; the policy layer (OPA) plugs in here.
 */
public interface Authorizer {
    Decision decide(Caller caller, Permission permission);
}
