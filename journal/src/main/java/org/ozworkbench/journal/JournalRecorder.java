package org.ozworkbench.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Journals every change of an object space: attach one with {@link #attach}, and each surgery
 * becomes {@code SurgeryBegun}, one {@code ChangeMade} per membrane change, then
 * {@code SurgeryCommitted} or {@code SurgeryAborted}.
 *
 * <p><b>Durability policy.</b> When {@link Surgery#commit()} returns, its surgery is durable: the
 * recorder appends the commit record and then {@link Journal#sync()}s (fdatasync of the queue
 * files written since the last sync, fsync of the folder for a new file). The begin and change
 * records are not synced on their own: they become durable with their commit, which syncs the
 * whole file, and a surgery whose commit record did not reach the disk is, on reopening, an open
 * surgery, treated as aborted. Abort records are not synced either: a lost one leaves the surgery
 * open, which means the same. If the sync fails, commit fails and core undoes the surgery; the
 * abort record that follows then revokes the commit record, if that record reached the disk. The
 * same happens when another surgery listener, told of the commit after the recorder, fails it:
 * the commit record is durable by then, so the abort record that revokes it is synced too. The
 * undos of an aborting surgery are not journaled: its abort record says that none of it stands.
 *
 * <p><b>Changes outside a surgery</b> are journaled too, each as a surgery of its own, labelled
 * {@code "implicit: <kind> of <target>"}, committed and synced at once: the journal has every
 * change the membrane made, and a change made outside any surgery is as durable as a committed
 * one. (Refusing is not possible: the membrane tells its listeners after the change is made.)
 *
 * <p><b>Journal failures.</b> A commit the journal cannot record whole fails with a
 * {@link JournalException} of problem {@link JournalException.Problem#NOT_RECORDED}, whatever the
 * journal threw (its cause). The membrane listener never throws: a listener that threw would
 * keep core's own surgery bookkeeping from hearing the change, and an abort could not undo it.
 * A change that could not be journaled is remembered instead, and the surgery's commit then
 * fails (so core undoes the whole surgery). The failure is {@link #failure()}.
 *
 * <p>Runs on the space's thread, like the space itself; not thread-safe.
 */
public final class JournalRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JournalRecorder.class.getName());

    private final ObjectSpace space;
    private final Journal journal;
    private final ChangeNames names;
    /** Writes the events of stores: the space's thread is the only one that calls the listener. */
    private final StoreWriter stores = new StoreWriter();
    private final Membrane.Listener changeListener = this::changed;
    private final Surgery.Listener surgeryListener = new Surgery.Listener() {
        @Override
        public void begun(Surgery surgery) {
            JournalRecorder.this.begun(surgery);
        }

        @Override
        public void committed(Surgery surgery) {
            JournalRecorder.this.committed(surgery);
        }

        @Override
        public void aborted(Surgery surgery, String reason) {
            JournalRecorder.this.aborted(surgery, reason);
        }
    };

    /** The surgery being journaled: from its begin until it is aborted or its commit has returned. */
    private Surgery current;
    /** Whether the commit record of {@link #current} is written: an abort must then revoke it durably. */
    private boolean commitRecorded;
    private int sequence;
    private EventCodec.Digest digest;
    private RuntimeException failure;
    private RuntimeException surgeryFailure;
    private boolean attached;

    private JournalRecorder(ObjectSpace space, Journal journal) {
        this.space = space;
        this.journal = journal;
        this.names = new ChangeNames(space);
    }

    /**
     * Starts journaling {@code space} into {@code journal}: writes {@code SpaceLoaded} (path,
     * SHA-256 of the loaded file, format, dialect), made durable, then listens.
     *
     * @throws IllegalStateException when a surgery is open on the space
     * @throws JournalException      when the journal cannot be written
     */
    public static JournalRecorder attach(ObjectSpace space, Journal journal) {
        return attach(space, journal, null);
    }

    /** {@link #attach(ObjectSpace, Journal)}, given the SHA-256 of the space's image file when it is known already (or null). */
    static JournalRecorder attach(ObjectSpace space, Journal journal, String imageSha256) {
        if (space.openSurgery().isPresent()) {
            throw new IllegalStateException("cannot start journaling " + space.memory().source()
                    + " while surgery '" + space.openSurgery().get().label() + "' is open");
        }
        Path source = space.memory().source().toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("the space's image file " + source
                    + " is not a readable file: the journal needs its SHA-256");
        }
        String sha = imageSha256 != null ? imageSha256 : sha256(source);
        journal.append(new JournalEvent.SpaceLoaded(source.toString(), sha, space.format().version(),
                space.contract().dialect(), Instant.now()));
        journal.sync();
        return listen(space, journal);
    }

    /**
     * Starts a genesis journal for a space made with no base image: writes {@code SpaceCreated}
     * (the seed the space was read from, its SHA-256, format and dialect), made durable, then
     * listens. The journal must be empty.
     *
     * @throws IllegalStateException when a surgery is open on the space or the journal has events
     */
    public static JournalRecorder attachGenesis(ObjectSpace space, Journal journal, String name, byte[] seed) {
        if (space.openSurgery().isPresent()) {
            throw new IllegalStateException("cannot start the genesis of " + name + " while surgery '"
                    + space.openSurgery().get().label() + "' is open");
        }
        if (!journal.report().entries().isEmpty()) {
            throw new IllegalStateException("journal " + journal.dir() + " has events already: a genesis starts a new journal");
        }
        MessageDigest sha = EventCodec.sha256();
        journal.append(new JournalEvent.SpaceCreated(name, HexFormat.of().formatHex(sha.digest(seed)),
                space.format().version(), space.contract().dialect(), Base64.getEncoder().encodeToString(seed),
                Instant.now()));
        journal.sync();
        return listen(space, journal);
    }

    /**
     * Goes on journaling into a journal whose committed surgeries {@code space} already carries
     * (loaded from the journal's base image, then replayed: see {@link JournalSession}). Writes
     * no {@code SpaceLoaded}: the changes that follow name objects as the journal's session does.
     *
     * @throws IllegalStateException when a surgery is open on the space
     */
    public static JournalRecorder resume(ObjectSpace space, Journal journal) {
        if (space.openSurgery().isPresent()) {
            throw new IllegalStateException("cannot resume journaling " + space.memory().source()
                    + " while surgery '" + space.openSurgery().get().label() + "' is open");
        }
        return listen(space, journal);
    }

    private static JournalRecorder listen(ObjectSpace space, Journal journal) {
        JournalRecorder r = new JournalRecorder(space, journal);
        space.addListener(r.changeListener);
        space.addSurgeryListener(r.surgeryListener);
        r.attached = true;
        return r;
    }

    public Journal journal() {
        return journal;
    }

    /** The first failure to journal a change, if any: the surgery it happened in could not commit. */
    public java.util.Optional<RuntimeException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * Saves the space to {@code target} (as {@link ObjectSpace#save(Path)}) and journals
     * {@code SpaceSaved} with the SHA-256 of the saved file, durably.
     */
    public void save(Path target) {
        space.save(target);
        saved(target);
    }

    /** Journals {@code SpaceSaved} for the image now at {@code target}, durably. */
    public void saved(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        journal.append(new JournalEvent.SpaceSaved(abs.toString(), sha256(abs)));
        journal.sync();
    }

    private void begun(Surgery surgery) {
        current = surgery;
        commitRecorded = false;
        sequence = 0;
        digest = new EventCodec.Digest();
        surgeryFailure = null;
        try {
            journal.append(new JournalEvent.SurgeryBegun(surgery.id(), surgery.label(), surgery.begun()));
        } catch (RuntimeException e) {
            remember(e);
        }
    }

    private void changed(Change change) {
        if (current != null && current.state() == Surgery.State.COMMITTED) {
            current = null;
        }
        if (current == null) {
            recordImplicit(change);
            return;
        }
        if (surgeryFailure != null || current.state() != Surgery.State.OPEN) {
            // an aborting surgery's undo: its abort record says it all (and revokes a commit record)
            return;
        }
        try {
            record(current.id(), sequence, change, digest);
            sequence++;
        } catch (RuntimeException e) {
            remember(e);
        }
    }

    /**
     * Appends the {@code ChangeMade} event of {@code change} and adds its bytes to {@code to}. A
     * store without symbolic names (most changes) is written by {@link #stores} into its reused
     * buffer, and appended and digested from there; anything else goes through {@link EventCodec}.
     */
    private void record(String surgeryId, int sequence, Change change, EventCodec.Digest to) {
        java.util.Map<Long, String> names = namesOf(change);
        if (names.isEmpty() && StoreWriter.isStore(change)) {
            int length = stores.write(surgeryId, sequence, change);
            if (length >= 0) {
                journal.appendBytes(stores.buffer(), length);
                to.add(stores.buffer(), length);
                return;
            }
        }
        byte[] json = EventCodec.encode(new JournalEvent.ChangeMade(surgeryId, sequence, change, names));
        journal.appendBytes(json);
        to.add(json);
    }

    private void committed(Surgery surgery) {
        if (surgery != current) {
            throw new IllegalStateException("surgery '" + surgery.label() + "' commits but the journal saw '"
                    + (current == null ? "none" : current.label()) + "' begin");
        }
        if (surgeryFailure != null) {
            throw JournalException.notRecorded("the journal could not record surgery '" + surgery.label() + "': "
                    + surgeryFailure.getMessage(), surgeryFailure);
        }
        int count = surgery.changes().size();
        if (count != sequence) {
            throw JournalException.notRecorded("surgery '" + surgery.label() + "' made " + count
                    + " changes but the journal heard " + sequence, null);
        }
        try {
            journal.requireUnmoved();
            journal.append(new JournalEvent.SurgeryCommitted(surgery.id(), sequence, digest.hex(), Instant.now()));
            commitRecorded = true;
            journal.sync();
        } catch (RuntimeException e) {
            throw JournalException.notRecorded("the journal could not record the commit of surgery '"
                    + surgery.label() + "': " + e.getMessage(), e);
        }
        // The surgery stays current until its commit returns: a listener told after this one may
        // still fail it, and then the abort must revoke the commit record (see the class comment).
    }

    private void aborted(Surgery surgery, String reason) {
        if (surgery != current) {
            return;
        }
        current = null;
        if (surgeryFailure != null) {
            return;
        }
        try {
            journal.append(new JournalEvent.SurgeryAborted(surgery.id(), reason));
            if (commitRecorded) {
                journal.sync();
            }
        } catch (RuntimeException e) {
            remember(e);
        }
    }

    private void recordImplicit(Change change) {
        String id = UUID.randomUUID().toString();
        try {
            journal.append(new JournalEvent.SurgeryBegun(id, "implicit: " + change.getClass().getSimpleName() + " of "
                    + change.target(), Instant.now()));
            EventCodec.Digest d = new EventCodec.Digest();
            record(id, 0, change, d);
            journal.append(new JournalEvent.SurgeryCommitted(id, 1, d.hex(), Instant.now()));
            journal.sync();
        } catch (RuntimeException e) {
            remember(e);
            LOG.log(System.Logger.Level.ERROR, "a change outside any surgery could not be journaled: " + change, e);
        }
    }

    /** The change's symbolic names; none when naming fails (a replay onto the same image needs none). */
    private java.util.Map<Long, String> namesOf(Change change) {
        try {
            return names.of(change);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no symbolic names for " + change + ": " + e.getMessage());
            return java.util.Map.of();
        }
    }

    private void remember(RuntimeException e) {
        surgeryFailure = e;
        if (failure == null) {
            failure = e;
        }
    }

    /** Stops listening. The journal stays open: its owner closes it. */
    @Override
    public void close() {
        if (attached) {
            space.removeListener(changeListener);
            space.removeSurgeryListener(surgeryListener);
            names.close();
            attached = false;
        }
    }

    /** The SHA-256 of a file, in hex: how a journal names its base image. */
    public static String sha256(Path file) {
        MessageDigest sha = EventCodec.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for its SHA-256", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
