package org.ozworkbench.core.memory;

/**
 * One guest object in the host: its header details (kept so an unchanged object writes back
 * the same bytes) and its body.
 *
 * <p>The body depends on the format: pointer objects (formats 0-4) keep every slot in
 * {@link #pointers()}; word objects (6) keep {@link #words()}; byte objects (8-11) keep
 * {@link #bytes()}; compiled methods (12-15) keep the header word and the literals in
 * {@code pointers} and the rest in {@code bytes}. A pointer slot holds either a
 * {@link GuestObject} of the same memory or an {@link Integer} (a SmallInteger). Byte arrays
 * always cover whole words: the padding bytes of the last word are kept as they were read.
 *
 * <p>Only the reader and the object space's membrane change a GuestObject; everything else
 * reads it. Not thread-safe.
 */
public final class GuestObject {
    /** The {@link #snapshotOop()} of an object created since the load. */
    public static final int NO_OOP = 0;
    /** The {@link #createdIndex()} of an object the running guest made and the memory has not yet adopted. */
    public static final int TRANSIENT = -1;

    private final ObjectMemory memory;
    private final int snapshotOop;
    /** 1, 2, 3... for created objects; {@link #TRANSIENT} for one the interpreter made and no listed object holds yet. */
    private int createdIndex;
    /** Set when the creation is undone: a host mirror may still hold the object, the membrane refuses it. */
    boolean dropped;
    private int headerWords;
    private int format;
    private int compactIndex;
    private int hash;
    private int highBits;
    private GuestObject cls;
    private Object[] pointers;
    private int[] words;
    private byte[] bytes;
    /** For created objects: the hash generator's state before this object drew its hash (undo). */
    int hashSeedBefore;
    /** Scratch for the writer: the oop this object gets in the file being written. */
    int writeAddress;
    /** Scratch for the heap's adoption scan: the scan that last saw this object. */
    int seenInScan;
    /** The interpreter's mark on a context: {@link #FRAME_OTHER}, {@link #FRAME_PRIVATE} or {@link #FRAME_EXPOSED}. */
    private byte frameState;
    /**
     * The interpreter's cache for a compiled method (its call count, its JVM code); dropped
     * whenever the method's body changes, so the interpreter never runs stale code.
     */
    private Object interpreterCache;

    /** A context the interpreter knows nothing about (made by guest code, read from the image...). */
    public static final byte FRAME_OTHER = 0;
    /** A context only the interpreter has referenced (no guest code saw it): it may be reused once it returns. */
    public static final byte FRAME_PRIVATE = 1;
    /** A context guest code may hold, and so may hold every context of its sender chain. */
    public static final byte FRAME_EXPOSED = 2;

    GuestObject(ObjectMemory memory, int snapshotOop, int createdIndex, int headerWords, int format,
                int compactIndex, int hash, int highBits) {
        this.memory = memory;
        this.snapshotOop = snapshotOop;
        this.createdIndex = createdIndex;
        this.headerWords = headerWords;
        this.format = format;
        this.compactIndex = compactIndex;
        this.hash = hash;
        this.highBits = highBits;
    }

    public ObjectMemory memory() {
        return memory;
    }

    /** The oop this object had in the loaded file, or {@link #NO_OOP} when created since. */
    public int snapshotOop() {
        return snapshotOop;
    }

    /** 1, 2, 3... for objects created since the load (in creation order); 0 for snapshot objects. */
    public int createdIndex() {
        return createdIndex;
    }

    /** The interpreter's mark on this context (see {@link #FRAME_PRIVATE}). */
    public byte frameState() {
        return frameState;
    }

    public void frameState(byte state) {
        this.frameState = state;
    }

    /** What the interpreter keeps for this method (see {@code Interpreter}); null when nothing or stale. */
    public Object interpreterCache() {
        return interpreterCache;
    }

    public void interpreterCache(Object cache) {
        this.interpreterCache = cache;
    }

    /** Forgets what the interpreter derived from this method's body (its bytes or header changed). */
    public void bodyChanged() {
        this.interpreterCache = null;
    }

    /** Whether the running guest made this object and it is not (yet) part of the saved memory. */
    public boolean isTransient() {
        return createdIndex == TRANSIENT;
    }

    void adoptAs(int index) {
        this.createdIndex = index;
    }

    /** Whether this created object was taken back (its creation undone): no longer in the space. */
    public boolean isDropped() {
        return dropped;
    }

    public boolean isFromSnapshot() {
        return snapshotOop != NO_OOP;
    }

    public int headerWords() {
        return headerWords;
    }

    public int format() {
        return format;
    }

    /** The compact class index bits of the base header, as stored (0 when not compact). */
    public int compactIndex() {
        return compactIndex;
    }

    /** The 12-bit identity hash. */
    public int hash() {
        return hash;
    }

    /** Bits 29-31 of the base header (unused, GC root, mark), as read: 0 in saved images. */
    public int highBits() {
        return highBits;
    }

    public GuestObject cls() {
        return cls;
    }

    public boolean isPointers() {
        return ObjectFormat.isPointers(format);
    }

    public boolean isWords() {
        return ObjectFormat.isWords(format);
    }

    public boolean isBytes() {
        return ObjectFormat.isBytes(format);
    }

    public boolean isCompiledMethod() {
        return ObjectFormat.isCompiledMethod(format);
    }

    /** Pointer slots (formats 0-4) or method header + literals (12-15); empty otherwise. Do not modify. */
    public Object[] pointers() {
        return pointers;
    }

    /** Word payload of a word object; empty otherwise. Do not modify. */
    public int[] words() {
        return words;
    }

    /** Byte payload (whole words, padding included) of byte and method objects. Do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    public int pointerCount() {
        return pointers.length;
    }

    /** Number of meaningful bytes: the payload minus the unused bytes of the last word. */
    public int byteCount() {
        return format < ObjectFormat.BYTES ? 0 : bytes.length - (format & 3);
    }

    /** Body size in words, as it is written in the image. */
    public int bodyWords() {
        if (isPointers()) {
            return pointers.length;
        }
        if (isWords()) {
            return words.length;
        }
        int pointerWords = isCompiledMethod() ? pointers.length : 0;
        return pointerWords + bytes.length / 4;
    }

    public Object pointerAt(int index) {
        return pointers[index];
    }

    // ---- changes: for the reader and the membrane only ----

    void setClass(GuestObject newClass) {
        this.cls = newClass;
    }

    void setBody(Object[] newPointers, int[] newWords, byte[] newBytes) {
        this.pointers = newPointers;
        this.words = newWords;
        this.bytes = newBytes;
        this.interpreterCache = null;
    }

    void setHash(int newHash) {
        this.hash = newHash;
    }

    void setHeader(int newHeaderWords, int newFormat, int newCompactIndex) {
        this.headerWords = newHeaderWords;
        this.format = newFormat;
        this.compactIndex = newCompactIndex;
    }

    @Override
    public String toString() {
        String id = isFromSnapshot() ? "oop 0x" + Integer.toHexString(snapshotOop) : "created #" + createdIndex;
        return "GuestObject[" + id + ", fmt " + format + ", " + bodyWords() + " words]";
    }

    static final Object[] NO_POINTERS = new Object[0];
    static final int[] NO_WORDS = new int[0];
    static final byte[] NO_BYTES = new byte[0];
}
