package io.maestro.sandbox;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicyClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every query — translated, model-written or typed by hand — passes, in order: the parser (facts
 * from the syntax tree), the policy (OPA, {@code data.maestro.cypher.decision}), the cost preview
 * ({@code EXPLAIN}), then runs in a READ session with a transaction timeout and a row cap, under a
 * per-tenant rate limit. A refusal is a {@link BlockedQueryException} naming the rule; it is
 * logged, counted ({@code maestro.sandbox.blocked{rule}}) and handed to {@code onBlocked} (the
 * audit log); a burst of refusals from one user counts {@code maestro.sandbox.blocked_burst}.
 */
public final class CypherSandbox {
    public static final String POLICY_PATH = "maestro/cypher/decision";
    private static final Logger log = LoggerFactory.getLogger(CypherSandbox.class);

    /** A refused attempt, for the audit log. */
    public record BlockedAttempt(String tenant, String user, String rule, String message, String cypher) { }

    /** What the analyst sees before running: the facts, and the cost. */
    public record Preview(CypherFacts facts, CostPreview cost) { }

    /** Rows (at most the cap) and whether more were cut off. */
    public record QueryResult(List<String> columns, List<Map<String, Object>> rows, boolean truncated, CostPreview cost) { }

    private final Driver driver;
    private final PolicyClient policy;
    private final SandboxSettings settings;
    private final MeterRegistry metrics;
    private final Consumer<BlockedAttempt> onBlocked;
    private final Map<String, Bucket> rates = new ConcurrentHashMap<>();
    private final Map<String, Bucket> blockedBursts = new ConcurrentHashMap<>();
    /** EXPLAIN answers by (database, statement): Neo4j plans an EXPLAIN afresh each time (≈ 25 ms). */
    private final com.github.benmanes.caffeine.cache.Cache<List<String>, CostPreview> costs =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public CypherSandbox(Driver driver, PolicyClient policy, SandboxSettings settings, MeterRegistry metrics,
                         Consumer<BlockedAttempt> onBlocked) {
        this.driver = driver;
        this.policy = policy;
        this.settings = settings;
        this.metrics = metrics;
        this.onBlocked = onBlocked;
    }

    /** Parse, policy and cost preview, without running anything. */
    public Preview preview(String tenant, String user, String database, String cypher) {
        try {
            CypherFacts facts;
            try {
                facts = CypherFacts.of(cypher, settings.rowCap());
            } catch (CypherFacts.Unparseable e) {
                throw new BlockedQueryException("cypher.unparseable", "the query could not be parsed: " + e.getMessage());
            }
            judge(tenant, facts);
            CostPreview cost = explain(database, facts.analysed()); // as asked: the cap must not hide a blow-up
            if (cost.costClass() == SandboxSettings.CostClass.BLOCKED) {
                throw new BlockedQueryException("cypher.cost_blocked", String.format(
                        "the planner estimates %.0f rows (limit %.0f)%s", cost.maxEstimatedRows(), settings.blockedRows(),
                        cost.notices().isEmpty() ? "" : "; " + cost.notices().getFirst().title()));
            }
            return new Preview(facts, cost);
        } catch (BlockedQueryException e) {
            blocked(tenant, user, cypher, e);
            throw e;
        }
    }

