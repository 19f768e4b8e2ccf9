package io.maestro.server.api;

import io.maestro.server.problem.ApiException;
import java.util.regex.Pattern;

/** Checks identifiers from paths before they reach a store, so a malformed one is a 400, not a 404. */
final class Ids {
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern PIPELINE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern STEP_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,62}(\\[[^\\x00-\\x1f/\\\\]{1,440}])?");
    private static final Pattern PLUGIN = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}");

    private Ids() { }

    static String runId(String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) throw ApiException.badRequest("runId", "not a run id (a UUID)");
        return id;
    }

    static String pipeline(String name) {
        if (name == null || !PIPELINE.matcher(name).matches()) {
            throw ApiException.badRequest("name", "not a pipeline name (lower-case letters, digits and dashes)");
        }
        return name;
    }

    static String stepKey(String key) {
        if (key == null || !STEP_KEY.matcher(key).matches()) throw ApiException.badRequest("stepKey", "not a step key");
        return key;
    }

    static String plugin(String id) {
        if (id == null || !PLUGIN.matcher(id).matches()) throw ApiException.badRequest("pluginId", "not a plugin id");
        return id;
    }
}
