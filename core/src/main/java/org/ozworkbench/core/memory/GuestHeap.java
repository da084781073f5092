package org.ozworkbench.core.memory;

import java.util.Arrays;

/**
 * The running guest's own access to memory, for the interpreter only: it allocates, writes slots
 * in place (through the arrays {@link GuestObject#pointers()}, {@link GuestObject#words()} and
 * {@link GuestObject#bytes()}) and exchanges identities, without the membrane's events. What a
 * running guest does is execution, not surgery: the two never overlap.
 *
 * <p>New objects start <em>transient</em>: the host's garbage collector takes them back as soon as
 * the guest drops them, so the millions of contexts a run makes cost nothing once unreachable.
 * {@link #adopt()} makes every transient object that the memory's objects can reach a created
 * object of the memory (numbered, saved with it); the interpreter calls it whenever it hands
 * control back to the host.
 */
public final class GuestHeap {
    private static final int CLASS_FORMAT_SLOT = 2;
    private final ObjectMemory memory;
    private long allocatedWords;
    private boolean allocatedSinceAdoption;
    private boolean adoptionSuspended;
    private int scan;
    private int lastHash;

    GuestHeap(ObjectMemory memory) {
        this.memory = memory;
        this.lastHash = memory.lastHash();
    }

    /**
     * The running guest's own identity-hash generator, the VM's, started where the memory's
     * stood: runs leave the memory's generator (saved in the image header, replayed by the
     * journal) where the membrane's creations put it, so a run between two surgeries does not
     * change the hashes a replay gives the second one's new objects.
     */
    private int nextHash() {
        lastHash = ObjectMemory.advanceHash(lastHash);
        return lastHash & HeaderBits.HASH_MASK;
    }

    public ObjectMemory memory() {
        return memory;
    }

    /** Words (headers included) allocated since this heap was made: the interpreter's allocation meter. */
    public long allocatedWords() {
        return allocatedWords;
    }

    /**
     * An instance of {@code cls} as basicNew / basicNew: makes it: pointers nil, words and bytes 0.
     * For a CompiledMethod class, as the real VM: {@code indexableSize} zero bytes, with no header
     * or literal of its own (its first word, where the header goes, is among those bytes until
     * something fills them). Answers null, as a failing primitive would, when {@code cls} is no
     * class, the size is negative, or the class's instances are not indexable and a size is given.
     */
    public GuestObject instantiate(GuestObject cls, int indexableSize) {
        int spec = classFormat(cls);
        if (spec < 0 || indexableSize < 0) {
            return null;
        }
        int instSpec = Membrane.instSpec(spec);
        int fixed = Membrane.instSize(spec);
        if (fixed < 0 || (!ObjectFormat.isIndexable(instSpec) && indexableSize != 0)) {
            return null;
        }
        if (ObjectFormat.isPointers(instSpec)) {
            Object[] slots = new Object[fixed + indexableSize];
            Arrays.fill(slots, memory.nil());
            return allocate(cls, instSpec, slots, GuestObject.NO_WORDS, GuestObject.NO_BYTES);
        }
        if (ObjectFormat.isWords(instSpec)) {
            return allocate(cls, instSpec, GuestObject.NO_POINTERS, new int[indexableSize], GuestObject.NO_BYTES);
        }
        if (ObjectFormat.isBytes(instSpec)) {
            return newBytes(cls, new byte[indexableSize]);
        }
        if (ObjectFormat.isCompiledMethod(instSpec)) {
            return newMethod(cls, GuestObject.NO_POINTERS, new byte[indexableSize]);
        }
        return null;
    }

    /** A pointer object of {@code cls} whose slots are {@code slots} itself (not copied). */
    public GuestObject newPointers(GuestObject cls, int format, Object[] slots) {
        return allocate(cls, format, slots, GuestObject.NO_WORDS, GuestObject.NO_BYTES);
    }

    /** A word object of {@code cls} holding {@code words} itself (not copied). */
    public GuestObject newWords(GuestObject cls, int[] words) {
        return allocate(cls, ObjectFormat.WORDS, GuestObject.NO_POINTERS, words, GuestObject.NO_BYTES);
    }

    /** A byte object of {@code cls} with exactly these bytes (copied into whole words). */
    public GuestObject newBytes(GuestObject cls, byte[] content) {
        byte[] padded = Arrays.copyOf(content, (content.length + 3) & ~3);
        return allocate(cls, ObjectFormat.withUnusedBytes(ObjectFormat.BYTES, content.length), GuestObject.NO_POINTERS,
                GuestObject.NO_WORDS, padded);
    }

