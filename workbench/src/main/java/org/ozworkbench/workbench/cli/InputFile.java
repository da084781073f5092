package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file-in or batch a command reads whole: refused before reading when it is not a regular file
 * (a device such as /dev/zero or a FIFO would never end) or is larger than
 * {@value #MAX_BYTES} bytes (Squeak's own sources file is about 20 MB).
 */
final class InputFile {
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private InputFile() {
    }

    /** The bytes of {@code file}, after checking its kind and size. */
    static byte[] read(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw BadInputException.noSuchFile(file);
        }
        if (attributes.isDirectory()) {
            throw BadInputException.because(file + ": is a folder: expected a file-in (.st, .cs) or a batch (.json)");
        }
        if (!attributes.isRegularFile()) {
            throw BadInputException.because(file + ": is not a regular file (a device, a FIFO or a socket): expected"
                    + " a file-in (.st, .cs) or a batch (.json)");
        }
        if (attributes.size() > MAX_BYTES) {
            throw BadInputException.because(file + ": " + attributes.size() + " bytes: larger than the "
                    + MAX_BYTES + " bytes a file-in or batch may have; split it");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
