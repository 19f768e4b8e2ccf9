package io.maestro.plugins.nlcypher;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which database of an external Neo4j holds a tenant's graph: {@code DATABASE_MAP} names some tenants'
 * databases explicitly ({@code acme=neo4j,globex=globex-graph}); every other tenant gets the
 * {@code DATABASE} template with {@code {tenant}} replaced (default {@code {tenant}}). Two tenants
 * never share a database.
 */
record DatabaseNames(String template, Map<String, String> explicit) {
    /** Neo4j's rule for database names (3–63 characters, starting with a letter). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{2,62}");

    static DatabaseNames parse(String template, String map) {
        String t = template == null ? "{tenant}" : template.toLowerCase(java.util.Locale.ROOT);
        if (!t.contains("{tenant}")) {
            throw new IllegalArgumentException(ConsoleSettings.PREFIX + "DATABASE must contain {tenant} (each tenant "
                    + "needs its own database); name single databases in " + ConsoleSettings.PREFIX + "DATABASE_MAP, got '" + template + "'");
        }
        var explicit = new LinkedHashMap<String, String>();
        var owners = new HashMap<String, String>();
        if (map != null) {
            for (String pair : map.split(",")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                String tenant = eq < 0 ? "" : pair.substring(0, eq).strip();
                String db = eq < 0 ? "" : pair.substring(eq + 1).strip().toLowerCase(java.util.Locale.ROOT);
                if (tenant.isEmpty() || !NAME.matcher(db).matches()) {
                    throw new IllegalArgumentException(ConsoleSettings.PREFIX + "DATABASE_MAP must be tenant=database pairs "
                            + "separated by commas, with Neo4j database names (3-63 of a-z, 0-9, '.', '-', starting with a letter); "
                            + "got '" + pair.strip() + "'");
                }
                String other = owners.put(db, tenant);
                if (other != null && !other.equals(tenant)) {
                    throw new IllegalArgumentException(ConsoleSettings.PREFIX + "DATABASE_MAP gives database '" + db
                            + "' to both '" + other + "' and '" + tenant + "'; tenants never share a graph");
                }
                explicit.put(tenant, db);
            }
        }
        return new DatabaseNames(t, Map.copyOf(explicit));
    }

    /** @throws GraphUnavailableException when the template makes no valid database name for this tenant */
    String of(String tenant) {
        String mapped = explicit.get(tenant);
        if (mapped != null) return mapped;
        String db = template.replace("{tenant}", tenant);
        if (!NAME.matcher(db).matches() || explicit.containsValue(db)) {
            throw new GraphUnavailableException("tenant " + tenant + " has no usable database: " + ConsoleSettings.PREFIX
                    + "DATABASE makes '" + db + "', which is not a Neo4j database name of its own; map it in "
                    + ConsoleSettings.PREFIX + "DATABASE_MAP");
        }
        return db;
    }
}
