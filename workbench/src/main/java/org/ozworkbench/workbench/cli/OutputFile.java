package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file a command writes its image to ({@code --out}), checked in one place before the command
 * does any work, so that a bad {@code --out} neither commits a surgery nor changes a file. It must
 * be a new path or a regular file (never a folder, a device or a FIFO, which a save would rename
 * a file over), under a folder (or a path where folders can be made), and never the input image
 * (unless asked), a file the command reads, or anything inside a journal folder.
 */
final class OutputFile {
    private final Path given;
    private final Path absolute;

    private OutputFile(Path given) {
        this.given = given;
        this.absolute = realPathOf(given);
    }

    /** Checks what {@code --out} names by itself: not empty, a new path or a regular file, under a folder. */
    static OutputFile check(Path out) {
        if (out.toString().isEmpty()) {
            throw BadInputException.because("--out '': an empty path: expected the image file to write");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(out)) {
            throw BadInputException.because("--out " + out + ": " + (Files.isDirectory(out) ? "is a folder"
                    : "is not a regular file (a device, a FIFO, a socket or a dangling link)")
                    + ": expected a regular file or a new path");
        }
        Path ancestor = out.toAbsolutePath().normalize().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && !Files.isDirectory(ancestor)) {
            throw BadInputException.because("--out " + out + ": " + ancestor + " is a file, not a folder: expected"
                    + " the image to go into a folder");
        }
        return new OutputFile(out);
    }

    /**
     * Checks a folder a command writes files into ({@code ozw export --out DIR}): not empty, an
     * existing folder or a new path under a folder (made by the command).
     */
    static Path checkFolder(Path out) {
        if (out.toString().isEmpty()) {
            throw BadInputException.because("--out '': an empty path: expected the folder to write into");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw BadInputException.because("--out " + out + ": is a file, not a folder: expected a folder or a new"
                    + " path");
        }
        Path ancestor = out.toAbsolutePath().normalize().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && !Files.isDirectory(ancestor)) {
            throw BadInputException.because("--out " + out + ": " + ancestor + " is a file, not a folder: expected"
                    + " the folder to go into a folder");
        }
        return out;
    }

    /** Refuses the input image itself unless {@code overwrite}. */
    OutputFile notTheImage(Path image, boolean overwrite) {
        if (!overwrite && sameFile(image)) {
            throw BadInputException.refusingToOverwrite(image);
        }
        return this;
    }

    /** Refuses a file the command reads ({@code what}: "the file-in", "the batch"...). */
    OutputFile notTheInput(Path input, String what) {
        if (sameFile(input)) {
            throw BadInputException.because("--out " + given + " is " + what + " " + input
                    + ": refusing to write the image over it; choose another --out");
        }
        return this;
    }

    /** Refuses a path in the journal folder or in one of its subfolders. */
    OutputFile outsideJournal(Path journal) {
        if (absolute.startsWith(realPathOf(journal))) {
            throw BadInputException.because("--out " + given + " is inside the journal folder " + journal
                    + ": the journal's files must never be overwritten; choose another --out");
        }
        return this;
    }

    private boolean sameFile(Path other) {
        if (Files.exists(given) && Files.exists(other)) {
            try {
                return Files.isSameFile(given, other);
            } catch (IOException e) {
                return absolute.equals(realPathOf(other));
            }
        }
        return absolute.equals(realPathOf(other));
    }

    /**
     * The absolute path with symbolic links resolved as far as the path exists, so that a link to
     * a folder and the folder compare equal.
     */
    private static Path realPathOf(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