    /** Preview, then run: READ session, timeout, row cap, rate limit. */
    public QueryResult run(String tenant, String user, String database, String cypher, Map<String, Object> params) {
        Bucket bucket = rates.computeIfAbsent(tenant, t -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.queriesPerMinute())
                        .refillGreedy(settings.queriesPerMinute(), Duration.ofMinutes(1)).build()).build());
        if (!bucket.tryConsume(1)) {
            metrics.counter("maestro.sandbox.rate_limited", "tenant", tenant).increment();
            throw new RateLimitedException("tenant " + tenant + " ran more than " + settings.queriesPerMinute() + " queries in a minute");
        }
        Preview preview = preview(tenant, user, database, cypher);
        String runnable = preview.facts().runnable(); // rendered from the analysed tree, LIMIT capped
        try (Session session = session(database)) {
            return session.executeRead(tx -> {
                var result = tx.run(runnable, params == null ? Map.of() : params);
                List<String> columns = result.keys();
                var rows = new ArrayList<Map<String, Object>>();
                boolean truncated = false;
                while (result.hasNext()) {
                    Record r = result.next();
                    if (rows.size() == settings.rowCap()) {
                        truncated = true;
                        break;
                    }
                    rows.add(row(r));
                }
                result.consume();
                metrics.counter("maestro.sandbox.queries", "tenant", tenant, "cost", preview.cost().costClass().name().toLowerCase()).increment();
                return new QueryResult(columns, rows, truncated, preview.cost());
            }, TransactionConfig.builder().withTimeout(settings.timeout()).build());
        } catch (ServiceUnavailableException e) {
            throw new QueryFailedException(QueryFailedException.Kind.UNAVAILABLE, "the graph database is not reachable: " + e.getMessage(), e);
        } catch (Neo4jException e) {
            String code = String.valueOf(e.code());
            if (code.contains("ForbiddenOnReadOnlyDatabase") || code.contains("AccessMode")) {
                var blocked = new BlockedQueryException("cypher.read_only", "the query tried to write in a read-only session");
                blocked(tenant, user, cypher, blocked);
                throw blocked;
            }
            if (code.contains("TransactionTimedOut") || code.contains("Timeout") || code.contains("Terminated")) {
                throw new QueryFailedException(QueryFailedException.Kind.TIMEOUT,
                        "the query ran longer than " + settings.timeout().toMillis() + " ms and was stopped", e);
            }
            if (e instanceof SecurityException) { // the query is not at fault: the database does not let the sandbox in
                throw new QueryFailedException(QueryFailedException.Kind.UNAVAILABLE,
                        "the graph database refused the sandbox's credentials: " + e.getMessage(), e);
            }
            throw new QueryFailedException(e.getMessage(), e);
        }
    }

    private void judge(String tenant, CypherFacts facts) {
        PolicyAnswer answer = policy.evaluate(POLICY_PATH, Map.of("tenant", tenant, "facts", facts.asPolicyInput()));
        if (answer.allowed()) return;
        var rules = new ArrayList<String>();
        var messages = new ArrayList<String>();
        for (Object d : answer.list("denials")) {
            if (d instanceof Map<?, ?> m) {
                rules.add(String.valueOf(m.get("rule")));
                messages.add(m.get("rule") + ": " + m.get("message"));
            }
        }
        if (rules.isEmpty()) rules.add(answer.result() == null ? "policy.undefined" : "policy.no_rule");
        throw new BlockedQueryException(rules.getFirst(), String.join("; ", messages.isEmpty() ? rules : messages)
                + (answer.revision() == null ? "" : " (policy revision " + answer.revision() + ")"), rules);
    }

    private CostPreview explain(String database, String cypher) {
        return costs.get(java.util.Arrays.asList(database, cypher), k -> plan(database, cypher));
    }

    private CostPreview plan(String database, String cypher) {
        ResultSummary summary;
        try (Session session = session(database)) {
            summary = session.executeRead(tx -> tx.run("EXPLAIN " + cypher).consume(),
                    TransactionConfig.builder().withTimeout(settings.timeout()).build());
        } catch (SecurityException e) { // a ClientException too, but the query is not at fault
            throw new QueryFailedException(QueryFailedException.Kind.UNAVAILABLE, "the graph database refused the sandbox's credentials: " + e.getMessage(), e);
        } catch (ClientException e) {
            throw new BlockedQueryException("cypher.explain_failed", "the database refused to plan the query: " + e.getMessage());
        } catch (ServiceUnavailableException e) {
            throw new QueryFailedException(QueryFailedException.Kind.UNAVAILABLE, "the graph database is not reachable: " + e.getMessage(), e);
        }
        var operators = new ArrayList<CostPreview.Operator>();
        double max = walk(summary.plan(), 0, operators);
        var notices = new ArrayList<CostPreview.Notice>();
        summary.notifications().forEach(n -> notices.add(new CostPreview.Notice(n.code(), n.title())));
        return new CostPreview(settings.classify(max), max, List.copyOf(operators), List.copyOf(notices));
    }

    private static double walk(Plan plan, int depth, List<CostPreview.Operator> out) {
        Value rows = plan.arguments().get("EstimatedRows");
        double estimated = rows == null || rows.isNull() ? 0 : rows.asDouble();
        out.add(new CostPreview.Operator(plan.operatorType(), estimated, depth));
        double max = estimated;
        for (Plan child : plan.children()) max = Math.max(max, walk(child, depth + 1, out));
        return max;
    }

    private void blocked(String tenant, String user, String cypher, BlockedQueryException e) {
        metrics.counter("maestro.sandbox.blocked", "rule", e.rule()).increment();
        log.warn("blocked query of {} (tenant {}): {} — {}", user, tenant, e.rule(), e.getMessage());
        onBlocked.accept(new BlockedAttempt(tenant, user, e.rule(), e.getMessage(), cypher));
        Bucket burst = blockedBursts.computeIfAbsent(tenant + "/" + user, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.blockedBurst())
                        .refillGreedy(settings.blockedBurst(), Duration.ofMinutes(1)).build()).build());
        if (!burst.tryConsume(1)) {
            metrics.counter("maestro.sandbox.blocked_burst", "tenant", tenant).increment();
            log.error("ALERT: {} (tenant {}) had more than {} queries blocked within a minute", user, tenant, settings.blockedBurst());
        }
    }

    private Session session(String database) {
        return ReadSessions.open(driver, database);
    }

    private static Map<String, Object> row(Record r) {
        var m = new LinkedHashMap<String, Object>();
        for (String key : r.keys()) m.put(key, plain(r.get(key)));
        return m;
    }

    /** Values as plain Java (maps, lists, strings, numbers, booleans); nodes and relationships as maps. */
    static Object plain(Value v) {
        if (v == null || v.isNull()) return null;
        Object o = v.asObject();
        if (o instanceof Node n) {
            var labels = new ArrayList<String>();
            n.labels().forEach(labels::add);
            return Map.of("id", n.elementId(), "labels", labels, "properties", n.asMap());
        }
        if (o instanceof Relationship r) return Map.of("id", r.elementId(), "type", r.type(), "start", r.startNodeElementId(),
                "end", r.endNodeElementId(), "properties", r.asMap());
        if (o instanceof List<?> l) {
            var out = new ArrayList<Object>();
            for (Value item : v.values()) out.add(plain(item));
            return l.isEmpty() ? List.of() : out;
        }
        return o;
    }

    /** Too many queries from one tenant; try again in a minute. */
    public static final class RateLimitedException extends RuntimeException {
        public RateLimitedException(String message) {
            super(message);
        }
    }

    /** The query was allowed but failed (timeout, database down, runtime error); {@link #kind()} says which. */
    public static final class QueryFailedException extends RuntimeException {
        /** UNAVAILABLE: the database is down or refuses us (retry later); TIMEOUT: the transaction timeout stopped it; FAILED: any other error. */
        public enum Kind { UNAVAILABLE, TIMEOUT, FAILED }

        private final Kind kind;

        public QueryFailedException(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public QueryFailedException(String message, Throwable cause) {
            this(Kind.FAILED, message, cause);
        }

        public Kind kind() {
            return kind;
        }
    }
}
