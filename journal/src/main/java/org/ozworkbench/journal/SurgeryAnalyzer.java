package org.ozworkbench.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.ozworkbench.core.memory.Change;

/**
 * Builds surgeries from events, checking that they fit: a surgery begins once, its changes come
 * in sequence without gaps, its commit counts them and carries their digest. The first event that
 * does not fit is a problem, like a corrupt excerpt: the report stops before it.
 *
 * <p>A surgery is committed when its last event is its commit. An event of the surgery after its
 * commit revokes the commit: this happens when making the commit durable failed and the surgery
 * was then undone (the undos, then the abort record, follow the commit record).
 */
final class SurgeryAnalyzer {
    private final Map<String, Builder> surgeries = new LinkedHashMap<>();
    private JournalEvent.SpaceLoaded session;

    private final Path dir;

    private SurgeryAnalyzer(Path dir) {
        this.dir = dir;
    }

    static JournalReport analyze(Path dir, List<Journal.RawEntry> raw, JournalException readProblem,
                                 JournalException tornTail, BiFunction<JournalException, Long, JournalException> locate) {
        SurgeryAnalyzer a = new SurgeryAnalyzer(dir);
        List<Journal.Entry> good = new ArrayList<>(raw.size());
        JournalException problem = readProblem;
        for (Journal.RawEntry r : raw) {
            try {
                a.accept(r);
            } catch (JournalException e) {
                problem = locate.apply(e, r.index());
                break;
            }
            good.add(new Journal.Entry(r.index(), r.event()));
        }
        List<RecordedSurgery> out = a.surgeries.values().stream().map(Builder::build).toList();
        return new JournalReport(dir, good, out, Optional.ofNullable(problem),
                problem == readProblem ? Optional.ofNullable(tornTail) : Optional.empty());
    }

    private void accept(Journal.RawEntry r) {
        JournalEvent e = r.event();
        if (e instanceof JournalEvent.SpaceLoaded l) {
            session = l;
        } else if (e instanceof JournalEvent.SurgeryBegun b) {
            if (surgeries.containsKey(b.surgeryId())) {
                throw JournalException.inconsistent("surgery " + b.surgeryId() + " begins a second time");
            }
            surgeries.put(b.surgeryId(), new Builder(dir, b, r.index(), session));
        } else if (e instanceof JournalEvent.ChangeMade c) {
            Builder s = existing(c.surgeryId(), "a change");
            if (s.state == RecordedSurgery.State.ABORTED) {
                throw JournalException.inconsistent("a change of surgery " + c.surgeryId() + " after its abort");
            }
            if (c.sequence() != s.changes.size()) {
                throw JournalException.inconsistent("change " + c.sequence() + " of surgery " + c.surgeryId()
                        + " where change " + s.changes.size() + " was expected");
            }
            if (s.state == RecordedSurgery.State.COMMITTED) {
                s.revoke();
            }
            s.changes.add(c.change());
            s.names.add(c.names());
            if (s.digest != null) {
                s.digest.add(r.bytes());
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
            if (c.changeCount() != s.changes.size()) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits " + c.changeCount()
                        + " changes but the journal has " + s.changes.size());
            }
            String digest = s.digest.hex();
            if (!digest.equals(c.digest())) {
                throw JournalException.inconsistent("surgery " + c.surgeryId() + " commits changes of digest "
                        + c.digest() + " but the journal's changes have digest " + digest);
            }
            s.digest = null;
            s.state = RecordedSurgery.State.COMMITTED;
            s.endIndex = r.index();
        } else if (e instanceof JournalEvent.SurgeryAborted a) {
            Builder s = existing(a.surgeryId(), "an abort");
            if (s.state == RecordedSurgery.State.ABORTED) {
                throw JournalException.inconsistent("surgery " + a.surgeryId() + " aborts a second time");
            }
            s.state = RecordedSurgery.State.ABORTED;
            s.reason = a.reason();
            s.endIndex = r.index();
        }
        // SpaceSaved: nothing to check.
    }

    private Builder existing(String id, String what) {
        Builder s = surgeries.get(id);
        if (s == null) {
            throw JournalException.inconsistent(what + " of surgery " + id + ", which never began");
        }
        return s;
    }

    private static final class Builder {
        final Path dir;
        final String id;
        final String label;
        final Instant begun;
        final long beginIndex;
        final JournalEvent.SpaceLoaded base;
        final List<Change> changes = new ArrayList<>();
        final List<java.util.Map<Long, String>> names = new ArrayList<>();
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
