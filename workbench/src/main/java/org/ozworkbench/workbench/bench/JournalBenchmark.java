package org.ozworkbench.workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.EventCodec;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.journal.JournalRecorder;

/**
 * Issue 4's benchmark: SmallInteger stores into the slots of an Array of the guest, through the
 * membrane, in surgeries of {@code batch} writes, (1) journaled by a {@link JournalRecorder} on a
 * real journal (durable commits: fdatasync), (2) the same writes unjournaled, and (3) as the
 * reference, raw Chronicle appends of the very excerpts the recorder writes for them (begin, one
 * JSON {@code ChangeMade} per write, commit), with the same fdatasync per surgery; then (4) the
 * latency of a durable commit of a one-write surgery.
 */
public final class JournalBenchmark {
    /** Writes per second over {@code rounds} rounds (median round), and the round times. */
    public record Throughput(String name, long writes, Stats rounds, String note) {
        public double writesPerSecond() {
            return writes / (rounds.medianMillis() / 1e3);
        }

        public double nanosPerWrite() {
            return rounds.medianMillis() * 1e6 / writes;
        }
    }

    /** Everything one run measured. */
    public record Result(Throughput journaled, Throughput journaledUnchecked, Throughput unjournaled, Throughput raw,
                         Stats commitLatency) {
        /** The journaled cost per write over the raw append cost per write. */
        public double journaledOverRaw() {
            return journaled.nanosPerWrite() / raw.nanosPerWrite();
        }
    }

    private final Path image;
    private final int writes;
    private final int batch;
    private final int commits;
    private final int rounds;
    private final Path work;
    private final Workload values = Workload.counting();

    /**
     * @param writes  slot writes per round (a multiple of {@code batch})
     * @param batch   writes per surgery, and slots of the Array written
     * @param commits one-write surgeries whose commit is timed
     * @param rounds  timed rounds of each throughput figure, after one warm-up round
     */
    public JournalBenchmark(Path image, int writes, int batch, int commits, int rounds, Path work) {
        Workload.requireWholeBatches("writes", writes, "batch", batch);
        this.image = image;
        this.writes = writes;
        this.batch = batch;
        this.commits = commits;
        this.rounds = rounds;
        this.work = work;
    }

    public Result run() {
        ObjectSpace space = ObjectSpace.load(image);
        ObjectMirror array = space.newArray(Collections.nCopies(batch, SmallInteger.of(0)));
        String perSurgery = writes / batch + " surgeries of " + batch;
        Throughput unjournaled = new Throughput("unjournaled writes", writes,
                Stats.ofRounds(rounds, () -> time(() -> writeAll(space, array))), perSurgery + ", no recorder");
        // the two journaled figures alternate round by round, so neither gets a warmer JIT or disk
        long[][] rounds2 = alternate(space, array);
        Throughput journaled = new Throughput("journaled writes", writes, Stats.of(rounds2[0]),
                perSurgery + ", durable commit each");
        Throughput unchecked = new Throughput("journaled, no commit check", writes, Stats.of(rounds2[1]),
                "the same without checking that each surgery replays");
        List<byte[]> excerpts = excerptsOfOneSurgery(array.ref());
        Throughput raw = new Throughput("raw Chronicle appends", writes, Stats.ofRounds(rounds, () -> rawAppends(excerpts)),
                "the recorder's excerpts, same fdatasync per surgery");
        return new Result(journaled, unchecked, unjournaled, raw, commitLatency(space, array));
    }

    /** Journaled rounds with and without the commit-time check, alternated after one warm-up round of each. */
    private long[][] alternate(ObjectSpace space, ObjectMirror array) {
        long[][] nanos = new long[2][rounds];
        for (int r = -1; r < rounds; r++) {
            for (int checked = 0; checked < 2; checked++) {
                space.verifyCommits(checked == 0);
                long t = journaledRound(space, array);
                if (r >= 0) {
                    nanos[checked][r] = t;
                }
            }
        }
        space.verifyCommits(true);
        return nanos;
    }

    private long journaledRound(ObjectSpace space, ObjectMirror array) {
        Path dir = work.resolve("journal");
        try (Journal journal = Journal.open(dir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            return time(() -> writeAll(space, array));
        } finally {
            delete(dir);
        }
    }

    private void writeAll(ObjectSpace space, ObjectMirror array) {
        for (int b = 0; b < writes / batch; b++) {
            try (Surgery s = space.beginSurgery("bench")) {
                for (int i = 0; i < batch; i++) {
                    array.slotPut(i, SmallInteger.of(values.next()));
                }
                s.commit();
            }
        }
    }


    /** The excerpts a recorder writes for one surgery of {@code batch} writes to the Array. */
    private List<byte[]> excerptsOfOneSurgery(GuestRef.Obj array) {
        String id = "bench-surgery";
        List<Change> changes = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            changes.add(new Change.SlotStored(array, i, new GuestRef.SmallInt(values.next()), new GuestRef.SmallInt(values.next())));
        }
        List<byte[]> out = new ArrayList<>(batch + 2);
        out.add(EventCodec.encode(new JournalEvent.SurgeryBegun(id, "bench", Instant.now())));
        for (int i = 0; i < batch; i++) {
            out.add(EventCodec.encode(new JournalEvent.ChangeMade(id, i, changes.get(i))));
        }
        out.add(EventCodec.encode(new JournalEvent.SurgeryCommitted(id, batch, EventCodec.digest(id, changes))));
        return out;
    }

    private long rawAppends(List<byte[]> excerpts) {
        Path dir = work.resolve("raw");
        // off the heap, as the journal's own buffer: Chronicle copies such bytes into the file in one block
        Bytes<?> buffer = Bytes.allocateElasticDirect(1024);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .build(); ExcerptAppender appender = queue.createAppender()) {
            FileChannel file = null;
            long start = System.nanoTime();
            for (int b = 0; b < writes / batch; b++) {
                for (byte[] e : excerpts) {
                    buffer.clear();
                    buffer.write(e);
                    appender.writeBytes(buffer);
                }
                if (file == null) {
                    file = FileChannel.open(queueFile(dir), StandardOpenOption.WRITE);
                }
                file.force(false);
            }
            long elapsed = System.nanoTime() - start;
            file.close();
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.releaseLast();
            delete(dir);
        }
    }

    private Stats commitLatency(ObjectSpace space, ObjectMirror array) {
        Path dir = work.resolve("latency");
        int warmUp = Math.max(100, commits / 10);
        long[] nanos = new long[commits];
        try (Journal journal = Journal.open(dir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            for (int i = 0; i < warmUp + commits; i++) {
                try (Surgery s = space.beginSurgery("latency")) {
                    array.slotPut(i % batch, SmallInteger.of(values.next()));
                    long start = System.nanoTime();
                    s.commit();
                    if (i >= warmUp) {
                        nanos[i - warmUp] = System.nanoTime() - start;
                    }
                }
            }
        } finally {
            delete(dir);
        }
        return Stats.of(nanos);
    }

    /** One warm-up round, then {@code rounds} timed ones. */

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    private static Path queueFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(SingleChronicleQueue.SUFFIX)).findFirst()
                    .orElseThrow(() -> new IOException("no queue file in " + dir));
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
