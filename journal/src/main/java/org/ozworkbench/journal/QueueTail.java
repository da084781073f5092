package org.ozworkbench.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Looks at what follows the last excerpt Chronicle delivered from a queue file. Chronicle's
 * tailer stops silently where the chain of excerpts stops, so a torn or corrupt tail would look
 * like a shorter journal; this walk tells them apart.
 *
 * <p>A queue file is a chain of 4-byte-aligned excerpts, each behind a little-endian header word:
 * bit 31 "not complete", bit 30 "metadata", bits 0-29 the length. A zero word ends the chain; so
 * does the end-of-data marker a roll writes (both bits, length 0). After the chain the file holds
 * zeros (behind an end-of-data marker, first the word "EOF"). Chronicle 2026 appends by writing the data behind a zero header and then setting the
 * header to the length: a writer killed meanwhile leaves a zero header followed by part of an
 * excerpt, which the next append overwrites in place. It never leaves a header marked "not
 * complete" other than the end-of-data marker after the first: such a header is corruption.
 *
 * <p>The first header of a file is the exception: Chronicle creates a queue file by claiming its
 * first header (setting it to "not complete", length 0) and then writing the queue's own
 * metadata behind it. A writer killed in between leaves a file with no excerpt in it: see
 * {@link #tornCreation}.
 */
final class QueueTail {
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int END_OF_DATA = NOT_COMPLETE | META_DATA;
    private static final int HEADER_BYTES = Integer.BYTES;
    /**
     * What Chronicle writes behind the end-of-data marker when it rolls to the next day's file: the
     * word "EOF" as a short wire text (type byte 0xC3: text of 3 bytes).
     */
    private static final byte[] END_OF_DATA_PAYLOAD = {(byte) 0xC3, 'E', 'O', 'F'};
    private static final int BUFFER_BYTES = 1 << 20;
    /**
     * The longest metadata excerpt believed after the data began. Chronicle writes small ones
     * there (index arrays of a few tens of KB); a longer one is garbage whose first word happens to
     * look like a metadata header.
     */
    private static final long MAX_METADATA_BYTES = 1 << 20;
    /** The most bytes an unfinished excerpt may hold: journal events are far smaller. */
    private static final long MAX_TORN_BYTES = 16L << 20;

    /**
     * The most bytes a file's own metadata (the first excerpt Chronicle writes in it, a couple of
     * hundred bytes) is believed to hold behind a first header whose writer died.
     */
    private static final long MAX_FILE_METADATA_BYTES = 64 << 10;

    /** What follows the last delivered excerpt. */
    enum Kind {
        /** Nothing but zeros (and maybe an end-of-data marker and metadata): the file ends cleanly. */
        CLEAN,
        /** A complete data excerpt Chronicle did not deliver (a writer appended meanwhile, or it skipped it). */
        UNDELIVERED,
        /** An unfinished excerpt at the very end: a writer died while appending it, or is appending it now. */
        TORN,
        /** Bytes that are not excerpts: corruption. */
        GARBAGE
    }

    /** A header the chain must not follow, at {@code offset}; {@code dataBefore}: a data excerpt precedes it in its file. */
    record BadHeader(long offset, boolean dataBefore, String what) {
    }

    /** A finding at {@code offset}; for a torn excerpt, its bytes end before {@code end}. */
    record Result(Kind kind, long offset, long end, String what) {
    }

    private QueueTail() {
    }

    /** Walks {@code file} from {@code offset}, the end of the last delivered excerpt (0 when none was). */
    static Result check(Path file, long offset) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = c.size();
            long pos = align(offset);
            ByteBuffer word = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (pos + HEADER_BYTES <= size) {
                word.clear();
                if (c.read(word, pos) < HEADER_BYTES) {
                    break;
                }
                int header = word.getInt(0);
                long length = header & LENGTH_MASK;
                long next = align(pos + HEADER_BYTES + length);
                if (header == 0) {
                    return unfinished(c, pos, size);
                } else if (header == END_OF_DATA) {
                    long[] extent = nonZeroExtent(c, pos + HEADER_BYTES + endOfDataPayload(c, pos + HEADER_BYTES), size);
                    return extent == null ? clean(pos) : new Result(Kind.GARBAGE, extent[0], extent[1],
                            "non-zero bytes after the end-of-data marker, at offset " + extent[0]);
                } else if (next > size) {
                    return new Result(Kind.GARBAGE, pos, pos, String.format("header word %08x at offset %d claims %d"
                            + " bytes, past the end of the file (%d bytes)", header, pos, length, size));
                } else if ((header & NOT_COMPLETE) == 0 && (header & META_DATA) != 0) {
                    if (offset > 0 && length > MAX_METADATA_BYTES) {
                        return new Result(Kind.GARBAGE, pos, pos, String.format("header word %08x at offset %d claims"
                                + " %d bytes of metadata: no such metadata follows journal events", header, pos, length));
                    }
                    pos = next;
                } else if ((header & NOT_COMPLETE) == 0) {
                    return new Result(Kind.UNDELIVERED, pos, next, "a complete excerpt of " + length
                            + " bytes at offset " + pos + " that the queue did not deliver");
                } else {
                    return new Result(Kind.GARBAGE, pos, pos, String.format("header word %08x at offset %d is marked"
                            + " unfinished: neither an excerpt nor the end of the data",
                            header, pos));
                }
            }
            return clean(pos);
        }
    }

    /** How many bytes at {@code at}, right behind an end-of-data marker, are its payload: 4, or 0 when there is none. */
    private static int endOfDataPayload(FileChannel c, long at) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(END_OF_DATA_PAYLOAD.length);
        c.read(payload, at);
        return java.util.Arrays.equals(payload.array(), END_OF_DATA_PAYLOAD) ? END_OF_DATA_PAYLOAD.length : 0;
    }

    /**
     * Walks the chain of excerpt headers of {@code file} from its start, as Chronicle will, and
     * answers the first header it must not follow: one whose length runs past the end of the file
     * (Chronicle, reading a file it may not extend, would touch a page past the end and fault), or
     * marked unfinished other than the end-of-data marker. Empty when the chain ends cleanly.
     */
    static java.util.Optional<BadHeader> firstBadHeader(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = c.size();
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long bufStart = 0;
            int bufLength = 0;
            boolean data = false;
            for (long pos = 0; pos + HEADER_BYTES <= size; ) {
                if (pos < bufStart || pos + HEADER_BYTES > bufStart + bufLength) {
                    buf.clear();
                    bufStart = pos;
                    bufLength = Math.max(0, c.read(buf, pos));
                    if (bufLength < HEADER_BYTES) {
                        break;
                    }
                }
                int header = buf.getInt((int) (pos - bufStart));
                long length = header & LENGTH_MASK;
                long next = align(pos + HEADER_BYTES + length);
                if (header == 0 || header == END_OF_DATA) {
                    break;
                } else if ((header & NOT_COMPLETE) != 0) {
                    return java.util.Optional.of(new BadHeader(pos, data, String.format("header word %08x at offset %d"
                            + " is marked unfinished: neither an excerpt nor the end of the data", header, pos)));
                } else if (next > size) {
                    return java.util.Optional.of(new BadHeader(pos, data, String.format("header word %08x at offset %d"
                            + " claims %d bytes, past the end of the file (%d bytes)", header, pos, length, size)));
                }
                data |= (header & META_DATA) == 0;
                pos = next;
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * The SHA-256 {@link Journal#digestUpTo} gives, computed from the bytes of {@code file} alone,
     * walking its chain of headers as Chronicle does, without a tailer: each data excerpt (not
     * metadata) is the next index from {@code firstIndex}, hashed with its length as the tailer's
     * read gives them, up to the one at {@code index}. Empty as soon as the chain is anything but
     * plain complete excerpts up to it (an unfinished header, the end of the data, a length past the
     * end of the file, an excerpt longer than the buffer): then Chronicle's own read decides.
     */
    static java.util.Optional<byte[]> digestUpTo(Path file, long firstIndex, long index) throws IOException {
        if (index < firstIndex) {
            return java.util.Optional.empty();
        }
        java.security.MessageDigest sha = EventCodec.sha256();
        ByteBuffer head = ByteBuffer.allocate(Long.BYTES + Integer.BYTES);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = c.size();
            ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            byte[] bytes = buf.array();
            long bufStart = 0;
            int bufLength = 0;
            long next = firstIndex;
            for (long pos = 0; pos + HEADER_BYTES <= size; ) {
                int header = pos + HEADER_BYTES <= bufStart + bufLength ? buf.getInt((int) (pos - bufStart)) : 0;
                long length = header & LENGTH_MASK;
                long end = pos + HEADER_BYTES + length;
                if (header == 0 || end > bufStart + bufLength) { // not (wholly) in the buffer: read from this header on
                    buf.clear();
                    bufStart = pos;
                    bufLength = Math.max(0, c.read(buf, pos));
                    header = bufLength < HEADER_BYTES ? 0 : buf.getInt(0);
                    length = header & LENGTH_MASK;
                    end = pos + HEADER_BYTES + length;
                    if (header == 0 || end > bufStart + bufLength) {
                        return java.util.Optional.empty();
                    }
                }
                if ((header & NOT_COMPLETE) != 0) {
                    return java.util.Optional.empty();
                }
                if ((header & META_DATA) == 0) {
                    sha.update(head.clear().putLong(next).putInt((int) length).array());
                    sha.update(bytes, (int) (pos - bufStart) + HEADER_BYTES, (int) length);
                    if (next == index) {
                        return java.util.Optional.of(sha.digest());
                    }
                    next++;
                }
                pos = align(end);
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether {@code file}'s writer died while creating it: the file is shorter than a header, or
     * all zeros (made, its first header not yet claimed), or its first header is still claimed
     * (marked unfinished, length 0) with nothing but part of the file's own metadata behind it
     * (at most {@link #MAX_FILE_METADATA_BYTES}, then zeros). Such a file holds no excerpt: its
     * first header never got its length, and Chronicle appends nothing before it does. Chronicle
     * itself cannot open it (a reader waits half a minute for the header, then fails).
     */
    static boolean tornCreation(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer word = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            if (c.read(word, 0) < HEADER_BYTES) {
                return true;
            }
            int first = word.getInt(0);
            if (first != 0 && first != NOT_COMPLETE) {
                return false;
            }
            long[] extent = nonZeroExtent(c, HEADER_BYTES, c.size());
            return extent == null || first == NOT_COMPLETE && extent[1] <= HEADER_BYTES + MAX_FILE_METADATA_BYTES;
        }
    }

    /**
     * The chain ends at {@code pos} (a zero header). What may follow is the start of one excerpt a
     * writer was writing: JSON text, which has no zero byte, from right after the header, then
     * zeros. Anything else is garbage.
     */
    private static Result unfinished(FileChannel c, long pos, long size) throws IOException {
        long from = pos + HEADER_BYTES;
        long[] extent = nonZeroExtent(c, from, size);
        if (extent == null) {
            return clean(pos);
        }
        long firstZero = firstZero(c, from, Math.min(size, extent[1]));
        boolean oneRun = extent[0] == from && firstZero >= extent[1] && firstByte(c, from) == '{';
        if (!oneRun || extent[1] - from > MAX_TORN_BYTES) {
            return new Result(Kind.GARBAGE, extent[0], extent[1], "non-zero bytes from offset " + extent[0] + " to "
                    + extent[1] + " after the last excerpt, which are not the start of one excerpt");
        }
        return new Result(Kind.TORN, pos, extent[1], "an unfinished excerpt at offset " + pos + " ("
                + (extent[1] - from) + " bytes written, no length yet): a writer died while appending it");
    }

    private static int firstByte(FileChannel c, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return c.read(one, at) == 1 ? one.get(0) : -1;
    }

    /** The offset of the first zero byte in {@code [from, to)}, or {@code to}. */
    private static long firstZero(FileChannel c, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        for (long pos = from; pos < to; ) {
            buf.clear().limit((int) Math.min(BUFFER_BYTES, to - pos));
            int n = c.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == 0) {
                    return pos + i;
                }
            }
            pos += n;
        }
        return to;
    }

    /**
     * The first and (exclusive) last non-zero byte offsets from {@code from} to the end, or null when all are zero.
     * A queue file is mostly zeros after its data (Chronicle makes it tens of MB, sparse): each block is
     * compared with a block of zeros at once ({@link ByteBuffer#mismatch}, vectorized), and only a block that
     * differs is walked byte by byte. Walked word by word, the zeros of one file took a cold command a second.
     */
    private static long[] nonZeroExtent(FileChannel c, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer zeros = ZEROS.duplicate();
        long first = -1;
        long last = -1;
        long pos = from;
        while (pos < size) {
            buf.clear();
            int n = c.read(buf, pos);
            if (n <= 0) {
                break;
            }
            buf.flip();
            zeros.clear().limit(n);
            if (buf.mismatch(zeros) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) != 0) {
                        if (first < 0) {
                            first = pos + i;
                        }
                        last = pos + i;
                    }
                }
            }
            pos += n;
        }
        return first < 0 ? null : new long[] {first, last + 1};
    }

    /** A block of zeros to compare blocks of a file with: never written, shared through duplicates. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BUFFER_BYTES).asReadOnlyBuffer();

    /** Overwrites {@code [from, to)} with zeros: the bytes of an unfinished excerpt, never acknowledged. */
    static void clear(Path file, long from, long to) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(to - from, BUFFER_BYTES));
            for (long pos = from; pos < to; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), to - pos));
                pos += c.write(zeros, pos);
            }
            c.force(false);
        }
    }

    private static Result clean(long pos) {
        return new Result(Kind.CLEAN, pos, pos, "");
    }

    private static long align(long offset) {
        return (offset + HEADER_BYTES - 1) & ~(long) (HEADER_BYTES - 1);
    }
}
