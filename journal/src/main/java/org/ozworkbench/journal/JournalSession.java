package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A journal with its base image loaded and every committed surgery of the journal standing in
 * it, recording what comes next: how the CLI (and a tool) works on a journal across runs.
 *
 * <pre>{@code
 * try (JournalSession session = JournalSession.open(baseImage, journalDir)) {
 *     try (Surgery s = session.space().beginSurgery("fix Array>>do:")) { ...; s.commit(); }
 *     session.save(out);
 * }
 * }</pre>
 *
 * <p>A journal has one base image, named by the SHA-256 in its {@code SpaceLoaded} events. An
 * empty journal takes the given image as its base; a journal with events must be opened on that
 * same image (the file's SHA-256 is compared), and its committed surgeries are replayed onto it,
 * in order, checking every old value, before recording resumes. A journal with damage is refused:
 * appending after a corrupt excerpt would hide what follows it. A genesis journal (see
 * {@link Genesis}) has no base image: it is opened on the image its surgeries give.
 */
public final class JournalSession implements AutoCloseable {
    private final ObjectSpace space;
    private final Journal journal;
    private final JournalRecorder recorder;
    private final int replayed;

    private JournalSession(ObjectSpace space, Journal journal, JournalRecorder recorder, int replayed) {
        this.space = space;
        this.journal = journal;
        this.recorder = recorder;
        this.replayed = replayed;
    }

    /**
     * Opens (creating if needed) the journal in {@code dir} on its base image {@code image}.
     *
     * @throws JournalException        when the journal is damaged, or was recorded on another image
     * @throws ReplayConflictException when a committed surgery does not replay onto the image
     */
    public static JournalSession open(Path image, Path dir) {
        Journal journal = Journal.open(dir);
        try {
            JournalReport report = journal.report();
            Optional<JournalException> damage = report.problem().or(journal::damage);
            if (damage.isPresent()) {
                throw JournalException.damaged(journal.dir(), damage.get());
            }
            Optional<JournalEvent.SpaceCreated> genesis = Genesis.of(journal);
            if (genesis.isPresent()) {
                return openGenesis(journal, report, genesis.get(), image);
            }
            ObjectSpace space = ObjectSpace.load(image);
            Optional<JournalEvent.SpaceLoaded> base = base(report);
            if (base.isEmpty()) {
                return new JournalSession(space, journal, JournalRecorder.attach(space, journal), 0);
            }
            requireBase(report, base.get(), image);
            List<RecordedSurgery> committed = report.committed();
            Replayer.onto(space).replayAll(committed);
            return new JournalSession(space, journal, JournalRecorder.resume(space, journal), committed.size());
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * A genesis journal has no base image: the space is its seed with every committed surgery
     * replayed, and {@code image} must be what that gives, byte for byte (the bootstrap's output or
     * a later save recorded in the journal), so that the user and the journal agree on the state.
     */
    private static JournalSession openGenesis(Journal journal, JournalReport report,
                                              JournalEvent.SpaceCreated genesis, Path image) {
        ObjectSpace space = Genesis.space(journal.dir(), genesis);
        try {
            List<RecordedSurgery> committed = report.committed();
            Replayer.onto(space).replayAll(committed);
            String sha = JournalRecorder.sha256(image);
            String replayed = HexFormat.of().formatHex(EventCodec.sha256().digest(space.toBytes()));
            if (!sha.equals(replayed)) {
                throw JournalException.notTheGenesisState(journal.dir(), replayed, image.toString(), sha);
            }
            return new JournalSession(space, journal, JournalRecorder.resume(space, journal), committed.size());
        } catch (RuntimeException e) {
            space.close();
            throw e;
        }
    }

    /** The first {@code SpaceLoaded} of the journal: its base image. */
    public static Optional<JournalEvent.SpaceLoaded> base(JournalReport report) {
        return report.entries().stream().map(Journal.Entry::event)
                .filter(JournalEvent.SpaceLoaded.class::isInstance).map(JournalEvent.SpaceLoaded.class::cast).findFirst();
    }

    private static void requireBase(JournalReport report, JournalEvent.SpaceLoaded base, Path image) {
        for (Journal.Entry e : report.entries()) {
            if (e.event() instanceof JournalEvent.SpaceLoaded other && !other.sha256().equals(base.sha256())) {
                throw JournalException.otherBase(report.dir(), e.index(), base.sha256(), other.path(), other.sha256());
            }
        }
        String sha = JournalRecorder.sha256(image);
        if (!sha.equals(base.sha256())) {
            throw JournalException.otherBase(report.dir(), -1, base.sha256(), image.toString(), sha);
        }
    }

    /** The space: the base image with every committed surgery of the journal applied. */
    public ObjectSpace space() {
        return space;
    }

    public Journal journal() {
        return journal;
    }

    /** How many committed surgeries were replayed when the session opened. */
    public int replayed() {
        return replayed;
    }

    /** Reads the journal as it is now (see {@link Journal#report()}). */
    public JournalReport report() {
        return journal.report();
    }

    /** Saves the space to {@code target} and journals it (see {@link JournalRecorder#save}). */
    public void save(Path target) {
        recorder.save(target);
    }

    /**
     * Puts an image staged before its surgery committed ({@link ObjectSpace#stage}) in place and
     * journals it: the order that keeps the journal and the files in agreement (a failed write
     * aborts the surgery; a commit that fails leaves no file).
     */
    public void publish(StagedFile image) {
        image.publish();
        recorder.saved(image.target());
    }

    @Override
    public void close() {
        recorder.close();
        journal.close();
    }
}
