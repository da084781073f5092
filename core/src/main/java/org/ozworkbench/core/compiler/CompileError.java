package org.ozworkbench.core.compiler;

import org.ozworkbench.core.compiler.parser.LineMap;

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
        LineMap lines = LineMap.of(source);
        int line = lines.line(offset);
        return new CompileError(message, offset, line, lines.column(offset), lines.lineText(line));
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
