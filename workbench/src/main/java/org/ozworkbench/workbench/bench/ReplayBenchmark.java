package org.ozworkbench.workbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalRecorder;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.replay.Replay;
import org.ozworkbench.replay.ReplayOptions;
import org.ozworkbench.replay.ReplayReport;

/**
 * Issue 5's benchmark: the replay rate of two journals recorded on the image in this run, with a
 * {@link JournalRecorder} on a real journal: (1) {@code writes} SmallInteger stores into the
 * slots of an Array created in the first surgery, in surgeries of {@code batch}; (2)
 * {@code methods} small methods compiled into a few classes ({@link ClassMirror#compile}), in
 * surgeries of {@code methodBatch}. Each round opens the journal read-only, reads it
 * ({@link Journal#report()}), loads the image afresh and replays it ({@link Replay#run}); the
 * open, the read and the replay are timed apart. The reference is the floor: the same stores
 * applied straight through the membrane, in the same surgeries, with no journal.
 *
 * <p>Memory: the heap in use after a full GC ({@link System#gc()}, outside the timings) before
 * the read and with the read report alive: what the decoded journal keeps; and the bytes the
 * thread allocated during the read and the replay (HotSpot's per-thread counter): the garbage
 * the path makes.
 */
public final class ReplayBenchmark {
    private static final List<String> METHOD_CLASSES = List.of("Point", "Rectangle", "Association", "Fraction");

    /** One journal's figures, medians over the rounds. */
    public record Figure(String name, long events, long changes, long slotWrites, Stats open, Stats read, Stats replay,
                         Stats total, long retainedBytes, long allocatedBytes, String note) {
        public double eventsPerSecond() {
            return events / (total.medianMillis() / 1e3);
        }

        public double replayChangesPerSecond() {
            return changes / (replay.medianMillis() / 1e3);
        }

        public double writesPerSecond() {
            return slotWrites / (total.medianMillis() / 1e3);
        }
    }

    /** Everything one run measured; {@code floor} is the membrane alone doing the stores journal's writes. */
    public record Result(Figure stores, Figure methods, Stats floor, long floorWrites) {
        public double floorWritesPerSecond() {
            return floorWrites / (floor.medianMillis() / 1e3);
        }
    }

    private final Path image;
    private final int writes;
    private final int batch;
    private final int methods;
    private final int methodBatch;
    private final int rounds;
    private final Path work;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Workload values = Workload.counting();

    public ReplayBenchmark(Path image, int writes, int batch, int methods, int methodBatch, int rounds, Path work) {
        Workload.requireWholeBatches("writes", writes, "batch", batch);
        Workload.requireWholeBatches("methods", methods, "method batch", methodBatch);
        this.image = image;
        this.writes = writes;
        this.batch = batch;
        this.methods = methods;
        this.methodBatch = methodBatch;
        this.rounds = rounds;
        this.work = work;
    }

    public Result run() {
        Path storesJournal = work.resolve("stores");
        Path methodsJournal = work.resolve("methods");
        recordStores(storesJournal);
        recordMethods(methodsJournal);
        Figure stores = measure("slot writes", storesJournal, writes,
                writes / batch + " surgeries of " + batch + " SmallInteger stores into an Array");
        Figure compiled = measure("method installs", methodsJournal, 0,
                methods / methodBatch + " surgeries of " + methodBatch + " compiles into " + METHOD_CLASSES.size()
                        + " classes");
        return new Result(stores, compiled, Stats.ofRounds(rounds, this::floorRound), writes);
    }

    private void recordStores(Path dir) {
        try (ObjectSpace space = ObjectSpace.load(image); Journal journal = Journal.open(dir);
             JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            ObjectMirror array = null;
            for (int b = 0; b < writes / batch; b++) {
                try (Surgery s = space.beginSurgery("stores " + b)) {
                    if (array == null) {
                        array = space.newArray(Collections.nCopies(batch, SmallInteger.of(0)));
                    }
                    for (int i = 0; i < batch; i++) {
                        array.slotPut(i, SmallInteger.of(values.next()));
                    }
                    s.commit();
                }
            }
        }
    }

