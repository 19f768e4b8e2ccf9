package io.maestro.nlcypher.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Execution accuracy: does a predicted query's result answer the question as the gold query's does?
 * Column names and query text do not matter, only values:
 * <ol>
 *   <li>both results have the same number of rows;</li>
 *   <li>every gold column is matched by a <em>distinct</em> predicted column holding the same values,
 *       row by row once rows are aligned: in the given order when {@code ordered}, otherwise as
 *       multisets (both sides' rows sorted canonically, so {@code a,a,b} never equals {@code a,b,b});</li>
 *   <li>extra predicted columns are allowed: asked for names, a prediction returning names and ids
 *       is right.</li>
 * </ol>
 * Values compare as in {@link ValueOrder}: numbers numerically ({@code 1 == 1.0}, doubles within a
 * relative 1e-9), lists element-wise, maps by entries, null equals only null.
 *
 * <p>Finding the columns is a small bipartite search (gold results have a handful of columns): when
 * ordered, a matching over the "column j equals column k row by row" graph; when unordered, each
 * gold column's candidates are the predicted columns with the same multiset of values, then a
 * backtracking search assigns them, pruning as soon as the rows projected on the columns assigned so
 * far differ as multisets. Doubles that differ only within the tolerance sort by their exact value,
 * so two <em>different</em> rows holding such near-equal values could misalign; results of real
 * queries do not do that.
 */
public final class ExecutionMatch {

    /** The decision and, when it is no, why (for evaluation reports). */
    public record Verdict(boolean matches, String reason) {
        static final Verdict MATCH = new Verdict(true, "match");

        static Verdict no(String reason) {
            return new Verdict(false, reason);
        }
    }

    private ExecutionMatch() { }

    public static boolean matches(List<String> goldColumns, List<List<Object>> goldRows,
                                  List<String> predictedColumns, List<List<Object>> predictedRows, boolean ordered) {
        return matches(new QueryResult(goldColumns, goldRows), new QueryResult(predictedColumns, predictedRows), ordered);
    }

    public static boolean matches(QueryResult gold, QueryResult predicted, boolean ordered) {
        return compare(gold, predicted, ordered).matches();
    }

    public static Verdict compare(QueryResult gold, QueryResult predicted, boolean ordered) {
        if (gold.rows().size() != predicted.rows().size()) {
            return Verdict.no("gold has " + gold.rows().size() + " rows, the prediction " + predicted.rows().size());
        }
        if (predicted.width() < gold.width()) {
            return Verdict.no("gold has " + gold.width() + " columns " + gold.columns() + ", the prediction only " + predicted.width());
        }
        return ordered ? ordered(gold, predicted) : unordered(gold, predicted);
    }

    private static Verdict ordered(QueryResult gold, QueryResult predicted) {
        boolean[][] equal = new boolean[gold.width()][predicted.width()];
        for (int j = 0; j < gold.width(); j++) {
            for (int k = 0; k < predicted.width(); k++) equal[j][k] = sameColumn(gold, j, predicted, k);
        }
        Verdict missing = firstUnmatched(gold, equal, "row by row");
        if (missing != null) return missing;
        int[] owner = new int[predicted.width()];
        Arrays.fill(owner, -1);
        for (int j = 0; j < gold.width(); j++) {
            if (!augment(j, equal, owner, new boolean[predicted.width()])) {
                return Verdict.no("gold columns " + gold.columns() + " cannot each have their own predicted column");
            }
        }
        return Verdict.MATCH;
    }

    private static boolean sameColumn(QueryResult gold, int j, QueryResult predicted, int k) {
        for (int i = 0; i < gold.rows().size(); i++) {
            if (!ValueOrder.equal(gold.value(i, j), predicted.value(i, k))) return false;
        }
        return true;
    }

    /** Kuhn's augmenting path: gives gold column j a predicted column, moving earlier gold columns if needed. */
    private static boolean augment(int j, boolean[][] equal, int[] owner, boolean[] seen) {
        for (int k = 0; k < owner.length; k++) {
            if (!equal[j][k] || seen[k]) continue;
            seen[k] = true;
            if (owner[k] < 0 || augment(owner[k], equal, owner, seen)) {
                owner[k] = j;
                return true;
            }
        }
        return false;
    }

    private static Verdict unordered(QueryResult gold, QueryResult predicted) {
        List<List<Object>> goldValues = sortedColumns(gold), predictedValues = sortedColumns(predicted);
        boolean[][] candidate = new boolean[gold.width()][predicted.width()];
        for (int j = 0; j < gold.width(); j++) {
            for (int k = 0; k < predicted.width(); k++) candidate[j][k] = sameValues(goldValues.get(j), predictedValues.get(k));
        }
        Verdict missing = firstUnmatched(gold, candidate, "as a multiset");
        if (missing != null) return missing;
        // the most constrained gold columns first, so that dead ends show early
        int[] order = IntStream.range(0, gold.width()).boxed()
                .sorted(Comparator.comparingInt(j -> count(candidate[j]))).mapToInt(Integer::intValue).toArray();
        var search = new Search(gold, predicted, candidate, order);
        return search.assign(0) ? Verdict.MATCH
                : Verdict.no("no choice of predicted columns gives the gold rows " + gold.columns() + " as a multiset");
    }

    private static Verdict firstUnmatched(QueryResult gold, boolean[][] candidate, String how) {
        for (int j = 0; j < gold.width(); j++) {
            if (count(candidate[j]) == 0) return Verdict.no("no predicted column equals gold column '" + gold.columns().get(j) + "' " + how);
        }
        return null;
    }

    private static int count(boolean[] row) {
        int n = 0;
        for (boolean b : row) if (b) n++;
        return n;
    }

    private static List<List<Object>> sortedColumns(QueryResult result) {
        var columns = new ArrayList<List<Object>>(result.width());
        for (int k = 0; k < result.width(); k++) {
            var values = new ArrayList<>(result.rows().size());
            for (List<Object> row : result.rows()) values.add(row.get(k));
            values.sort(ValueOrder::compare);
            columns.add(values);
        }
        return columns;
    }

    private static boolean sameValues(List<?> a, List<?> b) {
        for (int i = 0; i < a.size(); i++) if (!ValueOrder.equal(a.get(i), b.get(i))) return false;
        return true;
    }

    /** Backtracking over injective assignments of gold columns (in {@code order}) to predicted candidates. */
    private static final class Search {
        private final QueryResult gold;
        private final QueryResult predicted;
        private final boolean[][] candidate;
        private final int[] order;
        private final int[] assigned;
        private final boolean[] used;
        /** Gold rows projected on order[0..d) and sorted, by depth d; computed once each. */
        private final List<List<List<Object>>> goldProjections = new ArrayList<>();

        Search(QueryResult gold, QueryResult predicted, boolean[][] candidate, int[] order) {
            this.gold = gold;
            this.predicted = predicted;
            this.candidate = candidate;
            this.order = order;
            this.assigned = new int[order.length];
            this.used = new boolean[predicted.width()];
        }

        boolean assign(int depth) {
            if (depth == order.length) return true;
            for (int k = 0; k < used.length; k++) {
                if (!candidate[order[depth]][k] || used[k]) continue;
                assigned[depth] = k;
                used[k] = true;
                // one column alone already has equal multisets: check rows from the second column on
                boolean consistent = depth == 0 || sameRows(depth + 1);
                if (consistent && assign(depth + 1)) return true;
                used[k] = false;
            }
            return false;
        }

        private boolean sameRows(int depth) {
            while (goldProjections.size() < depth) {
                goldProjections.add(project(gold, Arrays.copyOf(order, goldProjections.size() + 1)));
            }
            List<List<Object>> expected = goldProjections.get(depth - 1);
            List<List<Object>> actual = project(predicted, Arrays.copyOf(assigned, depth));
            for (int i = 0; i < expected.size(); i++) if (!sameValues(expected.get(i), actual.get(i))) return false;
            return true;
        }

        private static List<List<Object>> project(QueryResult result, int[] columns) {
            var rows = new ArrayList<List<Object>>(result.rows().size());
            for (List<Object> row : result.rows()) {
                var projected = new ArrayList<>(columns.length);
                for (int c : columns) projected.add(row.get(c));
                rows.add(projected);
            }
            rows.sort(ValueOrder.ROWS);
            return rows;
        }
    }
}
