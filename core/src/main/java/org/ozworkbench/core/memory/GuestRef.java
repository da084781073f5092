package org.ozworkbench.core.memory;

/**
 * A host-safe name for a value in a guest slot, as changes record it: a SmallInteger, an object
 * that was in the loaded file (by its oop there), or an object created since the load (by its
 * creation number). Never holds a host reference to a guest object.
 */
public sealed interface GuestRef {

    /** A SmallInteger value. */
    record SmallInt(int value) implements GuestRef {
        @Override
        public String toString() {
            return "SmallInteger " + value;
        }
    }

    /** An object of the guest: either a snapshot object or a created one. */
    sealed interface Obj extends GuestRef permits Snapshot, Created {
    }

    /** An object that was in the loaded image file, named by its oop in that file. */
    record Snapshot(int oop) implements Obj {
        @Override
        public String toString() {
            return "Snapshot(0x" + Integer.toHexString(oop) + ")";
        }
    }

    /** The n-th object created since the load (1-based). */
    record Created(int index) implements Obj {
    }

    static GuestRef of(Object slotValue) {
        if (slotValue instanceof Integer i) {
            return new SmallInt(i);
        }
        return of((GuestObject) slotValue);
    }

    static Obj of(GuestObject o) {
        return o.isFromSnapshot() ? new Snapshot(o.snapshotOop()) : new Created(o.createdIndex());
    }
}
