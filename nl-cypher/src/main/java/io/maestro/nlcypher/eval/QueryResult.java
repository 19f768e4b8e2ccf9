package io.maestro.nlcypher.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query's result as plain Java values (String, Long, Double, Boolean, List, Map, null): its
 * column names and its rows, each row as wide as the columns. Rows may hold nulls.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        var copy = new ArrayList<List<Object>>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " values for " + columns.size() + " columns " + columns);
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public int width() {
        return columns.size();
    }

    public Object value(int row, int column) {
        return rows.get(row).get(column);
    }
}
