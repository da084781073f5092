package org.ozworkbench.core.compiler.parser;

import java.util.Arrays;

/**
 * Where the lines of a text start, so that an offset can be told as a 1-based line and column.
 * A line ends with CR (classic Squeak files), LF or CRLF; a CRLF is one line end. Columns count
 * characters (a tab is one column). Immutable and thread-safe.
 */
public final class LineMap {
    private final String text;
    private final int[] lineStarts;

    private LineMap(String text, int[] lineStarts) {
        this.text = text;
        this.lineStarts = lineStarts;
    }

    /** The line map of {@code text}. */
    public static LineMap of(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineMap(text, Arrays.copyOf(starts, count));
    }

    /** The 1-based line of {@code offset}; an offset at a line end belongs to the line it ends. */
    public int line(int offset) {
        int index = Arrays.binarySearch(lineStarts, clamp(offset));
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The 1-based column of {@code offset} on its line. */
    public int column(int offset) {
        return clamp(offset) - lineStarts[line(offset) - 1] + 1;
    }

    /** The text of the 1-based {@code line}, without its line end. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** How many lines the text has (an empty text, or one without a line end, has one). */
    public int lineCount() {
        return lineStarts.length;
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }
}
