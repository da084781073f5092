package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

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
 * {@link Genesis}) has no base image: it is opened on the image its surgeries give, replayed from
 * its seed, and takes no checkpoints.
 *
 * <p><b>Checkpoints.</b> Opening starts from the journal's newest valid checkpoint
 * ({@link Checkpoints}) and replays only the committed surgeries after it; a checkpoint refused
 * is told in {@link #warnings()}. When the journal's excerpts up to the newest checkpoint still have
 * the digest it recorded, they are hashed, not decoded ({@link Journal#open(Path, Journal.Trust)}):
 * only what follows is read and checked. {@link #checkpoint()} writes one now; {@link #checkpointIfDue()}
 * writes one when {@value Checkpoints#EVERY_PROPERTY} (default 100) committed surgeries have
 * passed since the last: a long-lived session calls it after each commit.
 *
 * <p><b>Sharing.</b> {@link #open} holds the journal's writer lock until {@link #close}: one
 * writer at a time, right for a command. {@link #openShared} holds it only around each
 * {@link #write}, which first replays what other writers committed meanwhile, so a long-lived
 * session ({@code ozw serve}) and {@code ozw surgery} commands take turns on one journal.
 */
public final class JournalSession implements AutoCloseable {
    private final ObjectSpace space;
    private final Journal journal;
    private JournalRecorder recorder;
    private final int replayed;
    /** The base image's SHA-256 checkpoints are tied to; null for a genesis journal, which has none. */
    private final String baseSha256;
    private final List<String> warnings;
    /** The journal's {@code SpaceLoaded}: read when first needed for a new journal. */
    private JournalEvent.SpaceLoaded baseEvent;
    private final Optional<Path> resumedFrom;
    private final int resumedSurgeries;
    /** How many committed surgeries the journal has, the space holding all of them; the last one's id and commit index. */
    private int committed;
    private String lastCommitted;
    private long lastCommitIndex = -1;
    /** How many committed surgeries the newest checkpoint holds. */
    private int checkpointed;
    /** Whether the session shares the journal with other writers: it holds the writer's lock only while it writes. */
    private boolean shared;
    /** The index of the last event of the journal the space stands at (a shared session's). */
    private volatile long position = -1;
    /** Why the space no longer holds what the journal replays, when a catch-up failed: then nothing is written. */
    private String diverged;
    /** Replays what other writers commit (a shared session's), made at the first one. */
    private Replayer catchingUp;
    private final Surgery.Listener commits = new Surgery.Listener() {
        @Override
        public void begun(Surgery surgery) {
        }

        @Override
        public void committed(Surgery surgery) {
            committed++;
            lastCommitted = surgery.id();
            lastCommitIndex = journal.lastIndex();
            if (shared) { // under the lock: nobody else's event comes between
                position = lastCommitIndex;
            }
        }

        @Override
        public void aborted(Surgery surgery, String reason) {
            if (surgery.id().equals(lastCommitted)) { // a commit revoked after the listeners heard it
                committed--;
                lastCommitted = null;
                lastCommitIndex = -1;
            }
        }
    };

    /** A committed surgery: its id and the index of its commit record. */
    private record Commit(String id, long index) {
        Commit(RecordedSurgery s) {
            this(s.id(), s.endIndex());
        }
    }

    private JournalSession(ObjectSpace space, Journal journal, JournalRecorder recorder, int replayed, String baseSha256,
                           List<String> warnings, Checkpoints.Resumed resumed, Optional<Commit> last,
                           Optional<JournalEvent.SpaceLoaded> base) {
        this.space = space;
        this.journal = journal;
        this.recorder = recorder;
        this.replayed = replayed;
        this.baseSha256 = baseSha256;
        this.warnings = List.copyOf(warnings);
        this.resumedFrom = resumed.checkpoint();
        this.resumedSurgeries = resumed.surgeries();
        this.committed = replayed;
        this.checkpointed = resumed.checkpoint().isPresent() ? resumed.surgeries() : 0;
        last.ifPresent(s -> {
            lastCommitted = s.id();
            lastCommitIndex = s.index();
        });
        this.baseEvent = base.orElse(null);
        space.addSurgeryListener(commits);
    }

    /**
     * Opens (creating if needed) the journal in {@code dir} on its base image {@code image}.
     *
     * @throws JournalException        when the journal is damaged, or was recorded on another image
     * @throws ReplayConflictException when a committed surgery does not replay onto the image
     */
    public static JournalSession open(Path image, Path dir) {
        // Meanwhile, on other threads: the image's SHA-256 (a cold JVM's takes a few hundred ms for a
        // few MB, interpreted, then C1-compiled), and the space, from the newest checkpoint (once its
        // bytes are checked) or from the image when there is none; used when they are the ones the
        // journal asks for, dropped otherwise.
        Background<String> sha256 = new Background<>(() -> JournalRecorder.sha256(image));
        Optional<Checkpoints.Claim> claim = Checkpoints.newestClaim(dir.toAbsolutePath().normalize(), image, BACKGROUND);
        Background<ObjectSpace> loaded = claim.isEmpty() ? new Background<>(() -> ObjectSpace.load(image)) : null;
        Supplier<ObjectSpace> loadBase = loaded != null ? loaded::get : () -> ObjectSpace.load(image);
        Journal journal = Journal.open(dir, claim.map(Checkpoints.Claim::trust).orElse(null));
        try {
            Optional<JournalReport> after = journal.reportAfterTrusted();
            List<String> refusedWhenTrusted = new ArrayList<>();
            if (after.isPresent()) {
                Optional<JournalSession> session = fromTrusted(image, sha256, journal, claim.get(), after.get(),
                        refusedWhenTrusted);
                if (session.isPresent()) {
                    return session.get();
                }
            }
            JournalReport report = journal.report();
            Optional<JournalException> damage = report.problem().or(journal::damage);
            if (damage.isPresent()) {
                throw JournalException.damaged(journal.dir(), damage.get());
            }
            Optional<JournalEvent.SpaceCreated> genesis = Genesis.of(journal);
            if (genesis.isPresent()) {
                return openGenesis(journal, report, genesis.get(), image, sha256);
            }
            Optional<JournalEvent.SpaceLoaded> base = base(report);
            if (base.isEmpty()) {
                ObjectSpace space = loadBase.get();
                return new JournalSession(space, journal, JournalRecorder.attach(space, journal, sha256.get()), 0,
                        sha256.get(), List.of(), new Checkpoints.Resumed(space, 0, Optional.empty()),
                        Optional.empty(), Optional.empty());
            }
            String sha = requireBase(report.entries(), report.dir(), base.get(), image, sha256);
            List<RecordedSurgery> committed = report.committed();
            Set<String> warnings = new LinkedHashSet<>(refusedWhenTrusted); // the same refusal is told once
            Checkpoints.Resumed resumed = Checkpoints.resume(journal.dir(), image, () -> sha, committed, committed.size(),
                    warnings::add, loadBase);
            ObjectSpace space = resumed.space();
            Replayer.onto(space).replayAll(committed.subList(resumed.surgeries(), committed.size()));
            return new JournalSession(space, journal, JournalRecorder.resume(space, journal), committed.size(), sha,
                    List.copyOf(warnings), resumed, committed.isEmpty() ? Optional.empty()
                    : Optional.of(new Commit(committed.get(committed.size() - 1))), base);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * {@link #open}s the journal as a writer that shares it with others, in this process or another
     * ({@code ozw serve} beside {@code ozw surgery}): once the space stands, the writer's lock is let
     * go, and the session takes it again only around each {@link #write}, first replaying what the
     * others committed meanwhile ({@link #catchUp}).
     */
    public static JournalSession openShared(Path image, Path dir) {
        JournalSession session = open(image, dir);
        session.shared = true;
        session.position = session.journal.lastIndex();
        session.journal.releaseLock();
        return session;
    }

    /**
     * A change of a shared session's space: takes the journal's writer lock (waiting while another
     * writer holds it, as opening does), replays what other writers committed since this session
     * last held it ({@link #catchUp}), runs {@code change} (its surgeries journaled as usual), and
     * lets the lock go. What {@code change} throws comes out after the lock is let go.
     *
     * @throws JournalException BUSY when another writer holds the lock too long; DIVERGED when a
     *                          surgery another writer committed does not replay (then nothing is
     *                          run, and every later write is refused the same way)
     */
    public synchronized <T> T write(Supplier<T> change) {
        requireShared();
        journal.takeLock();
        try {
            catchUpLocked();
            return change.get();
        } finally {
            position = Math.max(position, journal.lastAppended()); // what it appended: its own, not to catch up with
            journal.releaseLock();
        }
    }

    /**
     * Replays onto the space the surgeries other writers committed since this shared session last
     * held the lock, under the lock: only committed ones, each checking every old value
     * ({@link Replayer}); aborted and unfinished ones are passed over. Answers how many it replayed.
     *
     * @throws JournalException as {@link #write}
     */
    public synchronized int catchUp() {
        requireShared();
        journal.takeLock();
        try {
            return catchUpLocked();
        } finally {
            journal.releaseLock();
        }
    }

    /** The index of the last journal event the space stands at (-1 for a session that is not shared). */
    public long position() {
        return position;
    }

    private void requireShared() {
        if (!shared) {
            throw new IllegalStateException("journal " + journal.dir() + " was not opened shared: it is written directly");
        }
        if (diverged != null) {
            throw JournalException.diverged(journal.dir(), diverged, null);
        }
    }

    private int catchUpLocked() {
        if (!journal.movedSince(position)) {
            return 0;
        }
        JournalReport after = journal.surgeriesAfter(position, baseSha256 == null ? null : baseEvent());
        if (after.problem().isPresent()) {
            diverged = after.problem().get().getMessage();
            throw JournalException.damaged(journal.dir(), after.problem().get());
        }
        List<RecordedSurgery> others = after.committed();
        if (!others.isEmpty()) {
            // the replay's surgeries are the journal's already: neither recorded again nor counted as new
            recorder.close();
            space.removeSurgeryListener(commits);
            try {
                if (catchingUp == null) {
                    catchingUp = Replayer.onto(space);
                }
                for (RecordedSurgery s : others) {
                    catchingUp.replay(s);
                    committed++;
                    lastCommitted = s.id();
                    lastCommitIndex = s.endIndex();
                }
            } catch (RuntimeException e) {
                diverged = e.getMessage();
                throw JournalException.diverged(journal.dir(), e.getMessage(), e);
            } finally {
                recorder = JournalRecorder.resume(space, journal);
                space.addSurgeryListener(commits);
            }
        }
        position = journal.lastIndex();
        return others.size();
    }

    /** The journal's {@code SpaceLoaded}, read when first needed. */
    private JournalEvent.SpaceLoaded baseEvent() {
        if (baseEvent == null) {
            baseEvent = base(journal.report()).orElseThrow(() -> new IllegalStateException("journal " + journal.dir()
                    + " has no SpaceLoaded"));
        }
        return baseEvent;
    }

    /**
     * A genesis journal has no base image: the space is its seed with every committed surgery
     * replayed, and {@code image} must be what that gives, byte for byte (the bootstrap's output or
     * a later save recorded in the journal), so that the user and the journal agree on the state.
     */
    private static JournalSession openGenesis(Journal journal, JournalReport report,
                                              JournalEvent.SpaceCreated genesis, Path image, Background<String> sha256) {
        ObjectSpace space = Genesis.space(journal.dir(), genesis);
        try {
            List<RecordedSurgery> committed = report.committed();
            Replayer.onto(space).replayAll(committed);
            String sha = sha256.get();
            String replayed = HexFormat.of().formatHex(EventCodec.sha256().digest(space.toBytes()));
            if (!sha.equals(replayed)) {
                throw JournalException.notTheGenesisState(journal.dir(), replayed, image.toString(), sha);
            }
            return new JournalSession(space, journal, JournalRecorder.resume(space, journal), committed.size(), null,
                    List.of(), new Checkpoints.Resumed(space, 0, Optional.empty()),
                    committed.isEmpty() ? Optional.empty() : Optional.of(new Commit(committed.get(committed.size() - 1))),
                    Optional.empty());
        } catch (RuntimeException e) {
            space.close();
            throw e;
        }
    }

    /**
     * The session of a journal opened trusting the part its newest checkpoint vouches for
     * ({@code after}: what follows it): the checkpoint's space with the surgeries after it replayed.
     * Empty when the checkpoint's image is refused (then the whole journal is read).
     */
    private static Optional<JournalSession> fromTrusted(Path image, Background<String> sha256, Journal journal,
                                                        Checkpoints.Claim claim, JournalReport after,
                                                        List<String> refusedWhenTrusted) {
        JournalEvent.SpaceLoaded base = claim.trust().base();
        String sha = requireBase(after.entries(), after.dir(), base, image, sha256);
        List<String> warnings = new ArrayList<>();
        Optional<Checkpoints.Resumed> resumed = Checkpoints.resumeTrusted(journal.dir(), claim, image, sha, warnings::add);
        if (resumed.isEmpty()) {
            refusedWhenTrusted.addAll(warnings);
            return Optional.empty();
        }
        List<RecordedSurgery> committed = after.committed();
        ObjectSpace space = resumed.get().space();
        Replayer.onto(space).replayAll(committed);
        Commit last = committed.isEmpty() ? new Commit(claim.description().surgeryId(), claim.description().index())
                : new Commit(committed.get(committed.size() - 1));
        return Optional.of(new JournalSession(space, journal, JournalRecorder.resume(space, journal),
                claim.description().surgeries() + committed.size(), sha, warnings, resumed.get(), Optional.of(last),
                Optional.of(base)));
    }

    /** The first {@code SpaceLoaded} of the journal: its base image. */
    public static Optional<JournalEvent.SpaceLoaded> base(JournalReport report) {
        return report.entries().stream().map(Journal.Entry::event)
                .filter(JournalEvent.SpaceLoaded.class::isInstance).map(JournalEvent.SpaceLoaded.class::cast).findFirst();
    }

    /** Refuses a journal of several bases, or an image that is not its base; answers the image's SHA-256. */
    private static String requireBase(List<Journal.Entry> entries, Path dir, JournalEvent.SpaceLoaded base, Path image,
                                      Background<String> sha256) {
        for (Journal.Entry e : entries) {
            if (e.event() instanceof JournalEvent.SpaceLoaded other && !other.sha256().equals(base.sha256())) {
                throw JournalException.otherBase(dir, e.index(), base.sha256(), other.path(), other.sha256());
            }
        }
        String sha = sha256.get();
        if (!sha.equals(base.sha256())) {
            throw JournalException.otherBase(dir, -1, base.sha256(), image.toString(), sha);
        }
        return sha;
    }

    /** Runs what {@link #open} does meanwhile, each on a thread of its own that does not keep the JVM alive. */
    private static final Executor BACKGROUND = task -> {
        Thread thread = new Thread(task, "ozw-journal-open");
        thread.setDaemon(true);
        thread.start();
    };

    /** A result computed on another thread ({@link #BACKGROUND}) while the journal is read. */
    private static final class Background<T> {
        private final CompletableFuture<T> result;

        Background(Supplier<T> work) {
            result = CompletableFuture.supplyAsync(work, BACKGROUND);
        }

        /** The result, once computed; what computing it threw, rethrown. */
        T get() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    /** The space: the base image with every committed surgery of the journal applied. */
    public ObjectSpace space() {
        return space;
    }

    public Journal journal() {
        return journal;
    }

    /**
     * How many committed surgeries the journal had when the session opened, all standing in the
     * space: those its checkpoint held ({@link #resumedSurgeries()}) and those replayed after it.
     */
    public int replayed() {
        return replayed;
    }

    /** The checkpoint the session started from, if it started from one. */
    public Optional<Path> resumedFrom() {
        return resumedFrom;
    }

    /** How many committed surgeries the checkpoint the session started from held (0: it started from the base). */
    public int resumedSurgeries() {
        return resumedSurgeries;
    }

    /** One line per checkpoint refused when the session opened (see {@link Checkpoints#resume}). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Writes a checkpoint of the space at the journal's last committed surgery, unless the newest
     * checkpoint is there already, there is none, or the journal is a genesis journal. Call it when no surgery is open, on a space
     * that holds exactly what the journal replays: surgeries only, no guest run outside them.
     *
     * @return the checkpoint written, if one was
     */
    public Optional<Path> checkpoint() {
        if (lastCommitted == null || committed == checkpointed || baseSha256 == null) {
            return Optional.empty();
        }
        JournalEvent.SpaceLoaded base = baseEvent();
        String digest = journal.digestUpTo(lastCommitIndex).orElseThrow(() -> JournalException.io(journal.dir(),
                "cannot read the journal up to its last commit " + Journal.formatIndex(lastCommitIndex), null));
        Path written = Checkpoints.write(journal.dir(), space, baseSha256, lastCommitted, lastCommitIndex, committed,
                digest, base);
        checkpointed = committed;
        return Optional.of(written);
    }

    /**
     * {@link #checkpoint()} when {@value Checkpoints#EVERY_PROPERTY} (default 100) committed
     * surgeries or more have passed since the newest checkpoint (or the base): what a long-lived
     * session ({@code ozw serve}) calls after each surgery it commits.
     */
    public Optional<Path> checkpointIfDue() {
        return committed - checkpointed >= Checkpoints.every() ? checkpoint() : Optional.empty();
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
        space.removeSurgeryListener(commits);
        recorder.close();
        journal.close();
    }
}
