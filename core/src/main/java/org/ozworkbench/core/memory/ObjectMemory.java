package org.ozworkbench.core.memory;

import java.io.IOException;
import java.io.UncheckedIOException;




import java.nio.file.Files;


import java.nio.file.Path;



import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.ozworkbench.core.image.ImageHeader;

/**
 * The objects of one guest image, held in the host: one {@link GuestObject} per guest object, in
 * the order they will be written. Objects from the file keep their oop there as identity;
 * objects created since the load are appended and numbered.
 *
 * <p>Reads are free; every change goes through {@link #membrane()}. Not thread-safe: one thread
 * at a time.
 */
public final class ObjectMemory {
    public static final int SMALL_INTEGER_MIN = -(1 << 30);
    public static final int SMALL_INTEGER_MAX = (1 << 30) - 1;

    /**
     * The guest's ==: the same object, or equal SmallIntegers (the host holds a SmallInteger as an
     * Integer, and two equal ones need not be the same Integer).
     */
    public static boolean identical(Object x, Object y) {
        return x == y || (x instanceof Integer i && i.equals(y));
    }
    /** The hash seed a VM uses when the header's lastHash is 0. */
    private static final int DEFAULT_HASH_SEED = 999;
    private static final int HASH_MULTIPLIER = 27181;
    private static final int HASH_INCREMENT = 13849;

    private final Path source;
    private final ImageHeader header;
    private final Membrane membrane;
    private GuestHeap heap;
    private List<GuestObject> objects;
    private GuestObject[] byOopOffset;
    private GuestObject specialObjects;
    private int snapshotCount;
    private int lastHash;
    /** Bytes the file had after the object memory: no part of the image, kept so a save loses nothing. */
    private byte[] bytesAfterData = new byte[0];

    ObjectMemory(Path source, ImageHeader header) {
        this.source = source;
        this.header = header;
        this.lastHash = header.lastHash();
        this.membrane = new Membrane(this);
    }

    /** Loads an image file. Throws {@link org.ozworkbench.core.image.ImageFormatException} for bad input. */
    public static ObjectMemory load(Path image) {
        return ImageReader.read(image);
    }

    /**
     * Checks that a file can be loaded as an image, without loading it: a regular file, of a size a
     * V3 image and this JVM's heap allow, with a sound header. Answers the header.
     *
     * @throws ImageFormatException naming the file and what is wrong
     */
    public static ImageHeader probe(Path image) {
        return ImageReader.probe(image);
    }

    /** Reads an image from bytes; {@code name} is used in error messages. */
    public static ObjectMemory read(Path name, byte[] image) {
        return ImageReader.read(name, image);
    }

    void attach(List<GuestObject> loaded, GuestObject[] index, int fromSnapshot, GuestObject specials, byte[] afterData) {
        this.bytesAfterData = afterData;
        this.objects = new ArrayList<>(loaded);
        this.byOopOffset = index;
        this.specialObjects = specials;
        this.snapshotCount = fromSnapshot;
    }

    /**
     * Loads {@code saved}, an image this memory's kind of save wrote after changes to a memory
     * loaded from {@code base} (a journal's checkpoint), as that changed memory: its source is
     * {@code base}, the objects of the base answer to their oops there, the others are its created
     * objects in order, and {@code createdHashSeeds} (see {@link #createdHashSeeds()}) lets their
     * creations be undone as in the memory that saved it. Saving it again writes {@code saved}.
     *
     * @throws org.ozworkbench.core.image.ImageFormatException when {@code saved} is not a save of a
     *         memory loaded from {@code base} with that many created objects
     */
    public static ObjectMemory resume(Path base, byte[] saved, int[] createdHashSeeds) {
        ImageReader.Identities ids = ImageReader.baseIdentities(base);
        return ImageReader.resume(base, saved,
                new ImageReader.Identities(ids.baseOops(), ids.baseDataSize(), createdHashSeeds.clone()));
    }

    /** Per created object, in order, the hash generator's state before its hash was drawn: what {@link #resume} needs. */
    public int[] createdHashSeeds() {
        int[] seeds = new int[createdCount()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = objects.get(snapshotCount + i).hashSeedBefore;
        }
        return seeds;
    }

    /** The file this memory was loaded from (or the name given to {@link #read}). */
    public Path source() {
        return source;
    }

    /** The header as read. {@link #toBytes()} writes it back with the current size, oops and hash seed. */
    public ImageHeader header() {
        return header;
    }

    public Membrane membrane() {
        return membrane;
    }

    /** The running guest's access to this memory (the interpreter's; never the membrane's). */
    public GuestHeap heap() {
        if (heap == null) {
            heap = new GuestHeap(this);
        }
        return heap;
    }

    GuestObject objectAt(int index) {
        return objects.get(index);
    }

    /** Every object, loaded ones first in file order, then created ones. Unmodifiable view. */
    public List<GuestObject> objects() {
        return Collections.unmodifiableList(objects);
    }

