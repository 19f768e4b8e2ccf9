package io.maestro.server.auth;

/** What an API call asks to do; each endpoint needs exactly one. */
public enum Permission {
    PIPELINE_READ, PIPELINE_WRITE, RUN_READ, RUN_START, RUN_CANCEL, RUN_RESUME, LOG_READ, ARTIFACT_READ,
    PLUGIN_READ, PLUGIN_MANAGE,
    /** a plugin route that changes something (any method but GET and HEAD) */
    PLUGIN_ROUTE_WRITE
}
