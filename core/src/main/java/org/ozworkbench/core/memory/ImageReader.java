package org.ozworkbench.core.memory;

import static org.ozworkbench.core.memory.HeaderBits.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.ozworkbench.core.image.ImageFormat;
import org.ozworkbench.core.image.ImageFormatException;
import org.ozworkbench.core.image.ImageHeader;

/**
 * Reads a V3 image into an {@link ObjectMemory}: first the chunks (headers and body extents),
 * then the bodies, turning every oop into a reference to its object. That mapping is the
 * relocation of the paper's Figure 7: an oop in the file's old-base address space becomes a
 * host reference, so the memory no longer depends on where the image was saved.
 */
final class ImageReader {
    private static final int WORD = 4;
    /** Index of the compact classes Array in the special objects array (0-based). */
    private static final int SPECIAL_COMPACT_CLASSES = 28;
    private static final int COMPACT_CLASS_SLOTS = 32;
    private static final int METHOD_LITERAL_COUNT_SHIFT = 9;
    private static final int METHOD_LITERAL_COUNT_MASK = 0xFF;
    private static final int OLD_BASE_OFFSET = 12;
    private static final long ADDRESS_SPACE = 1L << 32;
    /**
     * The largest image file: a 64-byte header and a data size that is a signed 32-bit count,
     * within the largest byte array a JVM makes.
     */
    static final long MAX_IMAGE_BYTES = Integer.MAX_VALUE - 8;
    /**
     * Heap bytes a loaded image takes per byte of its file, rounded up from what was measured
     * (Scratch.image: 5.7 MB of file, 24 MB of heap once loaded, plus the file's bytes while reading).
     */
    static final int HEAP_PER_IMAGE_BYTE = 6;
    /** The fewest objects whose bodies are read on two threads: below, a second thread costs more than it saves. */
    private static final int PARALLEL_BODIES_AT_LEAST = 20_000;

    private final Path file;
    private final byte[] data;
    /** The file's size: {@code data.length}, except when only the header was read ({@link #probe}). */
    private final long fileSize;
    private ByteBuffer buf;
    private ImageHeader header;
    private int dataStart;
    private int dataEnd;

    /** Who the objects are when the image is a saved state of another image ({@link #resume}); null otherwise. */
    private final Identities identities;

    /**
     * The objects' extents in file order, as {@link #scanChunks} found them, in parallel arrays (no
     * object per chunk: a load allocates the guest's objects and little else): where each one's
     * base header is, how many header words it has, and how many body words follow the base header.
     */
    private int count;
    private int[] baseOffsets;
    private byte[] headerWordCounts;
    private int[] bodyWordCounts;

    private ImageReader(Path file, byte[] data, long fileSize) {
        this(file, data, fileSize, null);
    }

    private ImageReader(Path file, byte[] data, long fileSize, Identities identities) {
        this.file = file;
        this.data = data;
        this.fileSize = fileSize;
        this.identities = identities;
    }

    /**
     * Who the objects of an image saved from a memory loaded from a base image are in that base: the
     * first {@code baseOops.length} objects are the base's (in its order, with these oops), the
     * rest were created since, numbered from 1, each with the hash seed its creation drew from.
     */
    record Identities(int[] baseOops, int baseDataSize, int[] createdHashSeeds) {
    }

    /** The oops of the objects of {@code image}, in order, and its data size: who they are in later saves of it. */
    static Identities baseIdentities(Path image) {
        ImageReader r = new ImageReader(image, readChecked(image, false), sizeOf(image));
        r.header = r.readHeader();
        r.scanChunks();
        int[] oops = new int[r.count];
        for (int i = 0; i < oops.length; i++) {
            oops[i] = r.oopOf(r.baseOffsets[i]);
        }
        return new Identities(oops, r.header.dataSize(), new int[0]);
    }

    /**
     * Reads {@code saved}, an image a memory loaded from {@code base} saved (objects in the same order,
     * created ones after), as that memory: its source is {@code base}, its base objects answer to
     * their oops in {@code base}, and the others are its created objects (see {@link Identities}).
     */
    static ObjectMemory resume(Path base, byte[] saved, Identities ids) {
        return new ImageReader(base, saved, saved.length, ids).read();
    }

