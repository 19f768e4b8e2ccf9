package io.maestro.server.auth;

import static io.maestro.server.auth.Permission.ARTIFACT_READ;
import static io.maestro.server.auth.Permission.LOG_READ;
import static io.maestro.server.auth.Permission.PIPELINE_READ;
import static io.maestro.server.auth.Permission.PIPELINE_WRITE;
import static io.maestro.server.auth.Permission.PLUGIN_MANAGE;
import static io.maestro.server.auth.Permission.PLUGIN_READ;
import static io.maestro.server.auth.Permission.PLUGIN_ROUTE_WRITE;
import static io.maestro.server.auth.Permission.RUN_CANCEL;
import static io.maestro.server.auth.Permission.RUN_READ;
import static io.maestro.server.auth.Permission.RUN_RESUME;
import static io.maestro.server.auth.Permission.RUN_START;

import io.maestro.core.access.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Least-privilege permissions per role, as documented in docs/api/authentication.md. */
public final class RoleMatrix implements Authorizer {
    private static final Set<Permission> READ = EnumSet.of(PIPELINE_READ, RUN_READ, LOG_READ, ARTIFACT_READ, PLUGIN_READ);

    static final Map<Role, Set<Permission>> MATRIX = Map.of(
            Role.VIEWER, READ,
            Role.AUDITOR, READ,
            Role.AUTHOR, union(READ, EnumSet.of(PIPELINE_WRITE, RUN_START, PLUGIN_ROUTE_WRITE)),
            Role.OPERATOR, union(READ, EnumSet.of(RUN_START, RUN_CANCEL, RUN_RESUME, PLUGIN_ROUTE_WRITE)),
            Role.TENANT_ADMIN, union(READ, EnumSet.of(PIPELINE_WRITE, RUN_START, RUN_CANCEL, RUN_RESUME, PLUGIN_ROUTE_WRITE)),
            Role.PLATFORM_ADMIN, EnumSet.allOf(Permission.class));

    @Override
    public Decision decide(Caller caller, Permission permission) {
        boolean allowed = MATRIX.get(caller.role()).contains(permission);
        return new Decision(allowed, "role-matrix:" + caller.role().wireName() + (allowed ? ":allows:" : ":lacks:")
                + permission.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
        var all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
