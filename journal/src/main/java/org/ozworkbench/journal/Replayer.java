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
 * changes were recorded on (see {@link #replay}).
 *
 * <p>All or nothing: the changes are applied inside a surgery (the caller's open one, or a new one
 * committed at the end); on a conflict that surgery is aborted, which undoes what was applied,
 * and a {@link ReplayConflictException} says which change did not fit.
 */
public final class Replayer {
    private final ObjectSpace space;
    private final ObjectMemory memory;
    private final Membrane membrane;
    /** Class changes still standing per object, newest first: replaying their inverse restores the exact header. */
    private final Map<GuestRef.Obj, Deque<Change.ClassChanged>> classChanges = new HashMap<>();

    private Replayer(ObjectSpace space) {
        this.space = space;
        this.memory = space.memory();
        this.membrane = space.membrane();
    }

    /**
     * Replays a committed surgery onto a space loaded from the surgery's base image, as a new
     * surgery labelled {@code "replay: <label>"}.
     *
     * @throws IllegalArgumentException when the surgery is not committed, or the space was not
     *                                  loaded from a file with the SHA-256 of the surgery's base image
     * @throws ReplayConflictException  when a change does not fit (nothing is applied)
     */
    public static void replay(ObjectSpace space, RecordedSurgery surgery) {
        if (!surgery.isCommitted()) {
            throw new IllegalArgumentException("surgery " + surgery.id() + " '" + surgery.label() + "' is "
                    + surgery.state().name().toLowerCase() + ": only committed surgeries are replayed");
        }
        surgery.base().ifPresent(base -> {
            Path source = space.memory().source();
            String sha = JournalRecorder.sha256(source);
            if (!sha.equals(base.sha256())) {
                throw new IllegalArgumentException("surgery " + surgery.id() + " was recorded on " + base.path()
                        + " (SHA-256 " + base.sha256() + "), not on " + source + " (SHA-256 " + sha + ")");
            }
        });
        try (Surgery s = space.beginSurgery("replay: " + surgery.label())) {
            new Replayer(space).applyAll(surgery.changes());
            s.commit();
        }
    }

    /**
     * Applies {@code changes} in order, inside the space's open surgery or, when none is open, a
     * new surgery labelled {@code "replay"} that commits at the end.
     *
     * @throws ReplayConflictException when a change does not fit: the surgery is aborted
     */
    public static void apply(ObjectSpace space, List<Change> changes) {
        if (space.openSurgery().isPresent()) {
            Surgery s = space.openSurgery().get();
            try {
                new Replayer(space).applyAll(changes);
            } catch (RuntimeException e) {
                s.abort("replay failed: " + e.getMessage());
                throw e;
            }
            return;
        }
        try (Surgery s = space.beginSurgery("replay")) {
            new Replayer(space).applyAll(changes);
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
            membrane.note(n.operation()); // nothing to apply; noted again, the replay's journal reads like the original
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
