package org.ozworkbench.core.image;

import java.nio.file.Path;

/**
 * The one exception a bad image file raises: it names the file, the byte offset in the file
 * (or -1 when the problem is not at one place), and what was expected there.
 */
public final class ImageFormatException extends RuntimeException {
    private final transient Path file;
    private final long offset;

    private ImageFormatException(Path file, long offset, String message, Throwable cause) {
        super(describe(file, offset, message), cause);
        this.file = file;
        this.offset = offset;
    }

    private static String describe(Path file, long offset, String message) {
        String where = offset >= 0 ? " at offset " + offset + " (0x" + Long.toHexString(offset) + ")" : "";
        return (file == null ? "<image>" : file.toString()) + where + ": " + message;
    }

    public static ImageFormatException at(Path file, long offset, String message) {
        return new ImageFormatException(file, offset, message, null);
    }

    public static ImageFormatException of(Path file, String message) {
        return new ImageFormatException(file, -1, message, null);
    }

    public static ImageFormatException unreadable(Path file, Throwable cause) {
        String why = cause instanceof java.nio.file.NoSuchFileException ? "no such file"
                : cause instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : "cannot read the file: " + cause.getMessage();
        return new ImageFormatException(file, -1, why, cause);
    }

    public static ImageFormatException unsupportedFormat(Path file, int format) {
        String kind = switch (format) {
            case 6521 -> "Spur";
            case 68021, 68019 -> "Spur 64-bit";
            case 68000, 68002, 68003 -> "V3 64-bit";
            default -> "unknown";
        };
        return new ImageFormatException(file, 0, "unsupported image format " + format + " (" + kind
                + "); expected a 32-bit Squeak V3 image, format 6502, 6504 or 6505", null);
    }

    public Path file() {
        return file;
    }

    /** Byte offset in the file where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}
