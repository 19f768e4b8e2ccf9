package io.maestro.plugins.nlcypher;

import io.maestro.api.plugin.AuditEntry;
import io.maestro.api.plugin.PluginContext;
import io.maestro.core.policy.PolicyClient;
import io.maestro.nlcypher.Translation;
import io.maestro.nlcypher.Translator;
import io.maestro.sandbox.CypherSandbox;
import io.maestro.sandbox.SandboxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routes and the {@code cypher} step share, per tenant: its graph, its sandbox (so rate limits
 * and refusals count the same whoever asks) and its translator, each made at the tenant's first use.
 * Every refused query goes to the audit log.
 */
final class Console implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    /** Consoles of this plugin version, closed by {@link NlCypherPlugin#stop()} (PF4J gives the plugin class no extension instances). */
    private static final Set<Console> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern TENANT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** How a pipeline run is named as the one asking (the sandbox knows callers by one name). */
    private static final String RUN_ACTOR = "run:";
    private static final int AUDITED_QUERY_CHARS = 4_000;

    private final ConsoleSettings settings;
    private final Graphs graphs;
    private final TranslatorFactory translatorFactory;
    private final PolicyClient policy;
    private final Consumer<AuditEntry> audit;
    private final MeterRegistry metrics = Metrics.globalRegistry;
    private final Map<String, Memo<CypherSandbox>> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, Memo<Translator>> translators = new ConcurrentHashMap<>();

    Console(ConsoleSettings settings, Graphs graphs, TranslatorFactory translatorFactory, PolicyClient policy,
            Consumer<AuditEntry> audit) {
        this.settings = settings;
        this.graphs = graphs;
        this.translatorFactory = translatorFactory;
        this.policy = policy;
        this.audit = audit;
        OPEN.add(this);
    }

    /** The console a plugin context describes: external Neo4j when configured, else embedded graphs in its data directory. */
    static Console open(PluginContext context, Map<String, String> env, TranslatorFactory translators) {
        ConsoleSettings settings = ConsoleSettings.from(context.settings(), env);
        String sample = context.settings().get("SAMPLE");
        if (settings.external() != null && sample != null && !sample.isBlank() && !sample.strip().equalsIgnoreCase("none")) {
            log.warn("{}SAMPLE={} is ignored: Maestro never writes the sample graph into an external Neo4j", ConsoleSettings.PREFIX, sample);
        }
        Graphs graphs = settings.external() != null
                ? new ExternalGraphs(settings.external(), settings.databases(), settings.connectTimeout())
                : new EmbeddedGraphs(context.dataDirectory().resolve("graphs"), settings.pageCacheBytes(), settings.sample(),
                        settings.connectTimeout());
        log.info("nl-cypher console: {} graphs, row cap {}, timeout {} ms, {} queries a minute per tenant",
                settings.external() != null ? "external (" + settings.external().uri() + ")" : "embedded",
                settings.sandbox().rowCap(), settings.sandbox().timeout().toMillis(), settings.sandbox().queriesPerMinute());
        return new Console(settings, graphs, translators, new HostPolicy(context), context::audit);
    }

    static String runActor(String runId) {
        return RUN_ACTOR + runId;
    }

    SandboxSettings limits() {
        return settings.sandbox();
    }

    Translation translate(String tenant, String user, String question) {
        Translator translator = translators.computeIfAbsent(checked(tenant), t -> new Memo<>(() -> newTranslator(t))).get();
        long t0 = System.nanoTime();
        Translation translation = translator.translate(question);
        log.atInfo().addKeyValue("tenant", tenant).addKeyValue("user", user).addKeyValue("status", translation.status())
                .addKeyValue("confidence", translation.confidence()).addKeyValue("backend", translation.backend())
                .addKeyValue("intent", translation.best() == null ? null : translation.best().intent())
                .addKeyValue("alternatives", translation.alternatives().size()).addKeyValue("question_chars", question.length())
                .addKeyValue("took_ms", (System.nanoTime() - t0) / 1_000_000).log("translated a question");
        return translation;
    }

    CypherSandbox.Preview preview(String tenant, String user, String cypher) {
        return sandbox(tenant).preview(tenant, user, graphs.graph(tenant).database(), cypher);
    }

    /** Runs through the tenant's sandbox; every refusal (rate limit included) is audited. */
    CypherSandbox.QueryResult run(String tenant, String user, String cypher, Map<String, Object> parameters) {
        CypherSandbox sandbox = sandbox(tenant);
        long t0 = System.nanoTime();
        try {
            CypherSandbox.QueryResult result = sandbox.run(tenant, user, graphs.graph(tenant).database(), cypher, parameters);
            log.atInfo().addKeyValue("tenant", tenant).addKeyValue("user", user).addKeyValue("rows", result.rows().size())
                    .addKeyValue("truncated", result.truncated()).addKeyValue("cost_class", result.cost().costClass())
                    .addKeyValue("took_ms", (System.nanoTime() - t0) / 1_000_000).log("ran a cypher query");
            return result;
        } catch (CypherSandbox.RateLimitedException e) {
            blocked(new CypherSandbox.BlockedAttempt(tenant, user, Refusals.RATE_LIMITED, e.getMessage(), cypher));
            throw e;
        } catch (CypherSandbox.QueryFailedException e) {
            log.atWarn().addKeyValue("tenant", tenant).addKeyValue("user", user).addKeyValue("failure", e.kind())
                    .addKeyValue("took_ms", (System.nanoTime() - t0) / 1_000_000).log("cypher query failed: {}", e.getMessage());
            throw e;
        }
    }

    private CypherSandbox sandbox(String tenant) {
        return sandboxes.computeIfAbsent(checked(tenant), t -> new Memo<>(() ->
                new CypherSandbox(graphs.graph(t).driver(), policy, settings.sandbox(), metrics, this::blocked))).get();
    }

    private Translator newTranslator(String tenant) {
        Graph graph = graphs.graph(tenant);
        try {
            return translatorFactory.create(graph.driver(), graph.database(), settings.translator());
        } catch (RuntimeException e) {
            throw new TranslatorUnavailableException("the translator for tenant " + tenant + " could not be started: "
                    + e.getMessage(), e);
        }
    }

    /** Refused attempts, from the sandbox (parse, policy, cost, read-only) and the rate limit, for the audit log. */
    private void blocked(CypherSandbox.BlockedAttempt attempt) {
        boolean byRun = attempt.user() != null && attempt.user().startsWith(RUN_ACTOR);
        var details = new LinkedHashMap<String, String>();
        details.put("rule", attempt.rule());
        details.put("query", clip(attempt.cypher()));
        details.put("surface", byRun ? "step" : "console");
        try {
            audit.accept(new AuditEntry(attempt.tenant(), byRun ? attempt.user().substring(RUN_ACTOR.length()) : null,
                    byRun ? "service" : "user", attempt.user() == null ? "unknown" : attempt.user(), "cypher.query", "graph",
                    attempt.tenant(), "denied", attempt.rule() + ": " + attempt.message(), details));
        } catch (RuntimeException e) { // the refusal stands whether or not the audit log took it
            log.error("could not audit a refused query of tenant {}: {}", attempt.tenant(), e.toString());
        }
    }

    private static String clip(String text) {
        if (text == null) return "";
        return text.length() <= AUDITED_QUERY_CHARS ? text : text.substring(0, AUDITED_QUERY_CHARS) + "…";
    }

    static String checked(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new BadInputException("tenant", "not a tenant name (lower-case letters, digits and dashes): " + tenant);
        }
        return tenant;
    }

    @Override
    public void close() {
        OPEN.remove(this);
        for (Memo<Translator> memo : translators.values()) {
            if (memo.ifMade() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("translator did not close cleanly: {}", e.toString());
                }
            }
        }
        graphs.close();
    }

    /** Closes every console of this plugin version (it is stopping). */
    static void closeAll() {
        for (Console c : Set.copyOf(OPEN)) c.close();
    }
}
