package org.ozworkbench.core.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one chokepoint through which the guest changes. Each operation validates first (bounds,
 * SmallInteger range, formats, and that every value is a SmallInteger or an object of this very
 * memory: no host object and no object of another space ever enters the guest), then applies,
 * then tells every listener the change with its old value. A refused change throws
 * {@link MembraneException} and leaves the guest untouched.
 *
 * <p>Not thread-safe: the owner of the memory serializes calls. Listeners run on the caller's
 * thread, after the change is applied; every listener hears every change, even when one of them
 * throws (the first failure is rethrown once all have heard).
 */
public final class Membrane {
    /** Receives every change made through the membrane, in order. */
    @FunctionalInterface
    public interface Listener {
        void changed(Change change);
    }

    /**
     * Refuses a pointer store that the meaning of the slot forbids (a Process's priority that is no
     * SmallInteger...), by throwing {@link MembraneException}; the space installs one that knows its
     * contract.
     */
    @FunctionalInterface
    public interface SlotGuard {
        void check(GuestObject target, int index, Object value);
    }

    private static final int CLASS_FORMAT_SLOT = 2;
    private static final int BYTES_PER_SLOT = 4;
    /** A V3 image's data size is a signed 32-bit count of bytes: no object can be larger. */
    private static final long MAX_OBJECT_BYTES = Integer.MAX_VALUE;
    private static final int METHOD_LITERALS_SHIFT = 9;
    private static final int METHOD_LITERALS_MASK = 0xFF;

    private final ObjectMemory memory;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Changes told so far, notes not counted: where an operation begins, for its note's span. */
    private long changes;
    private SlotGuard slotGuard = (target, index, value) -> { };

    Membrane(ObjectMemory memory) {
        this.memory = memory;
    }

