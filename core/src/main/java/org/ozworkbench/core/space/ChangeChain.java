package org.ozworkbench.core.space;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * Whether a surgery's changes, applied in order onto the state the surgery began from, give the
 * state it leaves: what a replay will do. Checked before a surgery commits, so that "committed"
 * means "replayable" by construction, not by hope.
 *
 * <p>Every place (a slot, byte or word of an object, or its class) a change touches must hold, at
 * each later change of the same place, the value the previous one left; and at the end the memory
 * must hold the value the last one left (nothing changed it behind the membrane). Objects are
 * created once and undone latest first; a created object is referred to only while it exists. One
 * pass, one hash lookup per change.
 */
final class ChangeChain {
    /** What part of an object a change writes. */
    private enum Part { SLOT, BYTE, WORD, CLASS }

    /** A place a change writes: a slot, byte or word of an object (by index), or its class. */
    private record Place(GuestRef.Obj target, Part part, int index) {
        @Override
        public String toString() {
            return part == Part.CLASS ? "the class of " + target
                    : part.name().toLowerCase(java.util.Locale.ROOT) + " " + index + " of " + target;
        }
    }

    private final ObjectMemory memory;
    private final Map<Place, GuestRef> left = new HashMap<>();
    private final Set<Integer> createdHere = new HashSet<>();
    /** Creation numbers whose object this surgery took back (and has not made again). */
    private final Set<Integer> undoneHere = new HashSet<>();
    /** How many objects had been created when the surgery began: those exist until it takes them back. */
    private final int createdBefore;
    private String broken;

    private ChangeChain(ObjectMemory memory, int createdBefore) {
        this.memory = memory;
        this.createdBefore = createdBefore;
    }

    /**
     * The first reason {@code changes} would not replay onto the state before them, when
     * {@code createdBefore} objects had been created; empty when they would.
     */
    static Optional<String> check(ObjectMemory memory, int createdBefore, List<Change> changes) {
        ChangeChain chain = new ChangeChain(memory, createdBefore);
        for (int i = 0; i < changes.size() && chain.broken == null; i++) {
            chain.follow(changes.get(i));
            if (chain.broken != null) {
                chain.broken = "change " + i + " (" + changes.get(i) + "): " + chain.broken;
            }
        }
        if (chain.broken == null) {
            chain.checkMemory();
        }
        return Optional.ofNullable(chain.broken);
    }

    private void follow(Change change) {
        if (change instanceof Change.SlotStored s) {
            write(new Place(s.target(), Part.SLOT, s.index()), s.oldValue(), s.newValue());
        } else if (change instanceof Change.ByteStored b) {
            write(new Place(b.target(), Part.BYTE, b.index()), new GuestRef.SmallInt(b.oldValue()),
                    new GuestRef.SmallInt(b.newValue()));
        } else if (change instanceof Change.WordStored w) {
            write(new Place(w.target(), Part.WORD, w.index()), new GuestRef.SmallInt(w.oldValue()),
                    new GuestRef.SmallInt(w.newValue()));
        } else if (change instanceof Change.ClassChanged c) {
            write(new Place(c.target(), Part.CLASS, 0), c.oldClass(), c.newClass());
        } else if (change instanceof Change.ObjectCreated o) {
            if (!createdHere.add(o.target().index())) {
                broken = o.target() + " is created twice";
                return;
            }
            undoneHere.remove(o.target().index());
            o.pointers().forEach(this::refer);
            refer(o.cls());
        } else if (change instanceof Change.CreationUndone u) {
            // a creation of this surgery, or of an earlier one that a rollback takes back
            refer(u.target());
            createdHere.remove(u.target().index());
            undoneHere.add(u.target().index());
            left.keySet().removeIf(p -> p.target().equals(u.target()));
        }
    }

    private void write(Place place, GuestRef oldValue, GuestRef newValue) {
        refer(place.target());
        refer(newValue);
        GuestRef before = left.put(place, newValue);
        if (before != null && !before.equals(oldValue)) {
            broken = place + " held " + before + " after the surgery's previous change to it, not the recorded old value "
                    + oldValue;
        }
    }

    /** A created object may be referred to while it exists: made earlier in this surgery, or before it. */
    private void refer(GuestRef ref) {
        if (broken == null && ref instanceof GuestRef.Created c && !createdHere.contains(c.index())
                && (c.index() < 1 || c.index() > createdBefore || undoneHere.contains(c.index()))) {
            broken = "it refers to " + c + ", which does not exist at that point";
        }
    }

    /** Every place must hold, now, what the surgery's last change to it left there. */
    private void checkMemory() {
        for (Map.Entry<Place, GuestRef> e : left.entrySet()) {
            Place p = e.getKey();
            GuestObject target = memory.resolve(p.target());
            if (target == null) {
                broken = p + " was changed, but " + p.target() + " no longer exists";
                return;
            }
            GuestRef now = switch (p.part()) {
                case SLOT -> p.index() < target.pointers().length ? GuestRef.of(target.pointers()[p.index()]) : null;
                case BYTE -> p.index() < target.byteCount() ? new GuestRef.SmallInt(target.bytes()[p.index()] & 0xFF) : null;
                case WORD -> p.index() < target.words().length ? new GuestRef.SmallInt(target.words()[p.index()]) : null;
                case CLASS -> GuestRef.of(target.cls());
            };
            if (!e.getValue().equals(now)) {
                broken = p + " holds " + now + ", not " + e.getValue() + " as the surgery's last change to it left it:"
                        + " something changed it behind the membrane";
                return;
            }
        }
    }
}
