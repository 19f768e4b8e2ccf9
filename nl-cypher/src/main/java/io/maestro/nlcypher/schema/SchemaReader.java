package io.maestro.nlcypher.schema;

import io.maestro.nlcypher.schema.GraphSchema.Kind;
import io.maestro.nlcypher.schema.GraphSchema.LabelInfo;
import io.maestro.nlcypher.schema.GraphSchema.NamedEntity;
import io.maestro.nlcypher.schema.GraphSchema.PropertyInfo;
import io.maestro.nlcypher.schema.GraphSchema.RelInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import io.maestro.sandbox.ReadSessions;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the schema from the live database in a READ session: labels and their counts (count
 * store), relationship shapes ({@code db.schema.visualization}), property kinds from a sample of
 * each label, the distinct values of low-cardinality string properties, and entity names for
 * labels small enough to keep their names in memory. These are trusted, fixed queries of the
 * translator itself, never analyst text.
 */
public final class SchemaReader {
    private static final Logger log = LoggerFactory.getLogger(SchemaReader.class);
    /** Nodes sampled per label to learn property kinds and values. */
    static final int SAMPLE = 5_000;
    /** A string property with at most this many distinct values in the sample is categorical. */
    static final int MAX_CATEGORICAL = 80;
    /** Names are kept in memory for labels up to this many nodes. */
    static final long MAX_NAMED = 300_000;
    static final List<String> NAME_PROPERTIES = List.of("name", "title");

    private final Driver driver;
    private final String database;

    public SchemaReader(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    public GraphSchema read() {
        long t0 = System.nanoTime();
        try (Session s = session()) {
            var labels = new TreeMap<String, LabelInfo>();
            var names = new HashMap<String, List<NamedEntity>>();
            for (Record r : s.run("CALL db.labels() YIELD label RETURN label ORDER BY label").list()) {
                String label = r.get("label").asString();
                labels.put(label, readLabel(s, label, names));
            }
            var rels = new ArrayList<RelInfo>();
            for (Record r : s.run("CALL db.schema.visualization() YIELD relationships UNWIND relationships AS rel "
                    + "RETURN type(rel) AS type, labels(startNode(rel)) AS from, labels(endNode(rel)) AS to").list()) {
                for (Value from : r.get("from").values()) {
                    for (Value to : r.get("to").values()) {
                        var info = new RelInfo(r.get("type").asString(), from.asString(), to.asString());
                        if (labels.containsKey(info.from()) && labels.containsKey(info.to()) && !rels.contains(info)) rels.add(info);
                    }
                }
            }
            var schema = new GraphSchema(labels, rels, names);
            log.info("schema of {} read in {} ms: {} labels, {} relationship shapes, {} names", database,
                    (System.nanoTime() - t0) / 1_000_000, labels.size(), rels.size(), names.size());
            return schema;
        }
    }

    private LabelInfo readLabel(Session s, String label, Map<String, List<NamedEntity>> names) {
        String l = quote(label);
        long count = s.run("MATCH (n:" + l + ") RETURN count(n) AS c").single().get("c").asLong();
        var kinds = new TreeMap<String, Kind>();
        var distinct = new LinkedHashMap<String, java.util.Set<Object>>();
        for (Record r : s.run("MATCH (n:" + l + ") WITH n LIMIT $sample RETURN properties(n) AS p", Map.of("sample", SAMPLE)).list()) {
            for (var e : r.get("p").asMap().entrySet()) {
                Kind kind = kindOf(e.getValue());
                kinds.merge(e.getKey(), kind, (a, b) -> a == b ? a : (a.numeric() && b.numeric() ? Kind.FLOAT : Kind.OTHER));
                if (kind == Kind.STRING) {
                    var values = distinct.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>());
                    if (values.size() <= MAX_CATEGORICAL) values.add(e.getValue());
                }
            }
        }
        var props = new TreeMap<String, PropertyInfo>();
        for (var e : kinds.entrySet()) {
            var values = distinct.getOrDefault(e.getKey(), java.util.Set.of());
            boolean categorical = e.getValue() == Kind.STRING && !values.isEmpty() && values.size() <= MAX_CATEGORICAL
                    && !NAME_PROPERTIES.contains(e.getKey()) && !e.getKey().equals("id");
            props.put(e.getKey(), new PropertyInfo(e.getKey(), e.getValue(), categorical ? new ArrayList<>(values) : List.of()));
        }
        String prefix = null;
        if (props.containsKey("id")) {
            var first = s.run("MATCH (n:" + l + ") WHERE n.id IS NOT NULL RETURN n.id AS id LIMIT 1").list();
            if (!first.isEmpty() && first.get(0).get("id").asString("").matches("[A-Z]{2,5}-\\d+")) {
                prefix = first.get(0).get("id").asString().split("-")[0];
            }
        }
        if (count <= MAX_NAMED) {
            for (String p : NAME_PROPERTIES) {
                if (!props.containsKey(p)) continue;
                for (Record r : s.run("MATCH (n:" + l + ") WHERE n." + p + " IS NOT NULL RETURN DISTINCT n." + p + " AS v").list()) {
                    String v = r.get("v").asString();
                    names.computeIfAbsent(v.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(new NamedEntity(label, p, v));
                }
            }
        }
        return new LabelInfo(label, count, props, prefix);
    }

    private static Kind kindOf(Object v) {
        if (v instanceof String) return Kind.STRING;
        if (v instanceof Long || v instanceof Integer) return Kind.INTEGER;
        if (v instanceof Double || v instanceof Float) return Kind.FLOAT;
        if (v instanceof Boolean) return Kind.BOOLEAN;
        return Kind.OTHER;
    }

    /** Labels come from the database itself; quoting still keeps odd names from breaking the text. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private Session session() {
        return ReadSessions.open(driver, database);
    }
}
