package io.maestro.plugins.nlcypher;

import io.maestro.api.http.PluginRequest;
import io.maestro.api.http.PluginResponse;
import io.maestro.api.http.PluginRoutes.Handler;
import io.maestro.api.http.PluginRoutes.Route;
import io.maestro.core.policy.PolicyUnavailableException;
import io.maestro.nlcypher.BadQuestionException;
import io.maestro.nlcypher.Candidate;
import io.maestro.nlcypher.Translation;
import io.maestro.sandbox.BlockedQueryException;
import io.maestro.sandbox.CostPreview;
import io.maestro.sandbox.CypherSandbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP routes under {@code /api/v1/plugins/nl-cypher}: translate, preview, run, history.
 * JSON in and out; every failure is an RFC 9457 problem (400 bad input, 422 with {@code rule} for a
 * refused or stopped query, 429 rate limit, 503 when the graph, the policy or the translator cannot
 * answer), never a 500 and never a stack trace.
 */
final class ConsoleRoutes {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final int MAX_QUESTION_CHARS = io.maestro.nlcypher.Questions.MAX_LENGTH;
    static final int MAX_CYPHER_CHARS = 20_000;
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int DEFAULT_HISTORY = 50;

    private final Console console;
    private final QueryHistory history;
    private final Json json;
    private final Clock clock;

