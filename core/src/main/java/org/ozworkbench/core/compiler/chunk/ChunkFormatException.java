package org.ozworkbench.core.compiler.chunk;

import org.ozworkbench.core.compiler.parser.SyntaxError;

/**
 * A chunk-format file that cannot be read, or a chunk of it that is not Smalltalk: the file name,
 * the 1-based line of the file (and column, where one is known) and what is wrong there.
 */
public final class ChunkFormatException extends RuntimeException {
    private final String fileName;
    private final int line;

    private ChunkFormatException(String fileName, int line, String where, String message, Throwable cause) {
        super(fileName + ":" + where + ": " + message, cause);
        this.fileName = fileName;
        this.line = line;
    }

    /** A {@code !...!} section header that is not one of the known ones. */
    public static ChunkFormatException unknownSection(String fileName, int line, String header) {
        return new ChunkFormatException(fileName, line, String.valueOf(line), "unknown section header '"
                + header.strip() + "'; expected 'Foo methodsFor: 'category'' (or 'Foo class methodsFor:'),"
                + " 'Foo commentStamp: 'stamp' prior: 0' or 'Foo reorganize'", null);
    }

    /**
     * A syntax error in the source of a chunk that starts at line {@code chunkLine}, column 1, of
     * the file: the error told at the file's line (and column), e.g.
     * {@code Foo.st:14:9: expected ']' to close the block opened at line 13:5}.
     */
    public static ChunkFormatException syntaxError(String fileName, int chunkLine, SyntaxError error) {
        return syntaxError(fileName, chunkLine, 1, error);
    }

    /** The same, for a chunk that starts at {@code chunkColumn} of its line. */
    public static ChunkFormatException syntaxError(String fileName, int chunkLine, int chunkColumn,
                                                   SyntaxError error) {
        return located(fileName, "", error.relocated(chunkLine, chunkColumn), error);
    }

    /** The syntax error of a section header that starts at {@code line}, {@code column} of the file. */
    static ChunkFormatException badSectionHeader(String fileName, int line, int column, SyntaxError error) {
        return located(fileName, "in a section header: ", error.relocated(line, column), error);
    }

    private static ChunkFormatException located(String fileName, String context, SyntaxError moved,
                                                SyntaxError cause) {
        return new ChunkFormatException(fileName, moved.line(), moved.line() + ":" + moved.column(),
                context + moved.description(), cause);
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line of the file. */
    public int line() {
        return line;
    }
}
