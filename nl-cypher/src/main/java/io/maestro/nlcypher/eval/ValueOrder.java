package io.maestro.nlcypher.eval;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Equality and a canonical total order for result values. Numbers are equal when numerically equal
 * ({@code 1 == 1.0}), doubles within a relative {@value #RELATIVE_TOLERANCE}; lists element-wise;
 * maps by entries; everything else by {@code equals}. The order sorts null, booleans, numbers,
 * strings, lists, maps, then anything else (by class and text), so that equal rows sort together.
 */
final class ValueOrder {
    static final double RELATIVE_TOLERANCE = 1e-9;
    /** Rows compared value by value, left to right. */
    static final Comparator<List<Object>> ROWS = ValueOrder::compareLists;

    private ValueOrder() { }

    static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof Number x && b instanceof Number y) return numbersEqual(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            Iterator<?> i = x.iterator(), j = y.iterator();
            while (i.hasNext()) if (!equal(i.next(), j.next())) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean numbersEqual(Number a, Number b) {
        if (integral(a) && integral(b)) return a.longValue() == b.longValue();
        double x = a.doubleValue(), y = b.doubleValue();
        if (x == y || (Double.isNaN(x) && Double.isNaN(y))) return true;
        return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }

    static int compare(Object a, Object b) {
        int byKind = Integer.compare(rank(a), rank(b));
        if (byKind != 0 || a == null) return byKind;
        return switch (a) {
            case Boolean x -> x.compareTo((Boolean) b);
            case Number x -> integral(x) && integral((Number) b)
                    ? Long.compare(x.longValue(), ((Number) b).longValue())
                    : Double.compare(x.doubleValue(), ((Number) b).doubleValue());
            case String x -> x.compareTo((String) b);
            case List<?> x -> compareLists(x, (List<?>) b);
            case Map<?, ?> x -> compareLists(entries(x), entries((Map<?, ?>) b));
            default -> {
                int byClass = a.getClass().getName().compareTo(b.getClass().getName());
                yield byClass != 0 ? byClass : a.toString().compareTo(b.toString());
            }
        };
    }

    private static int compareLists(List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A map as [key, value, key, value, …] in key order, so maps compare like lists. */
    private static List<Object> entries(Map<?, ?> map) {
        var sorted = new TreeMap<String, Object>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted.entrySet().stream().<Object>mapMulti((e, out) -> { out.accept(e.getKey()); out.accept(e.getValue()); }).toList();
    }

    private static int rank(Object v) {
        return switch (v) {
            case null -> 0;
            case Boolean b -> 1;
            case Number n -> 2;
            case String s -> 3;
            case List<?> l -> 4;
            case Map<?, ?> m -> 5;
            default -> 6;
        };
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
