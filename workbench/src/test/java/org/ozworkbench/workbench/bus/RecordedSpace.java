package org.ozworkbench.workbench.bus;

import java.nio.file.Path;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalRecorder;

/**
 * A real object space (the shared mini image) journaled by a real recorder, with the operations
 * tests make surgeries of. Use from one thread.
 */
public final class RecordedSpace implements AutoCloseable {
    private static final int ASSOCIATION_VALUE = 1;
    private static final String GLOBAL = "Transcript";

    private final ObjectSpace space;
    private final JournalRecorder recorder;
    private long events;

    private RecordedSpace(ObjectSpace space, JournalRecorder recorder) {
        this.space = space;
        this.recorder = recorder;
        this.events = 1;
    }

    /** Loads the mini image (the test is skipped when it is missing) and starts journaling it. */
    public static RecordedSpace start(Journal journal) {
        Path image = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        ObjectSpace space = ObjectSpace.load(image);
        return new RecordedSpace(space, JournalRecorder.attach(space, journal));
    }

    /**
     * At least how many events the journal got from this space: its {@code SpaceLoaded} and every
     * surgery's (an aborted surgery's undos are not counted).
     */
    public long events() {
        return events;
    }

    /** Runs {@code operation} in a committed surgery; answers the surgery's id. */
    public String commit(String label, Runnable operation) {
        try (Surgery s = space.beginSurgery(label)) {
            operation.run();
            s.commit();
            events += 2 + s.changes().size();
            return s.id();
        }
    }

    /** Runs {@code operation} in a surgery closed without a commit, which aborts it. */
    public void abort(String label, Runnable operation) {
        try (Surgery s = space.beginSurgery(label)) {
            operation.run();
            events += 2 + s.changes().size();
        }
    }

    /** Stores SmallInteger {@code value} in the value slot of the global Transcript's association. */
    public void writeSlot(int value) {
        space.globalAssociation(GLOBAL).orElseThrow().slotPut(ASSOCIATION_VALUE, SmallInteger.of(value));
    }

    /** Compiles and installs {@code Point>>source}. */
    public void compile(String source) {
        space.classNamed("Point").orElseThrow().compile(source);
    }

    public ProcessMirror createProcess(int priority) {
        return space.createProcessWithPriority(priority, "3 + 4");
    }

    @Override
    public void close() {
        recorder.close();
        space.close();
    }
}
