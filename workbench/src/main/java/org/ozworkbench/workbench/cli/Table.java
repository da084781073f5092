package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A text table with columns as wide as their widest cell; the last column is not padded. */
final class Table {
    private static final String GAP = "  ";
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(int columns) {
        this.columns = columns;
    }

    static Table withHeadings(String... headings) {
        Table table = new Table(headings.length);
        table.rows.add(headings.clone());
        return table;
    }

    static Table withColumns(int columns) {
        return new Table(columns);
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + Arrays.toString(cells));
        }
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        print(out, "");
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String cell = row[i] == null ? "" : row[i];
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
