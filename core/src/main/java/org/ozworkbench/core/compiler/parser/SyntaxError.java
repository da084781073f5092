package org.ozworkbench.core.compiler.parser;

/**
 * Source that is not Smalltalk: where the problem is (offset, 1-based line and column, the text
 * of that line) and what was expected there. {@link #getMessage()} is one line, e.g.
 * {@code line 3:14: expected ']' to close the block opened at line 2:5}; {@link #caretReport()}
 * adds the source line with a caret under the column.
 */
public final class SyntaxError extends RuntimeException {

    /** What kind of mistake it is; the codes are stable. */
    public enum Kind {
        /** A block, parenthesis, brace, literal array, string, comment or pragma is not closed. */
        UNCLOSED("unclosed"),
        /** Something else than what the grammar allows at that place. */
        EXPECTED("expected"),
        /** Text after a complete method or expression. */
        NOTHING_MORE_EXPECTED("nothing-more"),
        /** A character that no token starts with. */
        UNKNOWN_CHARACTER("unknown-character"),
        /** A number, character or symbol literal that is malformed. */
        BAD_LITERAL("bad-literal"),
        /** {@code :=} after something that is not an assignable variable. */
        NOT_ASSIGNABLE("not-assignable"),
        /** {@code ^} anywhere but at the start of a statement. */
        MISPLACED_RETURN("misplaced-return"),
        /** Expressions nested deeper than the parser and compiler accept. */
        TOO_DEEP("too-deep");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String text;
    private final int openedLine;
    private final int openedColumn;
    private final int offset;
    private final int line;
    private final int column;
    private final String sourceLine;
    private final int caretColumn;

    private SyntaxError(Kind kind, String text, int openedLine, int openedColumn, int offset, int line, int column,
                        String sourceLine, int caretColumn) {
        super("line " + line + ":" + column + ": " + describe(text, openedLine, openedColumn));
        this.kind = kind;
        this.text = text;
        this.openedLine = openedLine;
        this.openedColumn = openedColumn;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
        this.caretColumn = caretColumn;
    }

    private static String describe(String text, int openedLine, int openedColumn) {
        return openedLine > 0 ? text + " opened at line " + openedLine + ":" + openedColumn : text;
    }

    /** A mistake of {@code kind} at {@code offset} in {@code source}, described by {@code description}. */
    public static SyntaxError at(String source, int offset, Kind kind, String description) {
        return at(source, offset, kind, description, -1);
    }

    private static SyntaxError at(String source, int offset, Kind kind, String text, int openedAt) {
        LineMap lines = LineMap.of(source);
        int line = lines.line(offset);
        int column = lines.column(offset);
        int openedLine = openedAt < 0 ? 0 : lines.line(openedAt);
        int openedColumn = openedAt < 0 ? 0 : lines.column(openedAt);
        return new SyntaxError(kind, text, openedLine, openedColumn, offset, line, column, lines.lineText(line),
                column);
    }

    /** {@code expected ']' to close the block opened at line 2:5}, said where the closer is missing. */
    static SyntaxError unclosed(String source, int offset, String closer, String what, int openedAt) {
        return at(source, offset, Kind.UNCLOSED, "expected " + closer + " to close the " + what, openedAt);
    }

    /** {@code expected an argument after 'at:' but found ']'}. */
    static SyntaxError expected(String source, int offset, String what, String found) {
        return at(source, offset, Kind.EXPECTED, "expected " + what + " but found " + found);
    }

    static SyntaxError nothingMoreExpected(String source, int offset, String found, String hint) {
        return at(source, offset, Kind.NOTHING_MORE_EXPECTED, "nothing more expected, but found " + found + hint);
    }

    static SyntaxError emptyPragma(String source, int offset) {
        return at(source, offset, Kind.EXPECTED, "empty pragma: expected a keyword such as 'primitive:' after '<'");
    }

    static SyntaxError unknownCharacter(String source, int offset) {
        char c = source.charAt(offset);
        String shown = Character.isISOControl(c) || Character.isWhitespace(c) ? "" : "'" + c + "' ";
        return at(source, offset, Kind.UNKNOWN_CHARACTER,
                "unexpected character " + shown + String.format("(U+%04X)", (int) c));
    }

    static SyntaxError badLiteral(String source, int offset, String description) {
        return at(source, offset, Kind.BAD_LITERAL, description);
    }

    static SyntaxError notAssignable(String source, int offset, String description) {
        return at(source, offset, Kind.NOT_ASSIGNABLE, description);
    }

    static SyntaxError misplacedReturn(String source, int offset) {
        return at(source, offset, Kind.MISPLACED_RETURN,
                "'^' (return) can only begin a statement; a '.' may be missing before it");
    }

    /**
     * This error as told for a larger text in which the parsed source began at line
     * {@code firstLine}, column {@code firstColumn} (both 1-based): the line and column, and the
     * position of an unclosed opener in the description, are moved; the source line, the caret
     * report and the offset stay those of the parsed source.
     */
    public SyntaxError relocated(int firstLine, int firstColumn) {
        int movedOpenedLine = openedLine > 0 ? openedLine + firstLine - 1 : 0;
        int movedOpenedColumn = openedLine == 1 ? openedColumn + firstColumn - 1 : openedColumn;
        int movedColumn = line == 1 ? column + firstColumn - 1 : column;
        return new SyntaxError(kind, text, movedOpenedLine, movedOpenedColumn, offset, line + firstLine - 1,
                movedColumn, sourceLine, caretColumn);
    }

    public Kind kind() {
        return kind;
    }

    /** The message without the position: {@code expected ']' to close the block opened at line 2:5}. */
    public String description() {
        return describe(text, openedLine, openedColumn);
    }

    /** 0-based offset into the source. */
    public int offset() {
        return offset;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters; a tab counts as one). */
    public int column() {
        return column;
    }

    /** The text of the line the error is on, without its line end (of the parsed source). */
    public String sourceLine() {
        return sourceLine;
    }

    /**
     * The source line, then a line with a caret {@code ^} under the column. Tabs before the column
     * are repeated so the caret lines up however tabs are shown.
     */
    public String caretReport() {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < caretColumn - 1; i++) {
            caret.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sourceLine + "\n" + caret + "^";
    }
}
