package io.maestro.plugins.nlcypher;

import io.maestro.sandbox.Neo4jConnection;
import io.maestro.sandbox.SandboxSettings;
import io.maestro.sandbox.sample.Size;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plugin's settings, from {@code MAESTRO_PLUGIN_NL_CYPHER_<KEY>} (and the standard {@code NEO4J_URI},
 * {@code NEO4J_USER}, {@code NEO4J_PASSWORD}), each checked with a message naming the setting. A bad value
 * stops the plugin from loading: a console with limits other than the ones asked for is worse than none.
 *
 * @param external      the external Neo4j, or null for one embedded Neo4j per tenant
 * @param databases     tenant → database name on the external Neo4j
 * @param sample        the sample graph loaded into an empty embedded tenant graph, or null for none
 * @param pageCacheBytes each embedded tenant graph's page cache
 * @param connectTimeout bound on connecting to a Neo4j (a dead one is an error, never a hang)
 */
record ConsoleSettings(Neo4jConnection external, DatabaseNames databases, Size sample, long pageCacheBytes,
                       Duration connectTimeout, SandboxSettings sandbox, Map<String, String> translator) {
    static final String PREFIX = "MAESTRO_PLUGIN_NL_CYPHER_";
    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    /**
     * @param settings the plugin's own settings (keys without the prefix)
     * @param env      the process environment, for the standard NEO4J_* variables
     */
    static ConsoleSettings from(Map<String, String> settings, Map<String, String> env) {
        Neo4jConnection external = external(settings, env);
        DatabaseNames databases = DatabaseNames.parse(text(settings, "DATABASE"), text(settings, "DATABASE_MAP"));
        Size sample = sample(text(settings, "SAMPLE"), external != null);
        long pageCacheMb = integer(settings, "PAGE_CACHE_MB", 64, 8, 65_536);
        Duration connect = Duration.ofMillis(integer(settings, "CONNECT_TIMEOUT_MS", 5_000, 100, 120_000));
        SandboxSettings d = SandboxSettings.defaults();
        int rowCap = (int) integer(settings, "ROW_CAP", d.rowCap(), 1, 100_000);
        Duration timeout = Duration.ofMillis(integer(settings, "TIMEOUT_MS", d.timeout().toMillis(), 100, 600_000));
        long perMinute = integer(settings, "QUERIES_PER_MINUTE", d.queriesPerMinute(), 1, 1_000_000);
        long burst = integer(settings, "BLOCKED_BURST", d.blockedBurst(), 1, 1_000_000);
        double cheap = integer(settings, "CHEAP_ROWS", (long) d.cheapRows(), 1, Long.MAX_VALUE);
        double moderate = integer(settings, "MODERATE_ROWS", (long) d.moderateRows(), 1, Long.MAX_VALUE);
        double blocked = integer(settings, "BLOCKED_ROWS", (long) d.blockedRows(), 1, Long.MAX_VALUE);
        if (!(cheap <= moderate && moderate <= blocked)) {
            throw new IllegalArgumentException(PREFIX + "CHEAP_ROWS (" + (long) cheap + "), " + PREFIX + "MODERATE_ROWS ("
                    + (long) moderate + ") and " + PREFIX + "BLOCKED_ROWS (" + (long) blocked + ") must rise in that order");
        }
        var sandbox = new SandboxSettings(rowCap, timeout, cheap, moderate, blocked, perMinute, burst);
        var translator = new LinkedHashMap<>(settings);
        translator.remove("NEO4J_PASSWORD"); // the translator reads the graph through the driver it is given
        return new ConsoleSettings(external, databases, sample, pageCacheMb * 1024 * 1024, connect, sandbox, Map.copyOf(translator));
    }

    /** The plugin's NEO4J_URI first, else the standard one; with a URI a password is required. */
    private static Neo4jConnection external(Map<String, String> settings, Map<String, String> env) {
        boolean own = text(settings, "NEO4J_URI") != null;
        String uriName = own ? PREFIX + "NEO4J_URI" : "NEO4J_URI";
        String uri = own ? text(settings, "NEO4J_URI") : text(env, "NEO4J_URI");
        if (uri == null) return null;
        String user = own ? text(settings, "NEO4J_USER") : text(env, "NEO4J_USER");
        String password = own ? settings.get("NEO4J_PASSWORD") : env.get("NEO4J_PASSWORD");
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(uriName + " is not a URI: '" + uri + "'");
        }
        if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException(uriName + " must be a Neo4j URI such as bolt://db.example:7687 (schemes "
                    + String.join(", ", SCHEMES.stream().sorted().toList()) + "), got '" + uri + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException((own ? PREFIX : "") + "NEO4J_PASSWORD is required with " + uriName);
        }
        return new Neo4jConnection(parsed, user == null ? "neo4j" : user, password);
    }

    private static Size sample(String text, boolean external) {
        String value = text == null ? (external ? "none" : "small") : text.toLowerCase(Locale.ROOT);
        Size size = switch (value) {
            case "none" -> null;
            case "tiny" -> Size.TINY;
            case "small" -> Size.SMALL;
            default -> throw new IllegalArgumentException(PREFIX + "SAMPLE must be none, tiny or small, got '" + text + "'");
        };
        return external ? null : size; // never written into a graph Maestro does not own
    }

    private static long integer(Map<String, String> settings, String key, long fallback, long min, long max) {
        String text = text(settings, key);
        if (text == null) return fallback;
        try {
            long n = Long.parseLong(text.replace("_", ""));
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PREFIX + key + " must be a whole number from " + min + " to "
                + (max == Long.MAX_VALUE ? "any" : max) + ", got '" + text + "'");
    }

    private static String text(Map<String, String> settings, String key) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
