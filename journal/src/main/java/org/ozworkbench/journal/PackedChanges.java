package org.ozworkbench.journal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;

/**
 * The changes of a recorded surgery, kept compactly: a slot, byte or word store — most of a
 * journal — as five numbers in one int array, any other change as it is. A journal of a million
 * stores then keeps a few arrays instead of four million small objects, which the garbage
 * collector would copy again and again while the journal is read. {@link #get} makes the store
 * anew, equal to the one {@link #add added}.
 *
 * <p>Grown by the one reader that fills it ({@link #add}); read-only once handed out
 * ({@link #frozen}). Not thread-safe while it grows.
 */
final class PackedChanges extends AbstractList<Change> implements RandomAccess {
    private static final int WIDTH = 5;
    private static final int TAG = 0;
    private static final int TARGET = 1;
    private static final int INDEX = 2;
    private static final int OLD = 3;
    private static final int NEW = 4;

    /** Change kinds, in the low two bits of the tag. */
    private static final int OTHER = 0;
    private static final int SLOT = 1;
    private static final int BYTE = 2;
    private static final int WORD = 3;
    private static final int KIND_MASK = 3;
    /** Ref kinds, two bits each: target at bit 2, old value at bit 4, new value at bit 6. */
    private static final int SNAPSHOT = 1;
    private static final int CREATED = 2;
    private static final int SMALL_INTEGER = 3;
    private static final int TARGET_SHIFT = 2;
    private static final int OLD_SHIFT = 4;
    private static final int NEW_SHIFT = 6;

    private int[] packed;
    private int size;
    /** The changes that are not stores, in order; a packed entry of kind {@link #OTHER} holds its position here. */
    private final List<Change> others;
    private boolean frozen;

    PackedChanges() {
        this(new int[WIDTH * 16], 0, new ArrayList<>(), false);
    }

    private PackedChanges(int[] packed, int size, List<Change> others, boolean frozen) {
        this.packed = packed;
        this.size = size;
        this.others = others;
        this.frozen = frozen;
    }

    /** Appends a change. */
    @Override
    public boolean add(Change change) {
        if (frozen) {
            throw new UnsupportedOperationException("recorded changes are read-only");
        }
        if (packed.length < (size + 1) * WIDTH) {
            packed = Arrays.copyOf(packed, packed.length * 2);
        }
        int at = size * WIDTH;
        if (change instanceof Change.SlotStored s && s.target() != null && s.oldValue() != null && s.newValue() != null) {
            put(at, SLOT | kind(s.target()) << TARGET_SHIFT | kind(s.oldValue()) << OLD_SHIFT
                    | kind(s.newValue()) << NEW_SHIFT, value(s.target()), s.index(), value(s.oldValue()), value(s.newValue()));
        } else if (change instanceof Change.ByteStored b && b.target() != null) {
            put(at, BYTE | kind(b.target()) << TARGET_SHIFT, value(b.target()), b.index(), b.oldValue(), b.newValue());
        } else if (change instanceof Change.WordStored w && w.target() != null) {
            put(at, WORD | kind(w.target()) << TARGET_SHIFT, value(w.target()), w.index(), w.oldValue(), w.newValue());
        } else {
            put(at, OTHER, others.size(), 0, 0, 0);
            others.add(java.util.Objects.requireNonNull(change, "change"));
        }
        size++;
        modCount++;
        return true;
    }

    private void put(int at, int tag, int target, int index, int old, int value) {
        packed[at + TAG] = tag;
        packed[at + TARGET] = target;
        packed[at + INDEX] = index;
        packed[at + OLD] = old;
        packed[at + NEW] = value;
    }

    @Override
    public Change get(int i) {
        java.util.Objects.checkIndex(i, size);
        int at = i * WIDTH;
        int tag = packed[at + TAG];
        int kind = tag & KIND_MASK;
        if (kind == OTHER) {
            return others.get(packed[at + TARGET]);
        }
        GuestRef.Obj target = (GuestRef.Obj) ref(tag >>> TARGET_SHIFT & KIND_MASK, packed[at + TARGET]);
        int index = packed[at + INDEX];
        if (kind == SLOT) {
            return new Change.SlotStored(target, index, ref(tag >>> OLD_SHIFT & KIND_MASK, packed[at + OLD]),
                    ref(tag >>> NEW_SHIFT & KIND_MASK, packed[at + NEW]));
        }
        return kind == BYTE ? new Change.ByteStored(target, index, packed[at + OLD], packed[at + NEW])
                : new Change.WordStored(target, index, packed[at + OLD], packed[at + NEW]);
    }

    @Override
    public int size() {
        return size;
    }

    /** These changes, read-only: trimmed to their size, never grown again. */
    PackedChanges frozen() {
        if (frozen) {
            return this;
        }
        return new PackedChanges(Arrays.copyOf(packed, size * WIDTH), size, List.copyOf(others), true);
    }

    private static int kind(GuestRef ref) {
        if (ref instanceof GuestRef.Snapshot) {
            return SNAPSHOT;
        }
        return ref instanceof GuestRef.Created ? CREATED : SMALL_INTEGER;
    }

    private static int value(GuestRef ref) {
        if (ref instanceof GuestRef.Snapshot s) {
            return s.oop();
        }
        return ref instanceof GuestRef.Created c ? c.index() : ((GuestRef.SmallInt) ref).value();
    }

    private static GuestRef ref(int kind, int value) {
        if (kind == SNAPSHOT) {
            return new GuestRef.Snapshot(value);
        }
        return kind == CREATED ? new GuestRef.Created(value) : new GuestRef.SmallInt(value);
    }
}