    ConsoleRoutes(Console console, QueryHistory history, Json json, Clock clock) {
        this.console = console;
        this.history = history;
        this.json = json;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/translate", answering(this::translate), "console:translate"),
                new Route("POST", "/preview", answering(this::preview), "console:run"),
                new Route("POST", "/run", answering(this::run), "console:run"),
                new Route("GET", "/history", answering(this::history), "console:run"));
    }

    private PluginResponse translate(PluginRequest request) {
        Map<String, Object> body = body(request);
        String question = text(body, "question", MAX_QUESTION_CHARS, true);
        Translation t;
        try {
            t = console.translate(request.tenant(), request.principal(), question);
        } catch (BadQuestionException e) {
            throw new BadInputException("question", e.getMessage());
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("question", t.question());
        out.put("status", t.status().name());
        out.put("confidence", t.confidence());
        out.put("backend", t.backend());
        out.put("best", t.best() == null ? null : candidate(t.best()));
        out.put("alternatives", t.alternatives().stream().map(ConsoleRoutes::candidate).toList());
        out.put("notes", t.notes());
        return json.ok(out);
    }

    private static Map<String, Object> candidate(Candidate c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("intent", c.intent());
        out.put("cypher", c.cypher());
        out.put("parameters", Json.value(c.parameters()));
        out.put("confidence", c.confidence());
        out.put("explanation", c.explanation());
        return out;
    }

    private PluginResponse preview(PluginRequest request) {
        Map<String, Object> body = body(request);
        String cypher = text(body, "cypher", MAX_CYPHER_CHARS, true);
        parameters(body); // checked like /run's, though EXPLAIN plans without their values
        CypherSandbox.Preview p = console.preview(request.tenant(), request.principal(), cypher);
        var out = new LinkedHashMap<String, Object>();
        out.put("costClass", p.cost().costClass().name());
        out.put("maxEstimatedRows", p.cost().maxEstimatedRows());
        var operators = new ArrayList<Map<String, Object>>();
        for (CostPreview.Operator o : p.cost().operators()) {
            operators.add(ordered("name", o.name(), "estimatedRows", o.estimatedRows(), "depth", o.depth()));
        }
        out.put("operators", operators);
        out.put("notices", p.cost().notices().stream().map(n -> ordered("code", n.code(), "title", n.title())).toList());
        out.put("labels", p.facts().labels());
        out.put("relationshipTypes", p.facts().relationshipTypes());
        return json.ok(out);
    }

    private PluginResponse run(PluginRequest request) {
        Map<String, Object> body = body(request);
        String cypher = text(body, "cypher", MAX_CYPHER_CHARS, true);
        Map<String, Object> parameters = parameters(body);
        String question = text(body, "question", MAX_QUESTION_CHARS, false);
        String tenant = request.tenant();
        String user = request.principal();
        long t0 = System.nanoTime();
        CypherSandbox.QueryResult result;
        try {
            result = console.run(tenant, user, cypher, parameters);
        } catch (BlockedQueryException e) {
            record(tenant, user, question, cypher, parameters, "BLOCKED", e.rule(), null, null);
            throw e;
        } catch (CypherSandbox.RateLimitedException e) {
            record(tenant, user, question, cypher, parameters, "BLOCKED", Refusals.RATE_LIMITED, null, null);
            throw e;
        } catch (CypherSandbox.QueryFailedException e) {
            record(tenant, user, question, cypher, parameters, "FAILED", failureRule(e), null, null);
            throw e;
        } catch (PolicyUnavailableException e) {
            record(tenant, user, question, cypher, parameters, "FAILED", Refusals.POLICY_UNAVAILABLE, null, null);
            throw e;
        } catch (GraphUnavailableException e) {
            record(tenant, user, question, cypher, parameters, "FAILED", Refusals.GRAPH_UNAVAILABLE, null, null);
            throw e;
        }
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        String costClass = result.cost().costClass().name();
        record(tenant, user, question, cypher, parameters, "RAN", null, result.rows().size(), costClass);
        var out = new LinkedHashMap<String, Object>();
        out.put("columns", result.columns());
        out.put("rows", Json.value(result.rows()));
        out.put("truncated", result.truncated());
        out.put("rowCap", console.limits().rowCap());
        out.put("tookMs", tookMs);
        out.put("costClass", costClass);
        return json.ok(out);
    }

    private PluginResponse history(PluginRequest request) {
        int limit = limit(request.queryParam("limit"));
        var items = new ArrayList<Map<String, Object>>();
        for (HistoryEntry e : history.newest(request.tenant(), limit)) {
            // parameters included, so a translated query loaded back from history runs with its values (the UI reads them)
            items.add(e.toMap());
        }
        return json.ok(Map.of("items", items));
    }

    private void record(String tenant, String user, String question, String cypher, Map<String, Object> parameters,
                        String status, String rule, Integer rows, String costClass) {
        try {
            history.append(tenant, new HistoryEntry(UUID.randomUUID().toString(), clock.instant(), user, question, cypher,
                    parameters, status, rule, rows, costClass));
        } catch (RuntimeException e) { // the analyst still gets the answer; the gap is in the server log
            log.error("could not record a console run of tenant {} in its history: {}", tenant, e.toString());
        }
    }

    static String failureRule(CypherSandbox.QueryFailedException e) {
        return switch (e.kind()) {
            case TIMEOUT -> Refusals.TIMEOUT;
            case UNAVAILABLE -> Refusals.GRAPH_UNAVAILABLE;
            case FAILED -> Refusals.QUERY_FAILED;
        };
    }

    // ---- input ---------------------------------------------------------------------------------

    private Map<String, Object> body(PluginRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new BadInputException("body", "the body is " + request.body().length + " bytes, over the limit of " + MAX_BODY_BYTES);
        }
        return json.object(request.body());
    }

    private static String text(Map<String, Object> body, String field, int maxChars, boolean required) {
        Object v = body.get(field);
        if (v == null) {
            if (required) throw new BadInputException(field, "is required");
            return null;
        }
        if (!(v instanceof String s)) throw new BadInputException(field, "must be a string");
        if (s.isBlank()) {
            if (required) throw new BadInputException(field, "must not be empty");
            return null;
        }
        if (s.length() > maxChars) {
            throw new BadInputException(field, "is " + s.length() + " characters, over the limit of " + maxChars);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Map<String, Object> body) {
        Object v = body.get("parameters");
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?>)) throw new BadInputException("parameters", "must be a JSON object of parameter names to values");
        return (Map<String, Object>) Json.parameter(v, "parameters");
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) return DEFAULT_HISTORY;
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= QueryHistory.MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("limit", "must be a whole number from 1 to " + QueryHistory.MAX_LIMIT + ", got '" + text + "'");
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    // ---- errors --------------------------------------------------------------------------------

    private Handler answering(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (RuntimeException e) {
                return problem(e);
            } catch (LinkageError e) { // a host-provided library missing or of another version
                log.error("nl-cypher console route failed: a library it needs is missing from this Maestro", e);
                return json.problem(503, "Console unavailable", "this Maestro lacks a library the console needs; "
                        + "the server log names it", Map.of());
            }
        };
    }

    PluginResponse problem(RuntimeException e) {
        return switch (e) {
            case BadInputException b -> json.badInput(b.field(), b.getMessage());
            case BlockedQueryException b -> json.problem(422, "Query blocked", b.getMessage(), Map.of("rule", b.rule()));
            case CypherSandbox.RateLimitedException r -> json.problem(429, "Too many queries", r.getMessage(),
                    Map.of("rule", Refusals.RATE_LIMITED), Map.of("Retry-After", String.valueOf(retryAfterSeconds())));
            case CypherSandbox.QueryFailedException f -> switch (f.kind()) {
                case UNAVAILABLE -> json.problem(503, "Graph database unavailable", f.getMessage(), Map.of());
                case TIMEOUT -> json.problem(422, "Query timed out", f.getMessage(), Map.of("rule", Refusals.TIMEOUT));
                case FAILED -> json.problem(422, "Query failed", f.getMessage(), Map.of("rule", Refusals.QUERY_FAILED));
            };
            case PolicyUnavailableException p -> json.problem(503, "Policy unavailable",
                    "queries are judged by the policy service, which is not answering; nothing was run", Map.of());
            case GraphUnavailableException g -> json.problem(503, "Graph database unavailable", g.getMessage(), Map.of());
            case TranslatorUnavailableException t -> json.problem(503, "Translator unavailable", t.getMessage(), Map.of());
            default -> {
                log.error("nl-cypher console route failed unexpectedly", e);
                yield json.problem(503, "Console unavailable", "the console could not answer this request; "
                        + "the server log has the details", Map.of());
            }
        };
    }

    /** When the tenant's bucket has a query again (it refills evenly over the minute). */
    private long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / console.limits().queriesPerMinute()));
    }
}