    private void recordMethods(Path dir) {
        try (ObjectSpace space = ObjectSpace.load(image); Journal journal = Journal.open(dir);
             JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            List<ClassMirror> classes = METHOD_CLASSES.stream().map(n -> space.classNamed(n)
                    .orElseThrow(() -> new IllegalArgumentException("no class " + n + " in " + image))).toList();
            int m = 0;
            for (int b = 0; b < methods / methodBatch; b++) {
                try (Surgery s = space.beginSurgery("methods " + b)) {
                    for (int i = 0; i < methodBatch; i++, m++) {
                        classes.get(m % classes.size()).compile("benchReplay" + m + ": a\n\t| t |\n\tt := a * " + m
                                + ".\n\t^ t + 1", "bench");
                    }
                    s.commit();
                }
            }
        }
    }

    private Figure measure(String name, Path dir, long slotWrites, String note) {
        long[] open = new long[rounds];
        long[] read = new long[rounds];
        long[] replay = new long[rounds];
        long[] total = new long[rounds];
        long events = 0;
        long changes = 0;
        long retained = 0;
        long allocated = 0;
        for (int r = -1; r < rounds; r++) {
            long before = heapAfterGc();
            long allocatedBefore = allocatedBytes();
            long t0 = System.nanoTime();
            JournalReport report;
            long t1;
            try (Journal journal = Journal.openReadOnly(dir)) {
                t1 = System.nanoTime();
                report = journal.surgeryReport();
            }
            long t2 = System.nanoTime();
            long allocatedByRead = allocatedBytes() - allocatedBefore;
            long withReport = heapAfterGc();
            long replayNanos;
            long allocatedByReplay;
            try (ObjectSpace space = ObjectSpace.load(image)) {
                long a = allocatedBytes();
                long t3 = System.nanoTime();
                ReplayReport result = Replay.run(space, report, ReplayOptions.all(), s -> { });
                replayNanos = System.nanoTime() - t3;
                allocatedByReplay = allocatedBytes() - a;
                if (!result.isClean() || result.entries().isEmpty()) {
                    throw new IllegalStateException("the replay of " + dir + " did not apply cleanly:\n" + result.text());
                }
            }
            if (r >= 0) {
                open[r] = t1 - t0;
                read[r] = t2 - t1;
                replay[r] = replayNanos;
                total[r] = t2 - t0 + replayNanos;
                retained = withReport - before;
                allocated = allocatedByRead + allocatedByReplay;
            }
            // the report keeps no events: a surgery is its begin, its changes and its end; then the load
            events = 1 + report.surgeries().stream().mapToLong(s -> s.changes().size() + 2).sum();
            changes = report.committed().stream().mapToLong(s -> s.changes().size()).sum();
        }
        return new Figure(name, events, changes, slotWrites, Stats.of(open), Stats.of(read), Stats.of(replay),
                Stats.of(total), retained, allocated, note);
    }

    /** The stores of the slot-writes journal, straight through the membrane of a fresh space, no journal. */
    private long floorRound() {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            Membrane membrane = space.membrane();
            GuestObject array;
            try (Surgery s = space.beginSurgery("floor")) {
                array = space.newArray(Collections.nCopies(batch, SmallInteger.of(0))).guestObject();
                s.commit();
            }
            long start = System.nanoTime();
            for (int b = 0; b < writes / batch; b++) {
                try (Surgery s = space.beginSurgery("stores " + b)) {
                    for (int i = 0; i < batch; i++) {
                        membrane.storePointer(array, i, values.next());
                    }
                    s.commit();
                }
            }
            return System.nanoTime() - start;
        }
    }


    /** One warm-up round, then {@code rounds} timed ones. */

    private long heapAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }
}
