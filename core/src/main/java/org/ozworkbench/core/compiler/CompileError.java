package org.ozworkbench.core.compiler;

/**
 * Source the compiler refuses (an undeclared variable, a store into a constant, too many
 * literals...): where it is, and why. Nothing was installed.
 */
public final class CompileError extends RuntimeException {
    private final int offset;
    private final int line;
    private final int column;
    private final String sourceLine;

    private CompileError(String message, int offset, int line, int column, String sourceLine) {
        super("line " + line + ":" + column + ": " + message);
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
    }

    /** An error at {@code offset} in {@code source}. */
    public static CompileError at(String source, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            char c = source.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= source.length() || source.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < source.length() && source.charAt(lineEnd) != '\n' && source.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        return new CompileError(message, offset, line, offset - lineStart + 1, source.substring(lineStart, lineEnd));
    }

    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The source line and a caret under the place. */
    public String caretReport() {
        return sourceLine + System.lineSeparator() + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