    public int objectCount() {
        return objects.size();
    }

    public int snapshotObjectCount() {
        return snapshotCount;
    }

    public int createdCount() {
        return objects.size() - snapshotCount;
    }

    public GuestObject specialObjects() {
        return specialObjects;
    }

    /** Slot {@code index} (0-based) of the special objects array, or null when the array is shorter. */
    public Object specialObject(int index) {
        Object[] slots = specialObjects.pointers();
        return index < slots.length ? slots[index] : null;
    }

    public GuestObject nil() {
        return (GuestObject) specialObjects.pointers()[0];
    }

    public GuestObject falseObject() {
        return (GuestObject) specialObjects.pointers()[1];
    }

    public GuestObject trueObject() {
        return (GuestObject) specialObjects.pointers()[2];
    }

    /** The object that had this oop in the loaded file, or null if no object started there. */
    public GuestObject atSnapshotOop(int oop) {
        long offset = (oop & 0xFFFFFFFFL) - (header.oldBaseAddress() & 0xFFFFFFFFL);
        if (offset < 0 || offset >= (long) byOopOffset.length * 4 || (offset & 3) != 0) {
            return null;
        }
        return byOopOffset[(int) (offset >>> 2)];
    }

    /** The n-th created object (1-based), or null. */
    public GuestObject created(int n) {
        int i = snapshotCount + n - 1;
        return n >= 1 && i < objects.size() ? objects.get(i) : null;
    }

    /** The object a ref names in this memory, or null when none does. */
    public GuestObject resolve(GuestRef.Obj ref) {
        return ref instanceof GuestRef.Snapshot s ? atSnapshotOop(s.oop()) : created(((GuestRef.Created) ref).index());
    }

    /** The class of a slot value: SmallInteger's class for an Integer. */
    public GuestObject classOf(Object value) {
        if (value instanceof Integer) {
            return (GuestObject) specialObject(SMALL_INTEGER_CLASS_INDEX);
        }
        return ((GuestObject) value).cls();
    }

    private static final int SMALL_INTEGER_CLASS_INDEX = 5;

    byte[] bytesAfterData() {
        return bytesAfterData;
    }

    /** The identity-hash generator state, written back as the header's lastHash. */
    public int lastHash() {
        return lastHash;
    }

    /** Advances the identity-hash generator as the VM does (VMM newObjectHash); answers 12 bits. */
    int nextHash() {
        lastHash = advanceHash(lastHash);
        return lastHash & HeaderBits.HASH_MASK;
    }

    /** The identity-hash generator's next state after {@code seed} (VMM newObjectHash). */
    public static int advanceHash(int seed) {
        return (HASH_INCREMENT + HASH_MULTIPLIER * (seed == 0 ? DEFAULT_HASH_SEED : seed)) & 0xFFFF;
    }

    void append(GuestObject o) {
        objects.add(o);
    }

    /** Drops the most recently created object (undo of its creation) and restores the hash state. */
    void dropLastCreated(GuestObject o, int hashStateBefore) {
        if (objects.size() <= snapshotCount || objects.get(objects.size() - 1) != o) {
            throw MembraneException.invalid(o + " is not the most recently created object: undo later creations first");
        }
        objects.remove(objects.size() - 1);
        o.dropped = true;
        lastHash = hashStateBefore;
    }

    int nextCreatedIndex() {
        return objects.size() - snapshotCount + 1;
    }

    /** The image as bytes: same byte order, base address and header as loaded. */
    public byte[] toBytes() {
        if (heap != null) {
            heap.adopt();
        }
        return ImageWriter.write(this);
    }

    /**
     * Saves the image to {@code target} through a temporary file in the same folder renamed into
     * place, so a reader never sees half a file. Refuses to overwrite the loaded file unless
     * {@code overwriteSource} is set.
     */
    public void save(Path target, boolean overwriteSource) {
        try (StagedFile f = stage(target, overwriteSource)) {
            f.publish();
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b.toAbsolutePath().normalize());
        }
    }

    /** Writes {@code bytes} to a temporary file beside {@code target} and renames it into place ({@link StagedFile}). */
    public static void writeAtomically(Path target, byte[] bytes) {
        try (StagedFile f = StagedFile.write(target, bytes)) {
            f.publish();
        }
    }

    /**
     * Writes the image beside {@code target} without putting it in place (see {@link StagedFile});
     * refuses the loaded file as {@link #save} does.
     */
    public StagedFile stage(Path target, boolean overwriteSource) {
        Path absolute = target.toAbsolutePath().normalize();
        if (!overwriteSource && source != null && Files.exists(absolute) && isSameFile(absolute, source)) {
            throw new IllegalArgumentException("refusing to overwrite the loaded image " + source
                    + ": save elsewhere or ask to overwrite");
        }
        return StagedFile.write(absolute, toBytes());
    }
}
