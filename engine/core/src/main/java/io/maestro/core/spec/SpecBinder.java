package io.maestro.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns the schema-checked JSON tree into spec records. Tolerant of fields the schema already
 * reported (they are skipped), so semantic checks can still run and report their own problems.
 */
final class SpecBinder {
    private final YamlDocument doc;
    private final List<SpecProblem> problems;

    SpecBinder(YamlDocument doc, List<SpecProblem> problems) {
        this.doc = doc;
        this.problems = problems;
    }

    PipelineSpec bind(String text) {
        JsonNode root = doc.root();
        if (!root.isObject()) return null;
        JsonNode meta = root.path("metadata");
        String name = meta.path("name").asString("");
        String tenant = meta.path("tenant").isString() ? meta.path("tenant").asString() : "default";
        var labels = new LinkedHashMap<String, String>();
        meta.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));

        var params = new LinkedHashMap<String, ParamSpec>();
        root.path("params").properties().forEach(e -> {
            ParamSpec p = param(e.getKey(), e.getValue());
            if (p != null) params.put(p.name(), p);
        });

        JsonNode defaults = root.path("defaults");
        Duration defaultTimeout = durationOrNull(defaults.path("timeout"), "/defaults/timeout");
        RetrySpec defaultRetry = retry(defaults.path("retry"), RetrySpec.NONE, "/defaults/retry");
        Integer concurrency = root.path("concurrency").isIntegralNumber() ? root.path("concurrency").asInt() : null;

        var steps = new ArrayList<StepSpec>();
        JsonNode stepsNode = root.path("steps");
        for (int i = 0; i < stepsNode.size(); i++) {
            JsonNode s = stepsNode.get(i);
            if (!s.isObject() || !s.path("id").isString()) continue;
            steps.add(step(s, "/steps/" + i, defaultTimeout, defaultRetry));
        }
        return new PipelineSpec(doc.file(), text, name, tenant, labels, params, concurrency, steps);
    }

    private ParamSpec param(String name, JsonNode node) {
        if (!node.isObject()) return null;
        ParamSpec.ParamType type;
        try {
            type = ParamSpec.ParamType.valueOf(node.path("type").asString("").toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
        Object def = node.has("default") ? scalar(node.get("default")) : null;
        var allowed = new ArrayList<Object>();
        node.path("enum").forEach(v -> allowed.add(scalar(v)));
        ParamSpec spec = new ParamSpec(name, type, def, allowed, node.path("description").asString(null));
        if (def != null) {
            try {
                Params.coerce(spec, def);
            } catch (IllegalArgumentException e) {
                problems.add(doc.problem("/params/" + name + "/default", e.getMessage(), null));
            }
        }
        return spec;
    }

    private StepSpec step(JsonNode s, String pointer, Duration defaultTimeout, RetrySpec defaultRetry) {
        var needs = new ArrayList<String>();
        s.path("needs").forEach(n -> { if (n.isString()) needs.add(n.asString()); });
        LinkedHashMap<String, List<Object>> matrix = null;
        if (s.path("matrix").isObject()) {
            matrix = new LinkedHashMap<>();
            for (var e : s.path("matrix").properties()) {
                var values = new ArrayList<Object>();
                e.getValue().forEach(v -> values.add(scalar(v)));
                matrix.put(e.getKey(), values);
            }
        }
        Map<String, Object> with = s.path("with").isObject() ? SpecParser.plain(s.path("with")) : Map.of();
        Duration timeout = s.has("timeout") ? durationOrNull(s.get("timeout"), pointer + "/timeout") : defaultTimeout;
        return new StepSpec(s.path("id").asString(), s.path("uses").asString("shell"), needs,
                s.path("when").isString() ? s.path("when").asString() : null, matrix, with,
                retry(s.path("retry"), defaultRetry, pointer + "/retry"), timeout,
                s.path("continueOnFailure").asBoolean(false), s.path("allowSkippedNeeds").asBoolean(false), pointer);
    }

    private RetrySpec retry(JsonNode node, RetrySpec base, String pointer) {
        if (!node.isObject()) return base;
        int max = node.path("max").isIntegralNumber() ? node.path("max").asInt() : base.max();
        boolean exponential = node.has("backoff") ? "exponential".equals(node.path("backoff").asString(""))
                : base.exponential();
        Duration delay = node.has("delay") ? orElse(durationOrNull(node.get("delay"), pointer + "/delay"), base.delay())
                : base.delay();
        Duration maxDelay = node.has("maxDelay")
                ? orElse(durationOrNull(node.get("maxDelay"), pointer + "/maxDelay"), base.maxDelay()) : base.maxDelay();
        if (maxDelay.compareTo(delay) < 0) {
            problems.add(doc.problem(pointer + "/maxDelay", "maxDelay is shorter than delay", "raise maxDelay"));
            maxDelay = delay;
        }
        return new RetrySpec(max, exponential, delay, maxDelay);
    }

    private static Duration orElse(Duration d, Duration fallback) {
        return d == null ? fallback : d;
    }

    private Duration durationOrNull(JsonNode node, String pointer) {
        if (!node.isString()) return null;
        try {
            return Durations.parse(node.asString());
        } catch (IllegalArgumentException e) {
            return null; // the schema pattern already reported it
        }
    }

    static Object scalar(JsonNode v) {
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isNull()) return null;
        return v.asString();
    }
}
