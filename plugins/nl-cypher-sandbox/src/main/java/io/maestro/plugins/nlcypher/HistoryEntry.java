package io.maestro.plugins.nlcypher;

import java.time.Instant;
import java.util.Map;

/**
 * One console run attempt as the history keeps it. {@code parameters} are the analyst's search values
 * (kept, not shown in the list); never tokens or headers.
 *
 * @param status RAN, BLOCKED or FAILED
 * @param rule   the rule that refused or stopped it (null when it ran)
 * @param rows   rows returned (null unless it ran)
 */
record HistoryEntry(String id, Instant at, String user, String question, String cypher, Map<String, Object> parameters,
                    String status, String rule, Integer rows, String costClass) {

    /** The entry as stored (one JSON line) and as the history route answers it. */
    java.util.Map<String, Object> toMap() {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("user", user);
        m.put("question", question);
        m.put("cypher", cypher);
        m.put("parameters", parameters == null ? Map.of() : parameters);
        m.put("status", status);
        m.put("rule", rule);
        m.put("rows", rows);
        m.put("costClass", costClass);
        return m;
    }
}