    ObjectMemory memory() {
        return memory;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Checks every pointer store with {@code guard} too, after the bounds and the value. */
    public void guardSlots(SlotGuard guard) {
        this.slotGuard = guard;
    }

    // ---- stores ----

    /** Stores into pointer slot {@code index} (0-based; in a method, 0 is the header word, then literals). */
    public void storePointer(GuestObject target, int index, Object value) {
        storePointer(target, index, value, true);
    }

    /**
     * A store replayed from a journal: bounds and values are checked as for any store, not the
     * kinds of slots ({@link #guardSlots}), since the store was checked when it was first made or
     * was an undo, which puts back what was there (a rollback's undo of a new class's format word).
     */
    public void replayStorePointer(GuestObject target, int index, Object value) {
        storePointer(target, index, value, false);
    }

    /** A store; an undo puts an old value back unguarded, since it was there before. */
    private void storePointer(GuestObject target, int index, Object value, boolean guarded) {
        checkOwn(target);
        if (!target.isPointers() && !target.isCompiledMethod()) {
            throw MembraneException.wrongFormat(target, "store a pointer");
        }
        Object[] slots = target.pointers();
        if (index < 0 || index >= slots.length) {
            throw MembraneException.outOfBounds(target, "slot", index, slots.length);
        }
        checkValue(value);
        if (target.isCompiledMethod() && index == 0) {
            checkMethodHeader(target, value);
        } else if (guarded && !target.isCompiledMethod()) {
            slotGuard.check(target, index, value);
        }
        Object old = slots[index];
        slots[index] = value;
        if (target.isCompiledMethod()) {
            target.bodyChanged();
        }
        emit(new Change.SlotStored(GuestRef.of(target), index, GuestRef.of(old), GuestRef.of(value)));
    }

    /** Stores a byte (0..255) at {@code index} (0-based) of a byte object, or of a method's bytecode part. */
    public void storeByte(GuestObject target, int index, int value) {
        checkOwn(target);
        if (!target.isBytes() && !target.isCompiledMethod()) {
            throw MembraneException.wrongFormat(target, "store a byte");
        }
        if (index < 0 || index >= target.byteCount()) {
            throw MembraneException.outOfBounds(target, "byte", index, target.byteCount());
        }
        if (value < 0 || value > 255) {
            throw MembraneException.invalid("byte value " + value + " out of range 0..255 for " + target);
        }
        byte[] bytes = target.bytes();
        int old = bytes[index] & 0xFF;
        bytes[index] = (byte) value;
        target.bodyChanged();
        emit(new Change.ByteStored(GuestRef.of(target), index, old, value));
    }

    /** Stores a 32-bit word at {@code index} (0-based) of a word object. */
    public void storeWord(GuestObject target, int index, int value) {
        checkOwn(target);
        if (!target.isWords()) {
            throw MembraneException.wrongFormat(target, "store a word");
        }
        int[] words = target.words();
        if (index < 0 || index >= words.length) {
            throw MembraneException.outOfBounds(target, "word", index, words.length);
        }
        int old = words[index];
        words[index] = value;
        emit(new Change.WordStored(GuestRef.of(target), index, old, value));
    }

    /**
     * Changes the class of {@code target} to {@code newClass}, which must describe the same
     * format (and, for pointer objects, the same number of fixed fields). The header becomes
     * the kind the VM gives an instance of that class.
     */
    public void changeClass(GuestObject target, GuestObject newClass) {
        checkOwn(target);
        checkOwn(newClass);
        int spec = classFormat(newClass);
        int instSpec = instSpec(spec);
        boolean compatible = ObjectFormat.isPointers(target.format())
                ? instSpec == target.format() && instSize(spec) <= target.pointerCount()
                && (ObjectFormat.isIndexable(instSpec) || instSize(spec) == target.pointerCount())
                : sameFamily(instSpec, target.format());
        if (!compatible) {
            throw MembraneException.invalid("cannot change the class of " + target + " ("
                    + ObjectFormat.describe(target.format()) + ", " + target.bodyWords() + " words) to a class whose "
                    + "instances are " + ObjectFormat.describe(instSpec) + " with " + instSize(spec) + " fixed fields");
        }
        GuestObject old = target.cls();
        int oldHeaderWords = target.headerWords();
        int oldCompactIndex = target.compactIndex();
        int cc = compactIndexOf(spec);
        int headerWords = target.headerWords() == 3 ? 3 : (cc != 0 ? 1 : 2);
        target.setHeader(headerWords, target.format(), headerWords == 2 ? 0 : cc);
        target.setClass(newClass);
        emit(new Change.ClassChanged(GuestRef.of(target), GuestRef.of(old), GuestRef.of(newClass), oldHeaderWords,
                oldCompactIndex));
    }

    // ---- creation ----

    /**
     * Creates an instance of {@code cls} as the VM's basicNew: / basicNew does: fixed fields plus
     * {@code indexableSize} indexable ones, pointers set to nil, words and bytes to 0.
     */
    public GuestObject instantiate(GuestObject cls, int indexableSize) {
        checkOwn(cls);
        int spec = classFormat(cls);
        int instSpec = instSpec(spec);
        int fixed = instSize(spec);
        if (fixed < 0) {
            throw MembraneException.invalid(cls + " is not a class: its format word " + spec
                    + " gives instance size " + fixed);
        }
        if (indexableSize < 0 || (!ObjectFormat.isIndexable(instSpec) && indexableSize != 0)) {
            throw MembraneException.invalid("cannot create an instance with " + indexableSize
                    + " indexable slots of a class whose instances are " + ObjectFormat.describe(instSpec));
        }
        long bodyBytes = ObjectFormat.isBytes(instSpec) ? indexableSize : (long) BYTES_PER_SLOT * (fixed + indexableSize);
        if (bodyBytes > MAX_OBJECT_BYTES) {
            throw MembraneException.invalid("cannot create an instance of " + bodyBytes + " bytes: a V3 image holds at"
                    + " most " + MAX_OBJECT_BYTES + " bytes of objects in all");
        }
        if (ObjectFormat.isPointers(instSpec)) {
            Object[] slots = new Object[fixed + indexableSize];
            Arrays.fill(slots, memory.nil());
            return create(cls, instSpec, slots, GuestObject.NO_WORDS, GuestObject.NO_BYTES);
        }
        if (ObjectFormat.isWords(instSpec)) {
            return create(cls, instSpec, GuestObject.NO_POINTERS, new int[indexableSize], GuestObject.NO_BYTES);
        }
        if (ObjectFormat.isBytes(instSpec)) {
            return create(cls, ObjectFormat.BYTES, GuestObject.NO_POINTERS, GuestObject.NO_WORDS, new byte[indexableSize]);
        }
        throw MembraneException.invalid("compiled methods are created with their header and literals: use create()");
    }

    /**
     * Creates an object of {@code cls} with exactly this content. {@code format} is the object
     * format; for byte objects and methods give 8 or 12: the unused-byte bits follow from
     * {@code bytes.length}. For a method, {@code pointers} holds the header word (a SmallInteger
     * whose literal count must match) and the literals, and {@code bytes} the bytecodes and trailer.
     */
    public GuestObject create(GuestObject cls, int format, Object[] pointers, int[] words, byte[] bytes) {
        return create(cls, format, pointers, words, bytes, NO_HASH);
    }

    /**
     * {@link #create(GuestObject, int, Object[], int[], byte[])} with this identity hash (12 bits)
     * instead of the generator's next one, which is left alone: for an object a guest run made,
     * which the run may have placed in a hashed collection by its hash.
     */
    public GuestObject createWithHash(GuestObject cls, int format, Object[] pointers, int[] words, byte[] bytes,
                                      int hash) {
        if (hash < 0 || hash > HeaderBits.HASH_MASK) {
            throw MembraneException.invalid("identity hash " + hash + " does not fit the header's "
                    + Integer.bitCount(HeaderBits.HASH_MASK) + " bits");
        }
        return create(cls, format, pointers, words, bytes, hash);
    }

    private static final int NO_HASH = -1;

    private GuestObject create(GuestObject cls, int format, Object[] pointers, int[] words, byte[] bytes, int givenHash) {
        checkOwn(cls);
        classFormat(cls);
        int baseFormat = ObjectFormat.isCompiledMethod(format) ? ObjectFormat.COMPILED_METHOD
                : ObjectFormat.isBytes(format) ? ObjectFormat.BYTES : format;
        if (format < 0 || format > ObjectFormat.MAX || ObjectFormat.isUnused(format)) {
            throw MembraneException.invalid("format " + format + " is not a V3 object format");
        }
        boolean pointerPart = ObjectFormat.isPointers(baseFormat) || baseFormat == ObjectFormat.COMPILED_METHOD;
        boolean bytePart = baseFormat >= ObjectFormat.BYTES;
        if ((!pointerPart && pointers.length > 0) || (baseFormat != ObjectFormat.WORDS && words.length > 0)
                || (!bytePart && bytes.length > 0) || (baseFormat == ObjectFormat.EMPTY && pointers.length > 0)) {
            throw MembraneException.invalid("content does not fit format " + format + " ("
                    + ObjectFormat.describe(baseFormat) + "): " + pointers.length + " pointers, " + words.length
                    + " words, " + bytes.length + " bytes");
        }
        for (Object p : pointers) {
            checkValue(p);
        }
        Object[] slots = pointers.clone();
        int fullFormat = bytePart ? ObjectFormat.withUnusedBytes(baseFormat, bytes.length) : baseFormat;
        byte[] padded = bytePart ? Arrays.copyOf(bytes, (bytes.length + 3) & ~3) : GuestObject.NO_BYTES;
        int cc = compactIndexOf(classFormat(cls));
        int bodyWords = slots.length + words.length + padded.length / 4;
        int headerWords = HeaderBits.headerWordsFor(bodyWords, cc);
        GuestObject o = new GuestObject(memory, GuestObject.NO_OOP, memory.nextCreatedIndex(), headerWords, fullFormat,
                headerWords == 2 ? 0 : cc, 0, 0);
        o.setBody(slots, words.length == 0 ? GuestObject.NO_WORDS : words.clone(), padded);
        if (baseFormat == ObjectFormat.COMPILED_METHOD) {
            if (slots.length == 0) {
                throw MembraneException.invalid("a compiled method needs its header word");
            }
            checkMethodHeader(o, slots[0]);
        }
        o.setClass(cls);
        o.hashSeedBefore = memory.lastHash();
        int hash = givenHash == NO_HASH ? memory.nextHash() : givenHash;
        o.setHash(hash);
        memory.append(o);
        List<GuestRef> refs = new ArrayList<>(slots.length);
        for (Object p : slots) {
            refs.add(GuestRef.of(p));
        }
        emit(new Change.ObjectCreated((GuestRef.Created) GuestRef.of(o), GuestRef.of(cls), fullFormat, hash, refs,
                o.words(), Arrays.copyOf(padded, o.byteCount()), givenHash != NO_HASH));
        return o;
    }

    /** Where the next operation begins: pass it to {@link #note} when the operation is done. */
    public long mark() {
        return changes;
    }

    /**
     * Notes what the changes made since {@code mark} did ({@link Change.Noted}): listeners hear it
     * like a change; nothing in the guest changes.
     */
    public void note(Operation operation, long mark) {
        noteSpanning(operation, Math.toIntExact(changes - mark));
    }

    /** Notes an operation carried out by the {@code spans} changes just made (a replay re-noting one). */
    public void noteSpanning(Operation operation, int spans) {
        emit(new Change.Noted(operation, spans));
    }

    // ---- undo ----

    /**
     * Undoes {@code change}, which must be the latest change still standing on its place: the
     * slot holds the change's new value, or the object is the most recently created one. The
     * undo is itself a change listeners hear about. Undoing a surgery's changes in reverse order
     * gives back the very bytes the guest had before it. A {@link Change.Noted} has nothing to undo.
     *
     * @throws MembraneException when the place no longer holds what the change left there
     */
    public void undo(Change change) {
        if (change instanceof Change.Noted) {
            return;
        }
        GuestObject target = resolveOrFail(change.target());
        if (change instanceof Change.SlotStored s) {
            expect(target, "slot " + s.index(), GuestRef.of(slotOrNull(target, s.index())), s.newValue());
            storePointer(target, s.index(), resolveValue(s.oldValue()), false);
        } else if (change instanceof Change.ByteStored b) {
            int current = b.index() < target.byteCount() ? target.bytes()[b.index()] & 0xFF : -1;
            expect(target, "byte " + b.index(), new GuestRef.SmallInt(current), new GuestRef.SmallInt(b.newValue()));
            storeByte(target, b.index(), b.oldValue());
        } else if (change instanceof Change.WordStored w) {
            int[] words = target.words();
            GuestRef current = new GuestRef.SmallInt(w.index() < words.length ? words[w.index()] : ~w.newValue());
            expect(target, "word " + w.index(), current, new GuestRef.SmallInt(w.newValue()));
            storeWord(target, w.index(), w.oldValue());
        } else if (change instanceof Change.ClassChanged c) {
            expect(target, "class", GuestRef.of(target.cls()), c.newClass());
            GuestObject oldClass = resolveOrFail(c.oldClass());
            GuestObject current = target.cls();
            int currentHeaderWords = target.headerWords();
            int currentCompactIndex = target.compactIndex();
            target.setHeader(c.oldHeaderWords(), target.format(), c.oldCompactIndex());
            target.setClass(oldClass);
            emit(new Change.ClassChanged(GuestRef.of(target), GuestRef.of(current), c.oldClass(), currentHeaderWords,
                    currentCompactIndex));
        } else if (change instanceof Change.ObjectCreated) {
            memory.dropLastCreated(target, target.hashSeedBefore);
            emit(new Change.CreationUndone((GuestRef.Created) change.target(), target.hashSeedBefore));
        } else {
            throw MembraneException.invalid("cannot undo " + change);
        }
    }

    private GuestObject resolveOrFail(GuestRef.Obj ref) {
        GuestObject o = memory.resolve(ref);
        if (o == null) {
            throw MembraneException.invalid("no object " + ref + " in this space");
        }
        return o;
    }

    /** The slot value a ref names: a SmallInteger or an object of this memory. */
    public Object resolveValue(GuestRef ref) {
        if (ref instanceof GuestRef.SmallInt i) {
            return i.value();
        }
        return resolveOrFail((GuestRef.Obj) ref);
    }

    private static Object slotOrNull(GuestObject target, int index) {
        Object[] slots = target.pointers();
        return index >= 0 && index < slots.length ? slots[index] : Integer.valueOf(0);
    }

    private static void expect(GuestObject target, String place, GuestRef found, GuestRef expected) {
        if (!found.equals(expected)) {
            throw MembraneException.invalid(place + " of " + target + " holds " + found + ", expected " + expected);
        }
    }

    // ---- validation ----

    private void checkOwn(GuestObject o) {
        if (o == null) {
            throw MembraneException.hostObject(null);
        }
        if (o.memory() != memory) {
            throw MembraneException.foreignObject(o);
        }
        if (o.dropped) {
            throw MembraneException.invalid(o + " was taken back (its creation undone, e.g. by an aborted surgery):"
                    + " it is no longer in the space");
        }
        if (o.isTransient()) {
            throw MembraneException.invalid(o + " was made by a guest run and nothing in the space holds it:"
                    + " it is not part of the space (store it from guest code, or copy it through the membrane)");
        }
    }

    private void checkValue(Object value) {
        if (value instanceof Integer i) {
            if (i < ObjectMemory.SMALL_INTEGER_MIN || i > ObjectMemory.SMALL_INTEGER_MAX) {
                throw MembraneException.notSmallInteger(i);
            }
        } else if (value instanceof GuestObject o) {
            checkOwn(o);
        } else {
            throw MembraneException.hostObject(value);
        }
    }

    private static void checkMethodHeader(GuestObject method, Object header) {
        if (!(header instanceof Integer h)) {
            throw MembraneException.invalid("the header of compiled method " + method + " must be a SmallInteger");
        }
        int literals = (h >>> METHOD_LITERALS_SHIFT) & METHOD_LITERALS_MASK;
        if (literals != method.pointerCount() - 1) {
            throw MembraneException.invalid("method header declares " + literals + " literals but " + method + " has "
                    + (method.pointerCount() - 1));
        }
    }

    private int classFormat(GuestObject cls) {
        Object[] slots = cls.isPointers() ? cls.pointers() : GuestObject.NO_POINTERS;
        if (slots.length <= CLASS_FORMAT_SLOT || !(slots[CLASS_FORMAT_SLOT] instanceof Integer spec)) {
            throw MembraneException.invalid(cls + " is not a class: it has no SmallInteger format in slot "
                    + CLASS_FORMAT_SLOT);
        }
        return spec;
    }

    /** instSpec: the format new instances get (V3-FACTS section 5). */
    static int instSpec(int classFormat) {
        return (classFormat >> 7) & 0xF;
    }

    static int instSize(int classFormat) {
        return ((classFormat >> 10) & 0xC0) + ((classFormat >> 1) & 0x3F) - 1;
    }

    static int compactIndexOf(int classFormat) {
        return (classFormat >> 11) & 0x1F;
    }

    private static boolean sameFamily(int a, int b) {
        return (ObjectFormat.isWords(a) && ObjectFormat.isWords(b)) || (ObjectFormat.isBytes(a) && ObjectFormat.isBytes(b))
                || (ObjectFormat.isCompiledMethod(a) && ObjectFormat.isCompiledMethod(b));
    }

    private void emit(Change change) {
        if (!(change instanceof Change.Noted)) {
            changes++;
        }
        RuntimeException failure = null;
        for (Listener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
