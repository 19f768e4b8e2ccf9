package io.maestro.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain aligned text tables for the terminal. */
final class Table {
    private Table() { }

    static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) widths[i] = header.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        printRow(out, header, widths);
        for (List<String> row : rows) printRow(out, row, widths);
    }

    private static void printRow(PrintWriter out, List<String> row, int[] widths) {
        var sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) sb.append("  ");
            sb.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s", row.get(i)));
        }
        out.println(sb.toString().stripTrailing());
    }
}