    /** A compiled method: header word and literals in {@code pointers}, then these bytes (copied into whole words). */
    public GuestObject newMethod(GuestObject cls, Object[] pointers, byte[] content) {
        byte[] padded = Arrays.copyOf(content, (content.length + 3) & ~3);
        return allocate(cls, ObjectFormat.withUnusedBytes(ObjectFormat.COMPILED_METHOD, content.length), pointers,
                GuestObject.NO_WORDS, padded);
    }

    private GuestObject allocate(GuestObject cls, int format, Object[] pointers, int[] words, byte[] bytes) {
        int spec = classFormat(cls);
        int cc = spec < 0 ? 0 : Membrane.compactIndexOf(spec);
        int bodyWords = pointers.length + words.length + bytes.length / 4;
        int headerWords = HeaderBits.headerWordsFor(bodyWords, cc);
        GuestObject o = new GuestObject(memory, GuestObject.NO_OOP, GuestObject.TRANSIENT, headerWords, format,
                headerWords == 2 ? 0 : cc, nextHash(), 0);
        o.setBody(pointers, words, bytes);
        o.setClass(cls);
        allocatedWords += bodyWords + headerWords;
        allocatedSinceAdoption = true;
        return o;
    }

    /** The format word of a class, or -1 when {@code cls} has none. */
    public static int classFormat(GuestObject cls) {
        Object[] slots = cls.pointers();
        return cls.isPointers() && slots.length > CLASS_FORMAT_SLOT && slots[CLASS_FORMAT_SLOT] instanceof Integer spec
                ? spec : -1;
    }

    /**
     * Two-way become: every reference to {@code a} now sees what {@code b} was and the other way
     * round. References are host references, so the two exchange their contents (class, header
     * details, hash and body); each keeps its place in the memory.
     */
    public void become(GuestObject a, GuestObject b) {
        GuestObject aClass = a.cls();
        Object[] aPointers = a.pointers();
        int[] aWords = a.words();
        byte[] aBytes = a.bytes();
        int aHeaderWords = a.headerWords();
        int aFormat = a.format();
        int aCompact = a.compactIndex();
        int aHash = a.hash();
        a.setClass(b.cls());
        a.setBody(b.pointers(), b.words(), b.bytes());
        a.setHeader(b.headerWords(), b.format(), b.compactIndex());
        a.setHash(b.hash());
        b.setClass(aClass);
        b.setBody(aPointers, aWords, aBytes);
        b.setHeader(aHeaderWords, aFormat, aCompact);
        b.setHash(aHash);
    }

    /** Gives {@code o} another class of the same instance format (primitive 115's in-place form). */
    public void changeClass(GuestObject o, GuestObject newClass) {
        int spec = classFormat(newClass);
        int cc = spec < 0 ? 0 : Membrane.compactIndexOf(spec);
        int headerWords = o.headerWords() == 3 ? 3 : cc != 0 ? 1 : 2;
        o.setClass(newClass);
        o.setHeader(headerWords, o.format(), headerWords == 2 ? 0 : cc);
    }

    /**
     * While suspended, {@link #adopt()} adopts nothing: a recorded run's new objects must enter the
     * memory through the membrane ({@link RunRecorder}), never behind it.
     */
    public void suspendAdoption(boolean suspended) {
        this.adoptionSuspended = suspended;
    }

    /**
     * Makes every transient object that a memory object reaches a created object of the memory,
     * in the order a scan of the memory finds them. Answers how many it adopted (none while
     * adoption is suspended).
     */
    public int adopt() {
        if (!allocatedSinceAdoption || adoptionSuspended) {
            return 0;
        }
        allocatedSinceAdoption = false;
        return adoptReachedFrom(0, ++scan);
    }

    /** Adopts what the objects from index {@code start} on reach, including the objects adopted meanwhile. */
    private int adoptReachedFrom(int start, int mark) {
        int adopted = 0;
        for (int i = start; i < memory.objectCount(); i++) {
            GuestObject o = memory.objectAt(i);
            adopted += adoptReferent(o.cls(), mark);
            for (Object p : o.pointers()) {
                if (p instanceof GuestObject ref) {
                    adopted += adoptReferent(ref, mark);
                }
            }
        }
        return adopted;
    }

    private int adoptReferent(GuestObject o, int mark) {
        if (!o.isTransient() || o.seenInScan == mark) {
            return 0;
        }
        o.seenInScan = mark;
        o.adoptAs(memory.nextCreatedIndex());
        memory.append(o);
        return 1;
    }
}
