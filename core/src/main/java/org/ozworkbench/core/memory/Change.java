package org.ozworkbench.core.memory;

import java.util.List;

/**
 * One change made through the {@link Membrane}, with the value it replaced. Changes name
 * objects by {@link GuestRef}, never by host reference, so they can be journaled and replayed.
 */
public sealed interface Change {

    /** The object the change applies to. */
    GuestRef.Obj target();

    /** A pointer slot (or, in a compiled method, the header word or a literal) was stored into. */
    record SlotStored(GuestRef.Obj target, int index, GuestRef oldValue, GuestRef newValue) implements Change {
    }

    /** One byte of a byte object or of a compiled method's bytecodes was stored into. */
    record ByteStored(GuestRef.Obj target, int index, int oldValue, int newValue) implements Change {
    }

    /** One 32-bit word of a word object was stored into. */
    record WordStored(GuestRef.Obj target, int index, int oldValue, int newValue) implements Change {
    }

    /**
     * The object's class changed (primitive changeClass), and with it maybe the header kind and
     * compact index bits; the old ones are kept so the change can be undone byte for byte.
     */
    record ClassChanged(GuestRef.Obj target, GuestRef.Obj oldClass, GuestRef.Obj newClass, int oldHeaderWords,
                        int oldCompactIndex) implements Change {
    }

    /**
     * The most recently created object was taken back (the undo of its creation): nothing may refer
     * to it any more, and the identity-hash generator returns to where it was before.
     */
    record CreationUndone(GuestRef.Created target, int restoredHashSeed) implements Change {
    }

    /**
     * A new object was created with this content. {@code pointers} are the pointer slots (for a
     * method: header and literals), {@code words} the word payload, {@code bytes} the byte payload.
     * {@code hashGiven}: the identity hash was given by whoever made the object (a guest run, which
     * may have placed the object in a hashed collection by it), not drawn from the memory's
     * identity-hash generator, which stays where it was.
     */
    record ObjectCreated(GuestRef.Created target, GuestRef.Obj cls, int format, int hash, List<GuestRef> pointers,
                         int[] words, byte[] bytes, boolean hashGiven) implements Change {
        public ObjectCreated {
            pointers = List.copyOf(pointers);
            words = words.clone();
            bytes = bytes.clone();
        }

        /** An object whose hash the memory's generator drew. */
        public ObjectCreated(GuestRef.Created target, GuestRef.Obj cls, int format, int hash, List<GuestRef> pointers,
                             int[] words, byte[] bytes) {
            this(target, cls, format, hash, pointers, words, bytes, false);
        }

        @Override
        public int[] words() {
            return words.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * Not a mutation: notes what the {@code spans} changes just before it did ({@link Operation}),
     * for readers of the journal and for a replay that redoes the operation rather than its slot
     * stores. Undo has nothing to apply for it.
     */
    record Noted(Operation operation, int spans) implements Change {
        public Noted {
            java.util.Objects.requireNonNull(operation, "operation");
            if (spans < 0) {
                throw new IllegalArgumentException("a note spans " + spans + " changes");
            }
        }

        @Override
        public GuestRef.Obj target() {
            return operation.target();
        }
    }
}
