package org.ozworkbench.core.compiler.conformance;

import java.nio.file.Path;

/** A corpus file that does not follow the format: says which file, at which byte offset, and what was expected. */
public final class GuestCorpusFormatException extends RuntimeException {
    private final Path file;
    private final long offset;

    private GuestCorpusFormatException(Path file, long offset, String message) {
        super(file + ", offset " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    static GuestCorpusFormatException at(Path file, long offset, String message) {
        return new GuestCorpusFormatException(file, offset, message);
    }

    static GuestCorpusFormatException unexpectedField(Path file, long offset, String found, String expected) {
        return at(file, offset, "expected " + expected + ", found field '" + found + "'");
    }

    static GuestCorpusFormatException truncated(Path file, long offset, String expected) {
        return at(file, offset, "the file ends where " + expected + " should be (the guest stopped writing?)");
    }

    /** The file, as named when it was read. */
    public Path file() {
        return file;
    }

    /** The byte offset in the file where the problem starts. */
    public long offset() {
        return offset;
    }
}
