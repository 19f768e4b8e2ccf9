package io.maestro.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.neo4j.cypherdsl.core.Clauses;
import org.neo4j.cypherdsl.core.Create;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.NumberLiteral;
import org.neo4j.cypherdsl.core.Delete;
import org.neo4j.cypherdsl.core.Foreach;
import org.neo4j.cypherdsl.core.FunctionInvocation;
import org.neo4j.cypherdsl.core.Match;
import org.neo4j.cypherdsl.core.Merge;
import org.neo4j.cypherdsl.core.QuantifiedPathPattern;
import org.neo4j.cypherdsl.core.Remove;
import org.neo4j.cypherdsl.core.Return;
import org.neo4j.cypherdsl.core.Set;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.StatementCatalog;
import org.neo4j.cypherdsl.core.Subquery;
import org.neo4j.cypherdsl.core.Unwind;
import org.neo4j.cypherdsl.core.Use;
import org.neo4j.cypherdsl.core.With;
import org.neo4j.cypherdsl.core.ast.Visitable;
import org.neo4j.cypherdsl.core.internal.LoadCSV;
import org.neo4j.cypherdsl.core.internal.ProcedureName;
import org.neo4j.cypherdsl.core.internal.RelationshipLength;
import org.neo4j.cypherdsl.core.internal.UsingPeriodicCommit;
import org.neo4j.cypherdsl.core.renderer.Renderer;
import org.neo4j.cypherdsl.parser.CypherParser;
import org.neo4j.cypherdsl.parser.Options;
import org.neo4j.cypherdsl.parser.ReturnDefinition;

/**
 * What a query does, read from its syntax tree (Neo4j's Cypher-DSL parser), never from its text:
 * clauses, writes (wherever they are nested: {@code CALL {}}, {@code FOREACH}, {@code UNION}),
 * procedure and namespaced function calls, LOAD CSV, variable-length bounds, labels and
 * relationship types. These facts are what the policy ({@code data.maestro.cypher.decision}) judges.
 * {@link #analysed()} is the statement rendered back from that tree (what the cost preview plans);
 * {@link #runnable()} the same with every RETURN's LIMIT added or lowered to the row cap: what runs
 * is exactly what was analysed, never the raw text.
 */