    /**
     * Reads an image file. Only a regular file is opened (a device such as /dev/zero or a FIFO
     * would never end); a file whose first bytes are no V3 magic is refused from those bytes; a file
     * larger than a V3 image can be, or than this JVM's heap can load, is refused before it is read.
     */
    static ObjectMemory read(Path file) {
        return read(file, readChecked(file, false));
    }

    /**
     * Checks, without loading it, what {@link #read(Path)} checks before reading the objects: the
     * kind of file, its size and its header. Answers the header.
     */
    static ImageHeader probe(Path file) {
        byte[] head = readChecked(file, true);
        return new ImageReader(file, head, sizeOf(file)).readHeader();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw ImageFormatException.unreadable(file, e);
        }
    }

    /**
     * The file's bytes (only its header when {@code headerOnly}), after checking its kind, magic and
     * size. A file without a V3 magic is refused by {@link #readHeader} from its first bytes: empty,
     * truncated, another format or a bad magic.
     */
    private static byte[] readChecked(Path file, boolean headerOnly) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw ImageFormatException.unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw ImageFormatException.of(file, "is a directory, not an image file");
        }
        if (!attributes.isRegularFile()) {
            throw ImageFormatException.of(file, "is not a regular file (a device, a FIFO or a socket):"
                    + " expected an image file");
        }
        long size = attributes.size();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            byte[] head = readUpTo(channel, ImageHeader.STANDARD_SIZE);
            if (!hasV3Magic(head)) {
                new ImageReader(file, head, size).readHeader();
            }
            if (size > MAX_IMAGE_BYTES) {
                throw ImageFormatException.of(file, size + " bytes: larger than a 32-bit V3 image can be (its"
                        + " header counts the object memory in a signed 32-bit data size; at most " + MAX_IMAGE_BYTES
                        + " bytes)");
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (size > heap / HEAP_PER_IMAGE_BYTE) {
                throw ImageFormatException.of(file, size + " bytes: too large for this JVM's heap of " + heap
                        + " bytes (loading takes about " + HEAP_PER_IMAGE_BYTE + " times the file's size);"
                        + " run with a larger -Xmx");
            }
            if (headerOnly) {
                return head;
            }
            channel.position(0);
            return readUpTo(channel, (int) size);
        } catch (IOException e) {
            throw ImageFormatException.unreadable(file, e);
        }
    }

    /** Up to {@code limit} bytes from the channel's position: fewer only at the end of the file. */
    private static byte[] readUpTo(SeekableByteChannel channel, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit);
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static boolean hasV3Magic(byte[] head) {
        if (head.length < WORD) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        return ImageFormat.ofVersion(b.order(ByteOrder.LITTLE_ENDIAN).getInt(0)).isPresent()
                || ImageFormat.ofVersion(b.order(ByteOrder.BIG_ENDIAN).getInt(0)).isPresent();
    }

    static ObjectMemory read(Path nameForErrors, byte[] bytes) {
        return new ImageReader(nameForErrors, bytes, bytes.length).read();
    }

    private ObjectMemory read() {
        header = readHeader();
        ObjectMemory memory = new ObjectMemory(file, header);
        scanChunks();
        GuestObject[] byWord = new GuestObject[(dataEnd - dataStart) / WORD];
        GuestObject[] objects = new GuestObject[count];
        int baseCount = identities == null ? objects.length : identities.baseOops().length;
        if (identities != null && objects.length != baseCount + identities.createdHashSeeds().length) {
            throw ImageFormatException.of(file, "a saved state of " + objects.length + " objects: expected the base's "
                    + baseCount + " and " + identities.createdHashSeeds().length + " created ones");
        }
        for (int i = 0; i < objects.length; i++) {
            int base = baseOffsets[i];
            int h = buf.getInt(base);
            boolean fromBase = i < baseCount;
            int oop = identities == null ? oopOf(base) : fromBase ? identities.baseOops()[i] : GuestObject.NO_OOP;
            GuestObject o = new GuestObject(memory, oop, fromBase ? 0 : i - baseCount + 1, headerWordCounts[i],
                    (h >>> FORMAT_SHIFT) & FORMAT_MASK, (h >>> COMPACT_SHIFT) & COMPACT_MASK, (h >>> HASH_SHIFT) & HASH_MASK,
                    (h >>> HIGH_SHIFT) & HIGH_MASK);
            if (!fromBase) {
                o.hashSeedBefore = identities.createdHashSeeds()[i - baseCount];
            }
            objects[i] = o;
            byWord[(base - dataStart) / WORD] = o;
        }
        GuestObject specials = resolve(byWord, header.specialObjectsOop(), 16);
        if (specials == null || !specials.isPointers()) {
            throw ImageFormatException.at(file, 16, "special objects oop 0x" + Integer.toHexString(header.specialObjectsOop())
                    + " does not name a pointer object");
        }
        readBodies(objects, byWord, readCompactClasses(byWord));
        memory.attach(Arrays.asList(objects), identities == null ? byWord : byBaseOop(objects, byWord), baseCount, specials,
                Arrays.copyOfRange(data, dataEnd, data.length));
        return memory;
    }

    /** The base objects indexed by their oop in the base image, as {@link ObjectMemory#atSnapshotOop} looks them up. */
    private GuestObject[] byBaseOop(GuestObject[] objects, GuestObject[] byWord) {
        int[] baseOops = identities.baseOops();
        int words = identities.baseDataSize() / WORD;
        long origin = header.oldBaseAddress() & 0xFFFFFFFFL;
        boolean inPlace = true; // every base object where it was in the base: the saved image's index is the base's
        for (int i = 0; i < baseOops.length; i++) {
            long offset = (baseOops[i] & 0xFFFFFFFFL) - origin;
            if (offset < 0 || offset >= (long) words * WORD) {
                throw ImageFormatException.of(file, "object " + i + " of the base has an oop outside its object memory");
            }
            inPlace &= baseOops[i] == oopOf(baseOffsets[i]);
        }
        if (inPlace && (baseOops.length == count || baseOffsets[baseOops.length] - dataStart >= (long) words * WORD)) {
            return Arrays.copyOf(byWord, words); // the created objects, all past the base's memory, left out
        }
        GuestObject[] index = new GuestObject[words];
        for (int i = 0; i < baseOops.length; i++) {
            index[(int) (((baseOops[i] & 0xFFFFFFFFL) - origin) / WORD)] = objects[i];
        }
        return index;
    }

    // ---- header ----

    private ImageHeader readHeader() {
        if (fileSize < ImageHeader.STANDARD_SIZE) {
            throw ImageFormatException.at(file, fileSize, fileSize == 0 ? "empty file; expected a 64-byte image header"
                    : "truncated: " + fileSize + " bytes, expected at least a 64-byte image header");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int version = ByteBuffer.wrap(data).order(order).getInt(0);
        if (ImageFormat.ofVersion(version).isEmpty()) {
            int bigEndian = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getInt(0);
            if (ImageFormat.ofVersion(bigEndian).isPresent()) {
                order = ByteOrder.BIG_ENDIAN;
                version = bigEndian;
            } else if (isKnownOtherFormat(version) || isKnownOtherFormat(bigEndian)) {
                throw ImageFormatException.unsupportedFormat(file, isKnownOtherFormat(version) ? version : bigEndian);
            } else {
                throw ImageFormatException.at(file, 0, String.format(
                        "bad magic 0x%08x: expected image format 6502, 6504 or 6505 in either byte order", version));
            }
        }
        ImageFormat format = ImageFormat.ofVersion(version).orElseThrow();
        buf = ByteBuffer.wrap(data).order(order);
        int headerSize = buf.getInt(4);
        if (headerSize < ImageHeader.STANDARD_SIZE || headerSize > fileSize || headerSize % WORD != 0) {
            throw ImageFormatException.at(file, 4, "header size " + headerSize
                    + " out of range: expected a multiple of 4, at least 64 and within the file (" + fileSize + " bytes)");
        }
        int dataSize = buf.getInt(8);
        if (dataSize < 0 || dataSize % WORD != 0) {
            throw ImageFormatException.at(file, 8, "data size " + dataSize + " out of range: expected a non-negative multiple of 4");
        }
        if ((long) headerSize + dataSize > fileSize) {
            throw ImageFormatException.at(file, fileSize, "truncated: header says " + dataSize
                    + " bytes of objects from offset " + headerSize + ", file has " + (fileSize - headerSize));
        }
        long oldBase = buf.getInt(OLD_BASE_OFFSET) & 0xFFFFFFFFL;
        if (oldBase + dataSize > ADDRESS_SPACE) {
            // Oops would wrap round to low addresses: lookups by oop assume they grow with the offset.
            throw ImageFormatException.at(file, OLD_BASE_OFFSET, String.format("old base address 0x%08x plus data size %d"
                    + " runs past the 32-bit address space: expected the object memory below 2^32", oldBase, dataSize));
        }
        byte[] rest = Arrays.copyOfRange(data, ImageHeader.NAMED_WORDS_BYTES, Math.min(headerSize, data.length));
        dataStart = headerSize;
        dataEnd = headerSize + dataSize;
        return new ImageHeader(format, order, headerSize, dataSize, buf.getInt(12), buf.getInt(16), buf.getInt(20),
                buf.getInt(24), buf.getInt(28), buf.getInt(32), rest);
    }

    private static boolean isKnownOtherFormat(int version) {
        return version == 6521 || version == 68021 || version == 68019 || version == 68000 || version == 68002
                || version == 68003;
    }

    // ---- chunks ----

    /** Fills {@link #baseOffsets}, {@link #headerWordCounts} and {@link #bodyWordCounts}, checking every header. */
    private void scanChunks() {
        int capacity = Math.max(16, (dataEnd - dataStart) / 64);
        baseOffsets = new int[capacity];
        headerWordCounts = new byte[capacity];
        bodyWordCounts = new int[capacity];
        count = 0;
        int p = dataStart;
        while (p < dataEnd) {
            int first = buf.getInt(p);
            int headerWords = switch (first & TYPE_MASK) {
                case TYPE_ONE_WORD -> 1;
                case TYPE_TWO_WORDS -> 2;
                case TYPE_THREE_WORDS -> 3;
                default -> throw ImageFormatException.at(file, p, String.format(
                        "free chunk header 0x%08x: expected an object header (a saved image has no free chunks)", first));
            };
            int base = p + (headerWords - 1) * WORD;
            if (base + WORD > dataEnd) {
                throw ImageFormatException.at(file, p, "truncated object header at the end of the object memory");
            }
            int h = buf.getInt(base);
            if ((h & TYPE_MASK) != typeFor(headerWords)) {
                throw ImageFormatException.at(file, base, String.format(
                        "base header 0x%08x has type %d: expected type %d after a %d-word header", h, h & TYPE_MASK,
                        typeFor(headerWords), headerWords));
            }
            int format = (h >>> FORMAT_SHIFT) & FORMAT_MASK;
            if (format == 5 || format == 7) {
                throw ImageFormatException.at(file, base, String.format("base header 0x%08x has unused format %d", h, format));
            }
            int bodyWords;
            if (headerWords == 3) {
                long sizeBytes = first & 0xFFFFFFFFL & ~TYPE_MASK;
                if ((h & SIZE_MASK) != 0) {
                    throw ImageFormatException.at(file, base, String.format(
                            "3-word object has size bits 0x%02x in its base header: expected 0", h & SIZE_MASK));
                }
                if (sizeBytes < WORD || base + sizeBytes > dataEnd) {
                    throw ImageFormatException.at(file, p, "object size " + sizeBytes
                            + " bytes out of range: expected at least 4 and within the object memory");
                }
                bodyWords = (int) (sizeBytes / WORD) - 1;
            } else {
                int sizeWords = (h & SIZE_MASK) >>> 2;
                if (sizeWords == 0) {
                    throw ImageFormatException.at(file, base, String.format(
                            "base header 0x%08x has size 0: expected at least one word", h));
                }
                bodyWords = sizeWords - 1;
                if (base + (long) sizeWords * WORD > dataEnd) {
                    throw ImageFormatException.at(file, base, "object of " + sizeWords
                            + " words runs past the end of the object memory");
                }
            }
            if (headerWords == 1 && ((h >>> COMPACT_SHIFT) & COMPACT_MASK) == 0) {
                throw ImageFormatException.at(file, base, String.format(
                        "1-word header 0x%08x has compact class index 0: expected 1..31", h));
            }
            if (count == baseOffsets.length) {
                int grown = count * 2;
                baseOffsets = Arrays.copyOf(baseOffsets, grown);
                headerWordCounts = Arrays.copyOf(headerWordCounts, grown);
                bodyWordCounts = Arrays.copyOf(bodyWordCounts, grown);
            }
            baseOffsets[count] = base;
            headerWordCounts[count] = (byte) headerWords;
            bodyWordCounts[count] = bodyWords;
            count++;
            p = base + (bodyWords + 1) * WORD;
        }
        if (count == 0) {
            throw ImageFormatException.at(file, dataStart, "no objects: expected nil, false and true at least");
        }
    }

    // ---- pointers ----

    private int oopOf(int baseOffset) {
        return header.oldBaseAddress() + (baseOffset - dataStart);
    }

    /** The object an oop names, or null when the oop is not the address of a base header. */
    private GuestObject resolve(GuestObject[] byWord, int oop, int fileOffset) {
        long offset = (oop & 0xFFFFFFFFL) - (header.oldBaseAddress() & 0xFFFFFFFFL);
        if (offset < 0 || offset >= (dataEnd - dataStart) || (offset & 3) != 0) {
            return null;
        }
        return byWord[(int) (offset / WORD)];
    }

    private Object pointer(GuestObject[] byWord, int word, int fileOffset) {
        if ((word & 1) != 0) {
            return Integer.valueOf(word >> 1);
        }
        GuestObject target = resolve(byWord, word, fileOffset);
        if (target == null) {
            throw ImageFormatException.at(file, fileOffset, String.format(
                    "pointer 0x%08x does not name an object header: expected a SmallInteger or an oop in 0x%08x..0x%08x",
                    word, header.oldBaseAddress(), header.oldBaseAddress() + header.dataSize()));
        }
        return target;
    }

    private GuestObject objectPointer(GuestObject[] byWord, int word, int fileOffset, String what) {
        Object p = pointer(byWord, word, fileOffset);
        if (p instanceof GuestObject o) {
            return o;
        }
        throw ImageFormatException.at(file, fileOffset, String.format("%s 0x%08x is a SmallInteger: expected an object", what, word));
    }

    private GuestObject[] readCompactClasses(GuestObject[] byWord) {
        int specialsBase = (int) ((header.specialObjectsOop() & 0xFFFFFFFFL) - (header.oldBaseAddress() & 0xFFFFFFFFL))
                + dataStart;
        int specialsSlots = bodyWordCounts[chunkAt(header.specialObjectsOop())];
        if (specialsSlots <= SPECIAL_COMPACT_CLASSES) {
            throw ImageFormatException.at(file, specialsBase, "special objects array has " + specialsSlots
                    + " slots: expected more than " + SPECIAL_COMPACT_CLASSES);
        }
        int slotOffset = specialsBase + WORD * (1 + SPECIAL_COMPACT_CLASSES);
        objectPointer(byWord, buf.getInt(slotOffset), slotOffset, "compact classes array");
        int arrayChunk = chunkAt(buf.getInt(slotOffset));
        GuestObject[] classes = new GuestObject[COMPACT_CLASS_SLOTS];
        int arrayBase = baseOffsets[arrayChunk];
        for (int i = 1; i < COMPACT_CLASS_SLOTS && i <= bodyWordCounts[arrayChunk]; i++) {
            int at = arrayBase + WORD * i;
            Object p = pointer(byWord, buf.getInt(at), at);
            classes[i] = p instanceof GuestObject g ? g : null;
        }
        return classes;
    }

    /** The index of the object at {@code oop}, which names one (the caller resolved it). */
    private int chunkAt(int oop) {
        int baseOffset = (int) ((oop & 0xFFFFFFFFL) - (header.oldBaseAddress() & 0xFFFFFFFFL)) + dataStart;
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = baseOffsets[mid];
            if (at == baseOffset) {
                return mid;
            }
            if (at < baseOffset) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        throw new IllegalStateException("no object at oop 0x" + Integer.toHexString(oop));
    }

    // ---- bodies ----

    /**
     * Reads every object's body. A large image's are read in two halves, the second on a thread of
     * its own: each body belongs to one object, and the file, the index and the compact classes are
     * only read meanwhile. What is refused is what one pass in file order refuses first: the first
     * half's refusal, else the second half's.
     */
    private void readBodies(GuestObject[] objects, GuestObject[] byWord, GuestObject[] compactClasses) {
        int n = objects.length;
        if (n < PARALLEL_BODIES_AT_LEAST || Runtime.getRuntime().availableProcessors() < 2) {
            readBodies(0, n, objects, byWord, compactClasses);
            return;
        }
        int half = n / 2;
        FutureTask<Void> second = new FutureTask<>(() -> {
            readBodies(half, n, objects, byWord, compactClasses);
            return null;
        });
        Thread thread = new Thread(second, "ozw-image-reader");
        thread.setDaemon(true);
        thread.start();
        RuntimeException first = null;
        try {
            readBodies(0, half, objects, byWord, compactClasses);
        } catch (RuntimeException e) {
            first = e;
        }
        try {
            second.get();
        } catch (ExecutionException e) {
            if (first == null) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        }
        if (first != null) {
            throw first;
        }
    }

    private void readBodies(int from, int to, GuestObject[] objects, GuestObject[] byWord, GuestObject[] compactClasses) {
        for (int i = from; i < to; i++) {
            readBody(i, objects[i], byWord, compactClasses);
        }
    }

    private void readBody(int index, GuestObject o, GuestObject[] byWord, GuestObject[] compactClasses) {
        int baseOffset = baseOffsets[index];
        int headerWords = headerWordCounts[index];
        int bodyWords = bodyWordCounts[index];
        GuestObject cls;
        if (headerWords == 1) {
            cls = compactClasses[o.compactIndex()];
            if (cls == null) {
                throw ImageFormatException.at(file, baseOffset, "compact class index " + o.compactIndex()
                        + " names no class in the compact classes array");
            }
        } else {
            int classOffset = baseOffset - WORD;
            int classWord = buf.getInt(classOffset);
            if (headerWords == 3 && (classWord & TYPE_MASK) != TYPE_THREE_WORDS) {
                throw ImageFormatException.at(file, classOffset, String.format(
                        "class word 0x%08x of a 3-word header has type bits %d: expected 0", classWord, classWord & TYPE_MASK));
            }
            cls = objectPointer(byWord, classWord & ~TYPE_MASK, classOffset, "class word");
        }
        o.setClass(cls);
        int body = baseOffset + WORD;
        int format = o.format();
        if (ObjectFormat.isPointers(format)) {
            o.setBody(pointers(byWord, body, bodyWords), GuestObject.NO_WORDS, GuestObject.NO_BYTES);
        } else if (ObjectFormat.isWords(format)) {
            int[] words = new int[bodyWords];
            for (int i = 0; i < words.length; i++) {
                words[i] = buf.getInt(body + WORD * i);
            }
            o.setBody(GuestObject.NO_POINTERS, words, GuestObject.NO_BYTES);
        } else if (ObjectFormat.isBytes(format)) {
            if (bodyWords == 0 && (format & 3) != 0) {
                throw ImageFormatException.at(file, baseOffset, "empty byte object claims " + (format & 3)
                        + " unused bytes: expected 0");
            }
            o.setBody(GuestObject.NO_POINTERS, GuestObject.NO_WORDS, Arrays.copyOfRange(data, body, body + WORD * bodyWords));
        } else {
            readMethodBody(baseOffset, bodyWords, o, byWord, body, format);
        }
    }

    /** The {@code n} slots from file offset {@code at}, each a SmallInteger or the object its oop names. */
    private Object[] pointers(GuestObject[] byWord, int at, int n) {
        Object[] slots = new Object[n];
        for (int i = 0; i < n; i++) {
            slots[i] = pointer(byWord, buf.getInt(at + WORD * i), at + WORD * i);
        }
        return slots;
    }

    private void readMethodBody(int baseOffset, int bodyWords, GuestObject o, GuestObject[] byWord, int body, int format) {
        if (bodyWords == 0) {
            throw ImageFormatException.at(file, baseOffset, "compiled method has no header word");
        }
        int headerWord = buf.getInt(body);
        if ((headerWord & 1) == 0) {
            throw ImageFormatException.at(file, body, String.format(
                    "compiled method header 0x%08x is not a SmallInteger", headerWord));
        }
        int literals = ((headerWord >> 1) >>> METHOD_LITERAL_COUNT_SHIFT) & METHOD_LITERAL_COUNT_MASK;
        int pointerWords = 1 + literals;
        if (pointerWords > bodyWords) {
            throw ImageFormatException.at(file, body, "compiled method declares " + literals
                    + " literals but has only " + (bodyWords - 1) + " words after its header");
        }
        int byteWords = bodyWords - pointerWords;
        if (byteWords == 0 && (format & 3) != 0) {
            throw ImageFormatException.at(file, baseOffset, "compiled method without bytecodes claims "
                    + (format & 3) + " unused bytes");
        }
        Object[] slots = pointers(byWord, body, pointerWords);
        int bytesStart = body + WORD * pointerWords;
        o.setBody(slots, GuestObject.NO_WORDS, Arrays.copyOfRange(data, bytesStart, bytesStart + WORD * byteWords));
    }
}
