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
    PLUGIN_ROUTE_WRITE("plugin:route-write"),
    /** the NL→Cypher console (nl-cypher plugin routes declare these; the server asks them on top of the generic ones) */
    CONSOLE_TRANSLATE("console:translate"), CONSOLE_RUN("console:run");

    private final String action;

    Permission(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }

    /** The permission whose action this is, or empty when the server knows no such action. */
    public static java.util.Optional<Permission> ofAction(String action) {
        for (Permission p : values()) if (p.action.equals(action)) return java.util.Optional.of(p);
        return java.util.Optional.empty();
    }

    /** Reads change nothing; everything else is audited. */
    public boolean changesState() {
        return !action.endsWith(":read");
    }
}
