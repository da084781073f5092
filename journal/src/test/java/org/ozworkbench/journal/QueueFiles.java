package org.ozworkbench.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** Test helpers that damage a journal's queue file the way disks and crashes do. */
final class QueueFiles {
    /** Chronicle's first header of a file while it writes the file's own metadata: claimed ("not complete"), no length yet. */
    static final int CLAIMED = 0x8000_0000;
    /** How many bytes of a file's metadata a kill during its creation let through, in the torn files made here. */
    private static final int METADATA_WRITTEN = 40;

    private QueueFiles() {
    }

    /**
     * Makes {@code queueFile} as a writer killed while Chronicle created it leaves it (CrashTest met
     * it): its first header claimed, part of its metadata, then zeros.
     */
    static void tearCreation(Path queueFile) throws IOException {
        long size = Files.size(queueFile);
        putInt(queueFile, 0, CLAIMED);
        write(queueFile, Integer.BYTES + METADATA_WRITTEN, new byte[(int) (size - Integer.BYTES - METADATA_WRITTEN)]);
    }

    /** The journal's only queue file. */
    static Path queueFile(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).reduce((a, b) -> {
                throw new IllegalStateException("more than one queue file in " + dir);
            }).orElseThrow(() -> new IllegalStateException("no queue file in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file offset where {@code text} first occurs. */
    static long offsetOf(Path file, String text) {
        return offsetOf(file, text, 0);
    }

    /** The file offset where {@code text} occurs for the {@code nth} time, counting from 0. */
    static long offsetOf(Path file, String text, int nth) {
        byte[] all = read(file);
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int seen = 0;
        for (int i = 0; i + t.length <= all.length; i++) {
            if (startsWith(all, i, t) && seen++ == nth) {
                return i;
            }
        }
        throw new IllegalStateException("'" + text + "' is not " + (nth + 1) + " times in " + file);
    }

    /** The offset of the header word of the excerpt whose JSON holds {@code text}. */
    static long headerOf(Path file, String text) {
        return headerOf(file, text, 0);
    }

    /** The offset of the header word of the excerpt whose JSON holds the {@code nth} {@code text}. */
    static long headerOf(Path file, String text, int nth) {
        byte[] all = read(file);
        byte[] start = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
        for (long at = offsetOf(file, text, nth); at >= 0; at--) {
            if (startsWith(all, (int) at, start)) {
                return at - Integer.BYTES;
            }
        }
        throw new IllegalStateException("no excerpt holds '" + text + "' in " + file);
    }

    private static boolean startsWith(byte[] all, int at, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (all[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    static void write(Path file, long offset, byte[] bytes) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(bytes), offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void cut(Path file, long size) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int intAt(Path file, long offset) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            c.read(b, offset);
            return b.getInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putInt(Path file, long offset, int value) {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value).array());
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
