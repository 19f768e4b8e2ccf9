package io.maestro.server.auth;

/**
 * What an API call asks to do; each endpoint needs exactly one. Its {@link #action()} is the
 * {@code resource:verb} the policy (policies/maestro/authz, docs/security/rbac.md) decides on.
 */
public enum Permission {
    PIPELINE_READ("pipeline:read"), PIPELINE_WRITE("pipeline:write"),
    RUN_READ("run:read"), RUN_START("run:start"), RUN_CANCEL("run:cancel"), RUN_RESUME("run:resume"),
    LOG_READ("log:read"), ARTIFACT_READ("artifact:read"),
    PLUGIN_READ("plugin:read"), PLUGIN_MANAGE("plugin:manage"),
    /** a plugin route that changes something (any method but GET and HEAD) */
    PLUGIN_ROUTE_WRITE("plugin:route-write");

    private final String action;

    Permission(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }

    /** Reads change nothing; everything else is audited. */
    public boolean changesState() {
        return !action.endsWith(":read");
    }
}
