package org.ozworkbench.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds surgeries from events, checking that they fit: a surgery begins once, its changes come
 * in sequence without gaps, its commit counts them and carries their digest. The first event that
 * does not fit is a problem, like a corrupt excerpt: the report stops before it.
 *
 * <p>A surgery is committed when its last event is its commit. An event of the surgery after its
 * commit revokes the commit: this happens when making the commit durable failed and the surgery
 * was then undone (the undos, then the abort record, follow the commit record).
 */
final class SurgeryAnalyzer implements Journal.Sink {
    private final Map<String, Builder> surgeries = new LinkedHashMap<>();
    private JournalEvent.SpaceLoaded session;
    /** The surgery the last event named, and the id string it was named by. */
    private String lastId;
    private Builder last;

    private final Path dir;

    private final boolean keep;
    private final List<Journal.Entry> good;

    /**
     * An analyzer fed the events of one read in order ({@link #accept}); {@code keep}: whether the
     * report holds the events and changes, or only says what is wrong (the check on opening).
     */
    SurgeryAnalyzer(Path dir, boolean keep) {
        this(dir, keep, keep);
    }

    /** {@code keepEvents}: whether the report also holds every event (not only the surgeries' changes). */
    SurgeryAnalyzer(Path dir, boolean keep, boolean keepEvents) {
        this.dir = dir;
        this.keep = keep;
        this.good = keepEvents ? new ArrayList<>() : null;
    }

    /** Starts the analysis after the events of {@code base}'s session that a trusted read skipped. */
    SurgeryAnalyzer after(JournalEvent.SpaceLoaded base) {
        session = base;
        return this;
    }

    /**
     * Takes the next event, read from {@code bytes[0, length)} (its bytes as written, which a
     * change's digest covers).
     *
     * @throws JournalException (without a location) when the event does not fit its surgery: the
     *                          report then stops before it
     */
    @Override
    public void accept(long index, JournalEvent e, byte[] bytes, int length) {
        check(index, e, bytes, length);
        if (good != null) {
            good.add(new Journal.Entry(index, e));
        }
    }

    /** The report of the events accepted, stopped by {@code problem} if any, with a torn tail only when there is no problem. */
    JournalReport report(JournalException problem, JournalException tornTail) {
        List<RecordedSurgery> out = surgeries.values().stream().map(Builder::build).toList();
        return new JournalReport(dir, good != null ? good : List.of(), out, Optional.ofNullable(problem),
                problem == null ? Optional.ofNullable(tornTail) : Optional.empty());
    }

    private void check(long index, JournalEvent e, byte[] bytes, int length) {
        if (e instanceof JournalEvent.SpaceLoaded l) {
            session = l;
        } else if (e instanceof JournalEvent.SurgeryBegun b) {
            if (surgeries.containsKey(b.surgeryId())) {
                throw JournalException.inconsistent("surgery " + b.surgeryId() + " begins a second time");
            }
            surgeries.put(b.surgeryId(), new Builder(dir, b, index, session));
        } else if (e instanceof JournalEvent.ChangeMade c) {
            Builder s = existing(c.surgeryId(), "a change");
            if (s.state == RecordedSurgery.State.ABORTED) {
                throw JournalException.inconsistent("a change of surgery " + c.surgeryId() + " after its abort");
            }
            if (c.sequence() != s.count) {
                throw JournalException.inconsistent("change " + c.sequence() + " of surgery " + c.surgeryId()
                        + " where change " + s.count + " was expected");
            }
            if (s.state == RecordedSurgery.State.COMMITTED) {
                s.revoke();
            }
            s.count++;
            if (keep) {
                s.changes.add(c.change());
                s.addNames(c.names());
            }
            if (s.digest != null) {
                s.digest.add(bytes, length);
            }
        } else if (e instanceof JournalEvent.SurgeryCommitted c) {
            Builder s = existing(c.surgeryId(), "a commit");
            if (s.state != RecordedSurgery.State.OPEN) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits when it is already "
                        + s.state.name().toLowerCase());
            }
            if (s.digest == null) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits a second time");
            }
            if (c.changeCount() != s.count) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits " + c.changeCount()
                        + " changes but the journal has " + s.count);
            }
            String digest = s.digest.hex();
            if (!digest.equals(c.digest())) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits changes of digest "
                        + c.digest() + " but the journal's changes have digest " + digest);
            }
            s.digest = null;
            s.state = RecordedSurgery.State.COMMITTED;
            s.endIndex = index;
        } else if (e instanceof JournalEvent.SurgeryAborted a) {
            Builder s = existing(a.surgeryId(), "an abort");
            if (s.state == RecordedSurgery.State.ABORTED) {
                throw JournalException.inconsistent("surgery " + a.surgeryId() + " aborts a second time");
            }
            s.state = RecordedSurgery.State.ABORTED;
            s.reason = a.reason();
            s.endIndex = index;
        }
        // SpaceSaved: nothing to check.
    }

    private Builder existing(String id, String what) {
        if (id == lastId) { // the same string as the event before's: the reader shares it within a surgery
            return last;
        }
        Builder s = surgeries.get(id);
        if (s == null) {
            throw JournalException.inconsistent(what + " of surgery " + id + ", which never began");
        }
        lastId = id;
        last = s;
        return s;
    }

    private static final class Builder {
        final Path dir;
        final String id;
        final String label;
        final Instant begun;
        final long beginIndex;
        final JournalEvent.SpaceLoaded base;
        final PackedChanges changes = new PackedChanges();
        final List<java.util.Map<Long, String>> names = new ArrayList<>();
        int count;
        EventCodec.Digest digest = new EventCodec.Digest();
        RecordedSurgery.State state = RecordedSurgery.State.OPEN;
        long endIndex = -1;
        String reason;

        Builder(Path dir, JournalEvent.SurgeryBegun b, long index, JournalEvent.SpaceLoaded base) {
            this.dir = dir;
            this.id = b.surgeryId();
            this.label = b.label();
            this.begun = b.time();
            this.beginIndex = index;
            this.base = base;
        }

        /**
         * Names the change just added: the list of names stays short, up to the last change that
         * has any ({@link RecordedSurgery#namesOf} answers none past its end).
         */
        void addNames(java.util.Map<Long, String> of) {
            if (!of.isEmpty()) {
                while (names.size() < changes.size() - 1) {
                    names.add(java.util.Map.of());
                }
                names.add(of);
            }
        }

        void revoke() {
            state = RecordedSurgery.State.OPEN;
            endIndex = -1;
        }

        RecordedSurgery build() {
            return new RecordedSurgery(dir, id, label, begun, beginIndex, endIndex, state, changes, Optional.ofNullable(base),
                    Optional.ofNullable(reason), names);
        }
    }
}