public record CypherFacts(List<String> clauses, List<String> writes, List<String> procedures, List<String> functions,
                          boolean loadCsv, List<VarLength> varLength, int subqueries, List<String> labels,
                          List<String> relationshipTypes, String analysed, String runnable) {

    /** A variable-length or quantified pattern's bounds; {@code max} null = unbounded. */
    public record VarLength(Integer min, Integer max) { }

    /** The query could not be parsed (or is not one statement); it is never run. */
    public static final class Unparseable extends RuntimeException {
        public Unparseable(String message) {
            super(message);
        }
    }

    public static CypherFacts of(String cypher, int rowCap) {
        if (cypher == null || cypher.isBlank()) throw new Unparseable("the query is empty");
        if (statements(cypher) > 1) throw new Unparseable("more than one statement (';' separates statements): send one query at a time");
        // The parser builds every RETURN and WITH through one factory, in text order; only the last one,
        // when it is the query's final RETURN, gets the cap (a LIMIT on a WITH would change the answer).
        var returnLikes = new java.util.concurrent.atomic.AtomicInteger();
        Statement statement;
        try {
            statement = CypherParser.parse(cypher, Options.newOptions().withReturnClauseFactory(r -> {
                returnLikes.incrementAndGet();
                return uncapped(r);
            }).build());
        } catch (RuntimeException e) {
            throw new Unparseable(firstLine(e.getMessage()));
        }
        var collector = new Collector();
        statement.accept(collector::enter);
        int capAt = collector.lastReturnLikeIsReturn ? returnLikes.get() : -1;
        var seen = new java.util.concurrent.atomic.AtomicInteger();
        Statement capped = CypherParser.parse(cypher, Options.newOptions()
                .withReturnClauseFactory(r -> seen.incrementAndGet() == capAt ? capped(r, rowCap) : uncapped(r)).build());
        StatementCatalog catalog = statement.getCatalog();
        var labels = new TreeSet<String>();
        catalog.getNodeLabels().forEach(t -> labels.add(t.value()));
        var types = new TreeSet<String>();
        catalog.getRelationshipTypes().forEach(t -> types.add(t.value()));
        return new CypherFacts(List.copyOf(collector.clauses), List.copyOf(collector.writes), List.copyOf(collector.procedures),
                List.copyOf(collector.functions), collector.loadCsv, List.copyOf(collector.varLength), collector.subqueries,
                List.copyOf(labels), List.copyOf(types), Renderer.getDefaultRenderer().render(statement),
                Renderer.getDefaultRenderer().render(capped));
    }

    private static Return uncapped(ReturnDefinition r) {
        return Clauses.returning(r.isDistinct(), r.getExpressions(), r.getOptionalSortItems(), r.getOptionalSkip(), r.getOptionalLimit());
    }

    /** The final RETURN keeps its items, order and skip; its LIMIT becomes the smaller of its own literal and the cap. */
    private static Return capped(ReturnDefinition r, int rowCap) {
        Expression limit = r.getOptionalLimit();
        boolean keep = limit instanceof NumberLiteral n && n.getContent().longValue() <= rowCap && n.getContent().longValue() >= 0;
        return Clauses.returning(r.isDistinct(), r.getExpressions(), r.getOptionalSortItems(), r.getOptionalSkip(),
                keep ? limit : Cypher.literalOf(rowCap + 1)); // one more than the cap: the caller can tell it was cut
    }

    /**
     * How many statements the text holds: ';' outside string literals, escaped names and comments
     * separates them (the parser reads only the first, so the rest must not slip by unseen).
     */
    static int statements(String cypher) {
        int count = 0;
        boolean content = false;
        for (int i = 0; i < cypher.length(); i++) {
            char c = cypher.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < cypher.length() && cypher.charAt(end) != c) end += cypher.charAt(end) == '\\' && c != '`' ? 2 : 1;
                i = end;
                content = true;
            } else if (c == '/' && i + 1 < cypher.length() && cypher.charAt(i + 1) == '/') {
                while (i < cypher.length() && cypher.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < cypher.length() && cypher.charAt(i + 1) == '*') {
                int end = cypher.indexOf("*/", i + 2);
                i = end < 0 ? cypher.length() : end + 1;
            } else if (c == ';') {
                if (!content) return 2; // an empty statement (";;", or a leading ';') is refused the same way
                count++;
                content = false;
            } else if (!Character.isWhitespace(c)) {
                content = true;
            }
        }
        return count + (content ? 1 : 0);
    }

    /** The facts as the policy's input expects them. */
    public Map<String, Object> asPolicyInput() {
        var m = new LinkedHashMap<String, Object>();
        m.put("clauses", clauses);
        m.put("writes", writes);
        m.put("procedures", procedures);
        m.put("functions", functions);
        m.put("load_csv", loadCsv);
        var lengths = new ArrayList<Map<String, Object>>();
        for (VarLength v : varLength) {
            var l = new LinkedHashMap<String, Object>();
            l.put("min", v.min());
            l.put("max", v.max());
            lengths.add(l);
        }
        m.put("var_length", lengths);
        m.put("subqueries", subqueries);
        m.put("labels", labels);
        m.put("relationship_types", relationshipTypes);
        return m;
    }

    private static final class Collector {
        final TreeSet<String> clauses = new TreeSet<>();
        final List<String> writes = new ArrayList<>();
        final TreeSet<String> procedures = new TreeSet<>();
        final TreeSet<String> functions = new TreeSet<>();
        final List<VarLength> varLength = new ArrayList<>();
        boolean loadCsv;
        int subqueries;
        boolean lastReturnLikeIsReturn;

        void enter(Visitable v) {
            switch (v) {
                case Create c -> write("CREATE");
                case Merge m -> write("MERGE");
                case Set s -> write("SET");
                case Delete d -> write(d.isDetach() ? "DETACH DELETE" : "DELETE");
                case Remove r -> write("REMOVE");
                case Foreach f -> write("FOREACH");
                case Match m -> clauses.add(m.isOptional() ? "OPTIONAL MATCH" : "MATCH");
                case Return r -> {
                    clauses.add("RETURN");
                    lastReturnLikeIsReturn = true;
                }
                case With w -> {
                    clauses.add("WITH");
                    lastReturnLikeIsReturn = false;
                }
                case Unwind u -> clauses.add("UNWIND");
                case Use u -> clauses.add("USE");
                case Subquery s -> {
                    clauses.add("CALL {}");
                    subqueries++;
                }
                case LoadCSV l -> {
                    clauses.add("LOAD CSV");
                    loadCsv = true;
                }
                case UsingPeriodicCommit p -> {
                    clauses.add("USING PERIODIC COMMIT");
                    loadCsv = true;
                }
                case ProcedureName p -> {
                    clauses.add("CALL");
                    procedures.add(p.getQualifiedName());
                }
                case FunctionInvocation f when f.getFunctionName().contains(".") -> functions.add(f.getFunctionName());
                case RelationshipLength l -> varLength.add(new VarLength(l.getMinimum(), l.isUnbounded() ? null : l.getMaximum()));
                case QuantifiedPathPattern.Quantifier q -> varLength.add(quantifier(q));
                default -> { }
            }
        }

        void write(String clause) {
            clauses.add(clause);
            writes.add(clause);
        }
    }

    /** {@code +}, {@code *}, {@code {n}}, {@code {n,}}, {@code {n,m}} as bounds. */
    static VarLength quantifier(QuantifiedPathPattern.Quantifier q) {
        String text = q.toString().strip().toLowerCase(Locale.ROOT);
        if (text.equals("+")) return new VarLength(1, null);
        if (text.equals("*")) return new VarLength(0, null);
        var m = java.util.regex.Pattern.compile("\\{\\s*(\\d*)\\s*(,\\s*(\\d*)\\s*)?}").matcher(text);
        if (!m.find()) return new VarLength(null, null); // unknown form: treated as unbounded
        Integer min = m.group(1).isEmpty() ? null : Integer.valueOf(m.group(1));
        if (m.group(2) == null) return new VarLength(min, min);
        return new VarLength(min, m.group(3) == null || m.group(3).isEmpty() ? null : Integer.valueOf(m.group(3)));
    }

    private static String firstLine(String s) {
        if (s == null) return "the query could not be parsed";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
