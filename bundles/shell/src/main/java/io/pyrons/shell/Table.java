package io.pyrons.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns for terminal output; the last column is never padded. */
final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        this.header = header.clone();
    }

    Table row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : null;
        }
        rows.add(r);
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The header and every row; an absent cell prints as empty. */
    void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        print(out, lines);
    }

    /**
     * A two-column key/value listing: the rows without the header, keys followed by a colon, leaving out
     * rows whose value is absent (unknown).
     */
    void printKeyValues(PrintStream out) {
        String suffix = ":";
        List<String[]> lines = new ArrayList<>();
        for (String[] r : rows) {
            if (r[r.length - 1] != null) {
                String[] copy = r.clone();
                copy[0] = copy[0] + suffix;
                lines.add(copy);
            }
        }
        print(out, lines);
    }

    private void print(PrintStream out, List<String[]> lines) {
        int columns = header.length;
        int[] width = new int[columns];
        for (String[] r : lines) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], text(r[i]).length());
            }
        }
        for (String[] r : lines) {
            if (CommandThread.cancelled()) {
                throw new CommandFailure("interrupted"); // Ctrl-C in the console: a long listing stops here
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = text(r[i]);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String text(String cell) {
        return cell == null ? "" : cell;
    }
}
