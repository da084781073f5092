package org.ozworkbench.workbench.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.Checkpoints;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalSession;

/**
 * Issue 17's checkpoint benchmark: a journal of {@code surgeries} committed surgeries, each
 * compiling one small method into one of a few classes ({@link Workload#oneMethodSurgeries}), recorded on
 * the image in this run with a
 * checkpoint at its last surgery; then, in alternating rounds, the journal reopened for writing
 * ({@link JournalSession#open}) from that checkpoint and from the base image (the checkpoints
 * folder moved aside), each round timed whole (the space's bytes taken, to compare the two, and
 * the session closed), and {@link JournalSession#open} alone, with how long the collector ran meanwhile. The two spaces are checked to hold the same bytes.
 * Reading the journal ({@link Journal#open} and {@link Journal#report()}), which both do, is
 * timed apart; so are the parts of the reopen from the checkpoint ({@link Checkpoints#timeReopenParts})
 * and one load of the base image, what the reopen from the checkpoint cannot go below.
 */
public final class CheckpointBenchmark {
    /** The figures: medians over the rounds, and how long recording took (once). */
    public record Result(int surgeries, long events, Stats fromCheckpoint, Stats fromBase, Stats read, long recordNanos,
                         long checkpointBytes, Stats openFromCheckpoint, Stats openFromBase,
                         Stats collectingFromCheckpoint, Stats collectingFromBase, Parts parts) {
        public double speedup() {
            return fromBase.medianMillis() / fromCheckpoint.medianMillis();
        }
    }

    /** The parts of the reopen from the checkpoint, each timed alone ({@link Checkpoints.ReopenParts}), and a load of the base. */
    public record Parts(Stats description, Stats imageRead, Stats imageLoad, Stats journal, Stats baseSha256,
                        Stats baseLoad) {
    }

    private final Path image;
    private final int surgeries;
    private final int rounds;
    private final Path journal;

    public CheckpointBenchmark(Path image, int surgeries, int rounds, Path journal) {
        if (surgeries < 1) {
            throw new IllegalArgumentException("--surgeries must be at least 1, not " + surgeries);
        }
        this.image = image;
        this.surgeries = surgeries;
        this.rounds = rounds;
        this.journal = journal;
    }

    public Result run() throws IOException {
        long t0 = System.nanoTime();
        Path checkpoint = record();
        long recordNanos = System.nanoTime() - t0;
        Path aside = journal.resolveSibling(journal.getFileName() + "-checkpoints-aside");
        long[] fromCheckpoint = new long[rounds];
        long[] fromBase = new long[rounds];
        long[] read = new long[rounds];
        long[] openFromCheckpoint = new long[rounds];
        long[] openFromBase = new long[rounds];
        long[] collectingFromCheckpoint = new long[rounds];
        long[] collectingFromBase = new long[rounds];
        long[][] parts = new long[6][rounds];
        long events = 0;
        for (int r = -1; r < rounds; r++) {
            Reopened resumed = reopen(checkpoint, true);
            Files.move(journal.resolve(Checkpoints.FOLDER), aside);
            Reopened replayed;
            try {
                replayed = reopen(checkpoint, false);
            } finally {
                Files.move(aside, journal.resolve(Checkpoints.FOLDER));
            }
            if (!Arrays.equals(resumed.bytes(), replayed.bytes())) {
                throw new IllegalStateException("the space reopened from " + checkpoint + " differs from the replay");
            }
            long t5 = System.nanoTime();
            try (Journal j = Journal.open(journal)) {
                events = j.report().entries().size();
            }
            long t6 = System.nanoTime();
            Checkpoints.ReopenParts p = Checkpoints.timeReopenParts(journal, image);
            long t7 = System.nanoTime();
            ObjectSpace.load(image).close();
            long t8 = System.nanoTime();
            if (r >= 0) {
                fromCheckpoint[r] = resumed.nanos();
                fromBase[r] = replayed.nanos();
                openFromCheckpoint[r] = resumed.openNanos();
                openFromBase[r] = replayed.openNanos();
                collectingFromCheckpoint[r] = resumed.collectingNanos();
                collectingFromBase[r] = replayed.collectingNanos();
                read[r] = t6 - t5;
                long[] round = {p.description(), p.imageRead(), p.imageLoad(), p.journal(), p.baseSha256(), t8 - t7};
                for (int i = 0; i < round.length; i++) {
                    parts[i][r] = round[i];
                }
            }
        }
        return new Result(surgeries, events, Stats.of(fromCheckpoint), Stats.of(fromBase), Stats.of(read), recordNanos,
                Files.size(checkpoint), Stats.of(openFromCheckpoint), Stats.of(openFromBase),
                Stats.of(collectingFromCheckpoint), Stats.of(collectingFromBase), new Parts(Stats.of(parts[0]), Stats.of(parts[1]), Stats.of(parts[2]),
                Stats.of(parts[3]), Stats.of(parts[4]), Stats.of(parts[5])));
    }

    /**
     * A reopen: the whole round (opening, the space's bytes taken to compare the two, closing), how
     * long {@link JournalSession#open} alone took, and the bytes.
     */
    private record Reopened(long nanos, long openNanos, long collectingNanos, byte[] bytes) {
    }

    /** How long this JVM's collectors have run so far, in nanoseconds (what they report, in milliseconds). */
    private static long collectedNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis * 1_000_000;
    }

    /** Opens the journal, from {@code checkpoint} or from the base, and takes the space's bytes. */
    private Reopened reopen(Path checkpoint, boolean expectCheckpoint) {
        long collected = collectedNanos();
        long start = System.nanoTime();
        long opened;
        long collecting;
        byte[] bytes;
        try (JournalSession session = JournalSession.open(image, journal)) {
            opened = System.nanoTime();
            collecting = collectedNanos() - collected;
            if (session.resumedFrom().isPresent() != expectCheckpoint || !session.warnings().isEmpty()) {
                throw new IllegalStateException("reopening " + journal + " did not start from "
                        + (expectCheckpoint ? checkpoint : "the base") + ": " + session.warnings());
            }
            bytes = session.space().toBytes();
        }
        return new Reopened(System.nanoTime() - start, opened - start, collecting, bytes);
    }

    /** Records the journal (a surgery per method) and a checkpoint at its end; answers the checkpoint. */
    private Path record() {
        try (JournalSession session = JournalSession.open(image, journal)) {
            Workload.oneMethodSurgeries(session.space(), surgeries, "benchCheckpoint");
            return session.checkpoint().orElseThrow();
        }
    }
}
