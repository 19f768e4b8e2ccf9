package io.maestro.plugins.nlcypher;

import java.util.Map;
import java.util.Set;

/**
 * A {@code cypher} step's {@code with}: the query, its parameters and what its row count must be
 * ({@code expect: {rows: N}} exactly, or {@code min_rows} and/or {@code max_rows}). Every problem names its field.
 */
record CypherCheck(String query, Map<String, Object> parameters, Integer rows, Integer minRows, Integer maxRows) {
    private static final Set<String> FIELDS = Set.of("query", "parameters", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("rows", "min_rows", "max_rows");

    /** @param rowCap the sandbox's row cap: a count above it cannot be told, so no expectation may exceed it */
    @SuppressWarnings("unchecked")
    static CypherCheck from(Map<String, Object> with, int rowCap) {
        for (String key : with.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new BadInputException("with." + key, "is not an input of a cypher step (it takes query, parameters, expect)");
            }
        }
        if (!(with.get("query") instanceof String query) || query.isBlank()) {
            throw new BadInputException("with.query", with.get("query") == null ? "is required: the Cypher to run"
                    : "must be a non-empty string of Cypher");
        }
        if (query.length() > ConsoleRoutes.MAX_CYPHER_CHARS) {
            throw new BadInputException("with.query", "is " + query.length() + " characters, over the limit of " + ConsoleRoutes.MAX_CYPHER_CHARS);
        }
        Object params = with.get("parameters");
        if (params != null && !(params instanceof Map<?, ?>)) throw new BadInputException("with.parameters", "must be a map of names to values");
        Map<String, Object> parameters = params == null ? Map.of() : (Map<String, Object>) Json.parameter(params, "with.parameters");
        Object expect = with.get("expect");
        if (expect == null) return new CypherCheck(query, parameters, null, null, null);
        if (!(expect instanceof Map<?, ?> e)) throw new BadInputException("with.expect", "must be a map: {rows: N}, {min_rows: N} or {max_rows: N}");
        for (Object key : e.keySet()) {
            if (!EXPECT_FIELDS.contains(String.valueOf(key))) {
                throw new BadInputException("with.expect." + key, "is not an expectation (use rows, min_rows or max_rows)");
            }
        }
        Integer rows = count(e.get("rows"), "with.expect.rows", rowCap);
        Integer min = count(e.get("min_rows"), "with.expect.min_rows", rowCap);
        Integer max = count(e.get("max_rows"), "with.expect.max_rows", rowCap);
        if (rows != null && (min != null || max != null)) {
            throw new BadInputException("with.expect", "give rows alone, or min_rows and/or max_rows");
        }
        if (min != null && max != null && min > max) {
            throw new BadInputException("with.expect", "min_rows (" + min + ") is above max_rows (" + max + ")");
        }
        return new CypherCheck(query, parameters, rows, min, max);
    }

    private static Integer count(Object v, String field, int rowCap) {
        if (v == null) return null;
        long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.strip().matches("\\d{1,9}")) { // a rendered ${{ }} template
            n = Long.parseLong(s.strip());
        } else {
            throw new BadInputException(field, "must be a whole number, got '" + v + "'");
        }
        if (n < 0) throw new BadInputException(field, "must not be negative, got " + n);
        if (n > rowCap) {
            throw new BadInputException(field, "is " + n + ", above the sandbox's row cap (" + rowCap + "), so it cannot be "
                    + "checked; count in the query instead (RETURN count(*) AS n) and check that value");
        }
        return (int) n;
    }

    /**
     * Why the result breaks the expectation, or null when it holds.
     *
     * @param returned  rows returned (at most the row cap)
     * @param truncated whether more rows existed than the cap
     */
    String violation(int returned, boolean truncated) {
        String got = truncated ? "more than " + returned + " (the row cap)" : String.valueOf(returned);
        if (rows != null && (truncated || returned != rows)) return "expected " + rows + " rows (expect.rows), got " + got;
        if (minRows != null && !truncated && returned < minRows) return "expected at least " + minRows + " rows (expect.min_rows), got " + got;
        if (maxRows != null && (truncated || returned > maxRows)) return "expected at most " + maxRows + " rows (expect.max_rows), got " + got;
        return null;
    }

    String expectation() {
        if (rows != null) return "rows = " + rows;
        if (minRows != null && maxRows != null) return minRows + " <= rows <= " + maxRows;
        if (minRows != null) return "rows >= " + minRows;
        if (maxRows != null) return "rows <= " + maxRows;
        return "none";
    }
}
