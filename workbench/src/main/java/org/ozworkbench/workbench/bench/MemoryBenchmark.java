package org.ozworkbench.workbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalSession;

/**
 * Issue 17's memory figures: the heap a space of the image holds once loaded, and once a journal of
 * {@code surgeries} one-method surgeries (recorded in this run, no checkpoint) is replayed onto it by
 * {@link JournalSession#open}; then {@code cycles} times the same journal reopened and closed, the heap
 * in use measured after each: a session that left something behind would show as growth. Every figure
 * is the heap in use after a full collection ({@link System#gc()}), less the same before the space.
 */
public final class MemoryBenchmark {
    /** Cycles left out before the growth is measured: the first ones fill the JVM's own caches. */
    private static final int WARM_UP_CYCLES = 3;

    /**
     * The figures, in bytes of heap in use beyond what the JVM held before the first space.
     *
     * @param loaded      with a space of the image, freshly loaded, alive
     * @param replayed    with a session whose space holds the journal's surgeries, replayed, alive
     * @param afterWarmUp after the first {@value #WARM_UP_CYCLES} reopen cycles, every session closed
     * @param afterCycles after all the cycles, every session closed
     */
    public record Result(int surgeries, int cycles, long loaded, long replayed, long afterWarmUp, long afterCycles) {
        /** What the cycles after the warm-up left behind (negative when the heap shrank). */
        public long growth() {
            return afterCycles - afterWarmUp;
        }
    }

    private final Path image;
    private final int surgeries;
    private final int cycles;
    private final Path journal;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    public MemoryBenchmark(Path image, int surgeries, int cycles, Path journal) {
        if (surgeries < 1 || cycles <= WARM_UP_CYCLES) {
            throw new IllegalArgumentException("--surgeries must be at least 1 and --cycles more than " + WARM_UP_CYCLES
                    + ", not " + surgeries + " and " + cycles);
        }
        this.image = image;
        this.surgeries = surgeries;
        this.cycles = cycles;
        this.journal = journal;
    }

    public Result run() {
        record();
        long before = usedHeap();
        long loaded = withLoaded() - before;
        long replayed = withReplayed() - before;
        long afterWarmUp = 0;
        for (int c = 1; c <= cycles; c++) {
            reopen();
            if (c == WARM_UP_CYCLES) {
                afterWarmUp = usedHeap() - before;
            }
        }
        return new Result(surgeries, cycles, loaded, replayed, afterWarmUp, usedHeap() - before);
    }

    // Each space lives in a method of its own: a frame that has returned holds nothing, while a local
    // out of scope may still hold its object until the method is compiled.

    /** The heap in use with a space of the image alive. */
    private long withLoaded() {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            long used = usedHeap();
            space.classNamed("Object").orElseThrow();
            return used;
        }
    }

    /** The heap in use with a session of the journal, every surgery replayed, alive. */
    private long withReplayed() {
        try (JournalSession session = JournalSession.open(image, journal)) {
            if (session.replayed() != surgeries) {
                throw new IllegalStateException("the journal replayed " + session.replayed() + " surgeries, not " + surgeries);
            }
            long used = usedHeap();
            session.space().classNamed("Object").orElseThrow();
            return used;
        }
    }

    private void reopen() {
        try (JournalSession session = JournalSession.open(image, journal)) {
            session.space().classNamed("Object").orElseThrow();
        }
    }

    /** Records the journal: a surgery per method, as {@code ozw bench checkpoint} does, and no checkpoint. */
    private void record() {
        try (JournalSession session = JournalSession.open(image, journal)) {
            Workload.oneMethodSurgeries(session.space(), surgeries, "benchMemory");
        }
    }

    private long usedHeap() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
