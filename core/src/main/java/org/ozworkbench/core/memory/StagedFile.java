package org.ozworkbench.core.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file written in full beside its target and not yet in place: {@link #publish()} renames it
 * over the target (a reader never sees half a file), {@link #close()} deletes it if it was never
 * published. Lets a command write an image before the surgery that made it commits, and put it in
 * place only after: a save that fails leaves nothing committed, a commit that fails leaves no file.
 */
public final class StagedFile implements AutoCloseable {
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private final Path target;
    private final Path tmp;
    private boolean published;

    private StagedFile(Path target, Path tmp) {
        this.target = target;
        this.tmp = tmp;
    }

    /**
     * Writes {@code bytes} to a temporary file in {@code target}'s folder (made if needed) and
     * forces them to the device. The file keeps the permissions of the one it will replace; a new
     * one is readable by all.
     *
     * @throws UncheckedIOException naming the target when the file cannot be written
     */
    public static StagedFile write(Path target, byte[] bytes) {
        Path dir = target.getParent() == null ? Path.of(".") : target.getParent();
        Path tmp = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new IllegalArgumentException("cannot save " + target + ": it is not a regular file (a folder, a"
                    + " device, a FIFO or a dangling link); refusing to replace it");
        }
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                channel.force(false);
            }
            copyPermissions(target, tmp);
            return new StagedFile(target, tmp);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new UncheckedIOException("cannot save " + target + ": " + reason(e), e);
        }
    }

    public Path target() {
        return target;
    }

    /** Renames the file over its target. */
    public void publish() {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            published = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + target + " in place: " + reason(e), e);
        }
    }

    /** Deletes the temporary file unless it was published. */
    @Override
    public void close() {
        if (!published) {
            deleteQuietly(tmp, null);
        }
    }

    /** What went wrong, in words: the JDK's messages for these are only the file's name. */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage();
    }

    private static void deleteQuietly(Path tmp, IOException into) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
            if (into != null) {
                into.addSuppressed(suppressed);
            }
        }
    }

    /** Java makes temporary files owner-only: give the saved file what a plain write would have. */
    private static void copyPermissions(Path replaced, Path tmp) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(replaced)
                    ? Files.getPosixFilePermissions(replaced) : NEW_FILE_PERMISSIONS;
            Files.setPosixFilePermissions(tmp, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults stand
        }
    }
}
