package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Applies recorded changes to a space through its membrane, checking before each one that its
 * place holds the recorded old value (an expected-version check per slot, byte or word), that a
 * creation gets the recorded creation number and identity hash, and that an undone creation is the
 * latest one. Snapshot oops are resolved directly: the space must be loaded from the image the
 * changes were recorded on, which {@link #replay} checks by SHA-256 unless told
 * {@link BasePolicy#ANY_IMAGE}.
 *
 * <p>All or nothing per surgery: each recorded surgery is applied inside a surgery of the space
 * (labelled {@code "replay: <label>"}, committed at its end); on a conflict that surgery is
 * aborted, which undoes what it applied, and a {@link ReplayConflictException} says which
 * surgery, which change, which object and place, and what was found there. Surgeries replayed
 * before it stay applied.
 *
 * <pre>{@code
 * Replayer replayer = Replayer.onto(fresh);        // checks the base image once, by SHA-256
 * for (RecordedSurgery s : journal.report().committed()) {
 *     replayer.replay(s);
 * }
 * }</pre>
 *
 * <p>Runs on the space's thread; not thread-safe.
 */
public final class Replayer {
    /** Whether a replay insists on the image its surgeries were recorded on. */
    public enum BasePolicy {
        /** Refuse a surgery recorded on an image with another SHA-256 than the space's file ({@link JournalException.Problem#OTHER_BASE_IMAGE}). */
        SAME_IMAGE,
        /** Replay whatever the space was loaded from: the caller vouches that the snapshot oops still fit. */
        ANY_IMAGE
    }

    private final ObjectSpace space;
    private final ObjectMemory memory;
    private final Membrane membrane;
    private final BasePolicy policy;
    /** The SHA-256 of the space's image file, computed the first time a base is checked. */
    private String spaceSha256;
    /** Class changes still standing per object, newest first: replaying their inverse restores the exact header. */
    private final Map<GuestRef.Obj, Deque<Change.ClassChanged>> classChanges = new HashMap<>();

    private Replayer(ObjectSpace space, BasePolicy policy) {
        this.space = space;
        this.memory = space.memory();
        this.membrane = space.membrane();
        this.policy = policy;
    }

    /** A replayer onto {@code space} that refuses surgeries recorded on another image ({@link BasePolicy#SAME_IMAGE}). */
    public static Replayer onto(ObjectSpace space) {
        return onto(space, BasePolicy.SAME_IMAGE);
    }

    public static Replayer onto(ObjectSpace space, BasePolicy policy) {
        return new Replayer(space, java.util.Objects.requireNonNull(policy, "policy"));
    }

    /** Replays one committed surgery onto a space loaded from its base image: {@code onto(space).replay(surgery)}. */
    public static void replay(ObjectSpace space, RecordedSurgery surgery) {
        onto(space).replay(surgery);
    }

    /**
     * Replays a committed surgery as a new surgery of the space labelled {@code "replay: <label>"}.
     *
     * @throws IllegalArgumentException when the surgery is not committed
     * @throws JournalException         ({@link JournalException.Problem#OTHER_BASE_IMAGE}) under
     *                                  {@link BasePolicy#SAME_IMAGE}, when the space was not loaded from
     *                                  a file with the SHA-256 of the surgery's base image; nothing is applied
     * @throws ReplayConflictException  when a change does not fit: nothing of this surgery is applied
     */
    public void replay(RecordedSurgery surgery) {
        if (!surgery.isCommitted()) {
            throw new IllegalArgumentException(surgery.where() + " is " + surgery.state().name().toLowerCase()
                    + ": only committed surgeries are replayed");
        }
        if (policy == BasePolicy.SAME_IMAGE) {
            surgery.base().ifPresent(base -> checkBase(surgery, base));
        }
        classChanges.clear();
        try (Surgery s = space.beginSurgery("replay: " + surgery.label())) {
            try {
                applyAll(surgery.changes());
            } catch (ReplayConflictException e) {
                throw e.in(surgery);
            }
            s.commit();
        }
    }

    /** Replays committed surgeries in order, stopping at the first that does not fit (see {@link #replay(RecordedSurgery)}). */
    public void replayAll(List<RecordedSurgery> surgeries) {
        surgeries.forEach(this::replay);
    }

    private void checkBase(RecordedSurgery surgery, JournalEvent.SpaceLoaded base) {
        Path source = space.memory().source().toAbsolutePath().normalize();
        if (spaceSha256 == null) {
            spaceSha256 = JournalRecorder.sha256(source);
        }
        if (!spaceSha256.equals(base.sha256())) {
            throw JournalException.otherBase(surgery, base, source, spaceSha256);
        }
    }

    /**
     * Applies {@code changes} in order, inside the space's open surgery or, when none is open, a
     * new surgery labelled {@code "replay"} that commits at the end. The base image is not checked.
     *
     * @throws ReplayConflictException when a change does not fit: the surgery is aborted
     */
    public static void apply(ObjectSpace space, List<Change> changes) {
        Replayer replayer = new Replayer(space, BasePolicy.ANY_IMAGE);
        if (space.openSurgery().isPresent()) {
            Surgery s = space.openSurgery().get();
            try {
                replayer.applyAll(changes);
            } catch (RuntimeException e) {
                s.abort("replay failed: " + e.getMessage());
                throw e;
            }
            return;
        }
        try (Surgery s = space.beginSurgery("replay")) {
            replayer.applyAll(changes);
            s.commit();
        }
    }

    private void applyAll(List<Change> changes) {
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            try {
                applyOne(c);
            } catch (ReplayConflictException e) {
                throw e;
            } catch (MembraneException e) {
                throw new ReplayConflictException(i, c, "the membrane refused it: " + e.getMessage(), e);
            } catch (Conflict e) {
                throw new ReplayConflictException(i, c, e.getMessage(), null);
            }
        }
    }

    private void applyOne(Change change) {
        if (change instanceof Change.SlotStored s) {
            GuestObject t = resolve(s.target());
            Object[] slots = t.pointers();
            if (s.index() >= slots.length) {
                throw new Conflict(t + " has " + slots.length + " pointer slots, no slot " + s.index());
            }
            expect("slot " + s.index() + " of " + t, GuestRef.of(slots[s.index()]), s.oldValue());
            membrane.storePointer(t, s.index(), value(s.newValue()));
        } else if (change instanceof Change.ByteStored b) {
            GuestObject t = resolve(b.target());
            if (b.index() >= t.byteCount()) {
                throw new Conflict(t + " has " + t.byteCount() + " bytes, no byte " + b.index());
            }
            int found = t.bytes()[b.index()] & 0xFF;
            if (found != b.oldValue()) {
                throw new Conflict("byte " + b.index() + " of " + t + " is " + found + ", not " + b.oldValue());
            }
            membrane.storeByte(t, b.index(), b.newValue());
        } else if (change instanceof Change.WordStored w) {
            GuestObject t = resolve(w.target());
            int[] words = t.words();
            if (w.index() >= words.length) {
                throw new Conflict(t + " has " + words.length + " words, no word " + w.index());
            }
            if (words[w.index()] != w.oldValue()) {
                throw new Conflict("word " + w.index() + " of " + t + " is " + Integer.toUnsignedString(words[w.index()])
                        + ", not " + Integer.toUnsignedString(w.oldValue()));
            }
            membrane.storeWord(t, w.index(), w.newValue());
        } else if (change instanceof Change.ClassChanged c) {
            changeClass(c);
        } else if (change instanceof Change.ObjectCreated o) {
            create(o);
        } else if (change instanceof Change.CreationUndone u) {
            GuestObject t = resolve(u.target());
            if (memory.createdCount() != u.target().index()) {
                throw new Conflict(u.target() + " is not the latest created object (" + memory.createdCount()
                        + " objects created)");
            }
            // The membrane undoes a creation given the creation itself; only its target matters.
            membrane.undo(new Change.ObjectCreated(u.target(), GuestRef.of(t.cls()), t.format(), t.hash(), List.of(),
                    new int[0], new byte[0]));
            if (memory.lastHash() != u.restoredHashSeed()) {
                throw new Conflict("undoing " + u.target() + " restored hash seed " + memory.lastHash() + ", not "
                        + u.restoredHashSeed());
            }
        } else if (change instanceof Change.Noted n) {
            membrane.noteSpanning(n.operation(), n.spans()); // nothing to apply; noted again, the replay's journal reads like the original
        } else {
            throw new Conflict("unknown change kind " + change.getClass().getSimpleName());
        }
    }

    private void changeClass(Change.ClassChanged c) {
        GuestObject t = resolve(c.target());
        expect("the class of " + t, GuestRef.of(t.cls()), c.oldClass());
        if (t.headerWords() != c.oldHeaderWords() || t.compactIndex() != c.oldCompactIndex()) {
            throw new Conflict(t + " has a " + t.headerWords() + "-word header with compact index " + t.compactIndex()
                    + ", not " + c.oldHeaderWords() + " words with compact index " + c.oldCompactIndex());
        }
        Deque<Change.ClassChanged> standing = classChanges.computeIfAbsent(c.target(), k -> new ArrayDeque<>());
        Change.ClassChanged last = standing.peek();
        if (last != null && last.oldClass().equals(c.newClass()) && last.newClass().equals(c.oldClass())) {
            // The inverse of the standing change: undo it, which restores the very header it replaced.
            membrane.undo(last);
            standing.pop();
        } else {
            membrane.changeClass(t, resolve(c.newClass()));
            standing.push(c);
        }
    }

    private void create(Change.ObjectCreated o) {
        int next = memory.createdCount() + 1;
        if (o.target().index() != next) {
            throw new Conflict("the next object created would be " + new GuestRef.Created(next) + ", not " + o.target());
        }
        List<GuestRef> refs = o.pointers();
        Object[] pointers = new Object[refs.size()];
        for (int i = 0; i < pointers.length; i++) {
            pointers[i] = value(refs.get(i));
        }
        GuestObject created = membrane.create(resolve(o.cls()), o.format(), pointers, o.words(), o.bytes());
        if (created.hash() != o.hash() || created.format() != o.format()) {
            throw new Conflict("the created object got hash " + created.hash() + " and format " + created.format()
                    + ", not " + o.hash() + " and " + o.format());
        }
    }

    private GuestObject resolve(GuestRef.Obj ref) {
        GuestObject o = memory.resolve(ref);
        if (o == null) {
            throw new Conflict("no object " + ref + " in " + space.memory().source());
        }
        return o;
    }

    private Object value(GuestRef ref) {
        return ref instanceof GuestRef.Obj obj ? resolve(obj) : membrane.resolveValue(ref);
    }

    private static void expect(String place, GuestRef found, GuestRef expected) {
        if (!found.equals(expected)) {
            throw new Conflict(place + " holds " + found + ", not the recorded old value " + expected);
        }
    }

    /** A conflict found inside one change; {@link #applyAll} names the change. */
    private static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }
}
