package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;

/**
 * Issue 12: a journal of three committed surgeries, damaged in every way a disk, a tool or a
 * person can: its queue and metadata files cut at every {@code ozw.sweep.stride} bytes of their
 * content and at each excerpt boundary, single bytes flipped across them, files deleted or
 * emptied. After each damage the journal is read, a surgery is attempted, and its committed
 * surgeries are replayed: reading never throws anything but a {@link JournalException}; what it
 * finds committed is a prefix of what was committed, and replays; a writer either appends after
 * every committed surgery (the journal was whole) or refuses and changes no file.
 */
class DamageSweepTest {
    /**
     * Bytes of the queue file's own metadata (its first excerpt) whose flip Chronicle fails to
     * parse in different ways (QueueFileHeaderTest flips them all, reading only).
     */
    private static final long[] QUEUE_HEADER_FLIPS = {1, 6, 12, 22, 28, 42, 48, 81};

    @TempDir
    static Path dir;
    private static Path image;
    private static Path original;
    private static List<String> committed;

    @BeforeAll
    static void threeSurgeries() {
        image = ImageAssumptions.assumeSharedImage(org.ozworkbench.fixtures.SharedImage.MINI);
        original = dir.resolve("original");
        try (JournalSession session = JournalSession.open(image, original)) {
            for (int i = 1; i <= 3; i++) {
                try (Surgery s = session.space().beginSurgery("s" + i)) {
                    session.space().classNamed("Object").orElseThrow().compile("ozwSweep" + i + "  ^ " + i);
                    s.commit();
                }
            }
        }
        try (Journal j = Journal.openReadOnly(original)) {
            committed = j.report().committed().stream().map(RecordedSurgery::label).toList();
        }
        assertThat(committed).containsExactly("s1", "s2", "s3");
    }

    @Test
    void everyDamageIsReadUpToItOrRefusedWithoutAWrite() throws IOException {
        int stride = Integer.getInteger("ozw.sweep.stride", 4000);
        int flips = Integer.getInteger("ozw.sweep.flips", 24);
        Path queue = QueueFiles.queueFile(original);
        long used = contentEnd(queue);
        List<String> damages = new ArrayList<>();
        for (long at = 0; at < used + stride; at += stride) {
            damages.add("cut queue " + at);
        }
        for (long boundary : excerptBoundaries(queue, used)) {
            damages.add("cut queue " + boundary);
        }
        Random random = new Random(Long.getLong("ozw.sweep.seed", 12L));
        for (int i = 0; i < flips; i++) {
            damages.add("flip queue " + random.nextLong(used));
        }
        for (long at : QUEUE_HEADER_FLIPS) {
            damages.add("flip queue " + at);
        }
        for (long at : new long[] {0, 1000, 65_536}) {
            damages.add("cut metadata " + at);
        }
        damages.addAll(List.of("delete queue", "delete metadata", "delete manifest", "empty manifest"));
        int refused = 0;
        int whole = 0;
        for (String damage : damages) {
            Path copy = copyOf(original, damage.replace(' ', '-'));
            damage(copy, damage);
            boolean appended = check(copy, damage);
            whole += appended ? 1 : 0;
            refused += appended ? 0 : 1;
        }
        System.out.printf("damage sweep: %d damages (%d bytes of queue content), %d refused, %d written on%n",
                damages.size(), used, refused, whole);
        assertThat(refused).isPositive();
    }

    /** Reads, replays and tries to append to a damaged journal; answers whether the append was allowed. */
    private boolean check(Path journal, String damage) throws IOException {
        List<RecordedSurgery> readable;
        try (Journal j = Journal.openReadOnly(journal)) {
            JournalReport r = j.report();
            readable = r.committed();
        } catch (JournalException e) {
            readable = List.of();
        }
        List<String> labels = readable.stream().map(RecordedSurgery::label).toList();
        assertThat(labels.size()).as(damage).isLessThanOrEqualTo(committed.size());
        assertThat(committed.subList(0, labels.size())).as(damage + ": what is read is a prefix").isEqualTo(labels);
        try (ObjectSpace fresh = ObjectSpace.load(image)) {
            Replayer.onto(fresh).replayAll(readable);
        }

        Map<String, String> before = fingerprint(journal);
        try (JournalSession session = JournalSession.open(image, journal)) {
            assertThat(session.replayed()).as(damage).isEqualTo(committed.size());
            try (Surgery s = session.space().beginSurgery("after " + damage)) {
                session.space().classNamed("Object").orElseThrow().compile("ozwAfter  ^ 4");
                s.commit();
            }
        } catch (JournalException e) {
            assertThat(e.getMessage()).as(damage).doesNotContain("\n").doesNotContain("\\x00");
            assertThat(fingerprint(journal)).as(damage + ": a refusal changes no file").isEqualTo(before);
            return false;
        }
        try (Journal j = Journal.openReadOnly(journal)) {
            assertThat(j.report().committed()).as(damage).hasSize(committed.size() + 1);
        }
        return true;
    }

    private static void damage(Path journal, String what) throws IOException {
        String[] w = what.split(" ");
        Path file = switch (w[1]) {
            case "queue" -> QueueFiles.queueFile(journal);
            case "metadata" -> journal.resolve("metadata.cq4t");
            default -> journal.resolve("manifest.json");
        };
        switch (w[0]) {
            case "cut" -> {
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(Long.parseLong(w[2]));
                }
            }
            case "flip" -> {
                long at = Long.parseLong(w[2]);
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.allocate(1);
                    c.read(b, at);
                    b.put(0, (byte) ~b.get(0)).rewind();
                    c.write(b, at);
                }
            }
            case "delete" -> Files.delete(file);
            case "empty" -> Files.write(file, new byte[0]);
            default -> throw new IllegalArgumentException(what);
        }
    }

    /** Where the queue file's content ends: the last non-zero byte, rounded up. */
    private static long contentEnd(Path queue) throws IOException {
        byte[] bytes = Files.readAllBytes(queue);
        int last = bytes.length - 1;
        while (last > 0 && bytes[last] == 0) {
            last--;
        }
        return last + 1L;
    }

    /** The offsets where the excerpts holding the three surgeries' events begin (their headers). */
    private static List<Long> excerptBoundaries(Path queue, long used) {
        List<Long> out = new ArrayList<>();
        for (String label : List.of("\"s1\"", "\"s2\"", "\"s3\"")) {
            out.add(QueueFiles.headerOf(queue, label));
        }
        out.add(used);
        return out;
    }

    private static Path copyOf(Path from, String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static Map<String, String> fingerprint(Path journal) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals(WriterLock.NAME)) {
                    try {
                        out.put(f.getFileName().toString(), Files.size(f) + " " + HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
