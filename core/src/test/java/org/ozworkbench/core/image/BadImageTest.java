package org.ozworkbench.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.ozworkbench.core.image.ChunkMap.DATA_SIZE_OFFSET;
import static org.ozworkbench.core.image.ChunkMap.HEADER_SIZE_OFFSET;
import static org.ozworkbench.core.image.ChunkMap.OLD_BASE_OFFSET;
import static org.ozworkbench.core.image.ChunkMap.SPECIAL_OBJECTS_OFFSET;
import static org.ozworkbench.core.image.ChunkMap.WORD;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.image.ChunkMap.Chunk;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Bad input of every kind the reader must refuse: each gives an {@link ImageFormatException},
 * never another exception, from {@code ObjectMemory} and from {@code ObjectSpace} alike, and
 * its message names the file, the offset (where there is one) and what was expected.
 */
class BadImageTest {
    private static final int HEADER_BYTES = ImageHeader.STANDARD_SIZE;
    private static final int TYPE_MASK = 3;
    private static final int TYPE_FREE = 2;
    private static final int SIZE_MASK = 0xFC;
    private static final int FORMAT_SHIFT = 8;
    private static final int FORMAT_BITS = 0xF << FORMAT_SHIFT;
    private static final int COMPACT_BITS = 0x1F << 12;
    private static final int METHOD_LITERALS_BITS = 0xFF << 10;
    private static final long ADDRESS_SPACE = 1L << 32;

    // ---- files that are no image at all ----

    @Test
    void anEmptyFileIsRejectedAsEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.image"));

        assertLoadRejected(empty, 0, "empty file; expected a 64-byte image header");
    }

    @Test
    void aDirectoryIsRejectedAsNoImageFile(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.image"));

        assertLoadRejected(folder, -1, "is a directory, not an image file");
    }

    @Test
    void aMissingFileIsRejectedAsUnreadable(@TempDir Path dir) {
        assertLoadRejected(dir.resolve("missing.image"), -1, "no such file");
    }

    @Test
    void aFileShorterThanTheHeaderIsRejectedAsTruncated(@TempDir Path dir) throws Exception {
        byte[] start = Arrays.copyOf(RealImages.bytes(RealImages.MINI), 40);
        Path file = Files.write(dir.resolve("short.image"), start);

        assertLoadRejected(file, 40, "truncated: 40 bytes, expected at least a 64-byte image header");
    }

    // ---- truncated real images ----

    static Stream<Arguments> cuts() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String image : List.of(RealImages.MINI, RealImages.BIG_ENDIAN, RealImages.SCRATCH)) {
            cases.add(Arguments.of(image, "after the first byte", "1"));
            cases.add(Arguments.of(image, "inside the header", "36"));
            cases.add(Arguments.of(image, "one byte short of the header", "63"));
            cases.add(Arguments.of(image, "right after the header", "64"));
            cases.add(Arguments.of(image, "inside the first object", "70"));
            cases.add(Arguments.of(image, "in the middle of the objects", "50%"));
            cases.add(Arguments.of(image, "one word short", "-4"));
            cases.add(Arguments.of(image, "one byte short", "-1"));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} cut {1}")
    @MethodSource("cuts")
    void aRealImageCutShortIsRejectedAsTruncated(String image, String where, String cut) {
        byte[] whole = RealImages.bytes(image);
        int length = cut.endsWith("%") ? whole.length * Integer.parseInt(cut.substring(0, cut.length() - 1)) / 100
                : cut.startsWith("-") ? whole.length + Integer.parseInt(cut) : Integer.parseInt(cut);
        byte[] truncated = Arrays.copyOf(whole, length);

        String expected = length < HEADER_BYTES ? "expected at least a 64-byte image header"
                : "truncated: header says " + (whole.length - HEADER_BYTES) + " bytes of objects from offset 64, file has "
                        + (length - HEADER_BYTES);
        assertRejected(name(image, "cut " + where), truncated, length, "truncated", expected);
    }

    @Test
    void anImageCutInsideAnObjectWithADataSizeThatAgreesIsRejectedAtThatObject() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 2 && c.bodyWords() >= 4);
        int cut = object.base() + 2 * WORD;
        byte[] image = cutWithAgreeingDataSize(mini, cut);

        assertRejected(name(RealImages.MINI, "cut inside an object"), image, object.base(),
                "object of " + (object.bodyWords() + 1) + " words runs past the end of the object memory");
    }

    @Test
    void anImageCutInsideABigObjectWithADataSizeThatAgreesIsRejectedAtItsSizeWord() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 3);
        byte[] image = cutWithAgreeingDataSize(mini, object.base() + 2 * WORD);

        assertRejected(name(RealImages.MINI, "cut inside a 3-word object"), image, object.start(),
                "object size " + (object.bodyWords() + 1) * WORD + " bytes out of range",
                "expected at least 4 and within the object memory");
    }

    @Test
    void anImageCutBetweenObjectsWithADataSizeThatAgreesIsRejectedForItsDanglingPointers() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk last = mini.chunks.get(mini.chunks.size() / 2);
        byte[] image = cutWithAgreeingDataSize(mini, last.end());

        assertRejected(name(RealImages.MINI, "cut between objects"), image, -2, "does not name an object header",
                "expected a SmallInteger or an oop in");
    }

    @Test
    void aHeaderWithoutObjectsIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));

        assertRejected(name(RealImages.MINI, "data size 0"), mini.withWord(DATA_SIZE_OFFSET, 0), HEADER_BYTES,
                "no objects: expected nil, false and true at least");
    }

    // ---- the magic word ----

    @Test
    void randomBytesAreRejectedAsABadMagicWord() {
        byte[] noise = new byte[4096];
        new SplittableRandom(6502).nextBytes(noise);
        int magic = ByteBuffer.wrap(noise).order(ByteOrder.LITTLE_ENDIAN).getInt(0);

        assertRejected(Path.of("noise.image"), noise, 0, String.format("bad magic 0x%08x", magic),
                "expected image format 6502, 6504 or 6505 in either byte order");
    }

    @Test
    void zerosAreRejectedAsABadMagicWord() {
        assertRejected(Path.of("zeros.image"), new byte[HEADER_BYTES * 2], 0, "bad magic 0x00000000",
                "expected image format 6502, 6504 or 6505");
    }

    static Stream<Arguments> otherFormats() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            cases.add(Arguments.of(6521, order, "Spur"));
            cases.add(Arguments.of(68021, order, "Spur 64-bit"));
            cases.add(Arguments.of(68019, order, "Spur 64-bit"));
            cases.add(Arguments.of(68000, order, "V3 64-bit"));
            cases.add(Arguments.of(68002, order, "V3 64-bit"));
            cases.add(Arguments.of(68003, order, "V3 64-bit"));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "format {0}, {1}")
    @MethodSource("otherFormats")
    void aHeaderOfAnotherImageFormatIsRejectedAsUnsupported(int format, ByteOrder order, String kind) {
        byte[] image = RealImages.bytes(RealImages.MINI).clone();
        ByteBuffer.wrap(image).order(order).putInt(0, format);

        assertRejected(name(RealImages.MINI, "format " + format), image, 0,
                "unsupported image format " + format + " (" + kind + ")",
                "expected a 32-bit Squeak V3 image, format 6502, 6504 or 6505");
    }

    @Test
    void aRealSpurImageIsRejectedAsUnsupported() throws Exception {
        Path spur = RealImages.require(RealImages.SPUR);

        assertLoadRejected(spur, 0, "unsupported image format 6521 (Spur)");
        assertRejected(spur, Files.readAllBytes(spur), 0, "unsupported image format 6521 (Spur)");
    }

    // ---- pointers that name no object ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RealImages.MINI, RealImages.CANDLE, RealImages.BIG_ENDIAN, RealImages.JITTEST,
            RealImages.SCRATCH})
    void aPointerIntoTheMiddleOfAnObjectIsRejected(String imageName) {
        ChunkMap image = ChunkMap.of(RealImages.bytes(imageName));
        List<Integer> slots = image.objectPointerSlots();
        int slot = slots.stream().skip(slots.size() / 2)
                .filter(s -> image.atOop(image.word(s)).bodyWords() >= 1).findFirst().orElseThrow();
        int intoTheBody = image.word(slot) + WORD;

        assertRejected(name(imageName, "pointer into an object"), image.withWord(slot, intoTheBody), slot,
                String.format("pointer 0x%08x does not name an object header", intoTheBody),
                String.format("expected a SmallInteger or an oop in 0x%08x..0x%08x", image.oldBase,
                        image.oldBase + image.dataSize));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"onto a class word", "between two words", "past the end", "before the start"})
    void aPointerThatMissesEveryObjectHeaderIsRejected(String where) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk twoWords = middle(mini, c -> c.headerWords() == 2);
        int bad = switch (where) {
            case "onto a class word" -> mini.oopOf(twoWords) - WORD;
            case "between two words" -> mini.oopOf(twoWords) + 2;
            case "past the end" -> mini.oldBase + mini.dataSize + WORD;
            default -> mini.oldBase - WORD;
        };
        int slot = mini.objectPointerSlots().get(0);

        assertRejected(name(RealImages.MINI, "pointer " + where), mini.withWord(slot, bad), slot,
                String.format("pointer 0x%08x does not name an object header", bad));
    }

    @Test
    void aMethodLiteralIntoTheMiddleOfAnObjectIsRejected() {
        ChunkMap candle = ChunkMap.of(RealImages.bytes(RealImages.CANDLE));
        Chunk method = middle(candle, c -> c.isMethod() && (candle.word(c.bodyOffset()) & METHOD_LITERALS_BITS) != 0
                && (candle.word(c.bodyOffset() + WORD) & 1) == 0
                && candle.atOop(candle.word(c.bodyOffset() + WORD)).bodyWords() >= 1);
        int literal = method.bodyOffset() + WORD;
        int bad = candle.word(literal) + WORD;

        assertRejected(name(RealImages.CANDLE, "literal into an object"), candle.withWord(literal, bad), literal,
                String.format("pointer 0x%08x does not name an object header", bad));
    }

    @Test
    void aClassWordIntoTheMiddleOfAnObjectIsRejected() {
        ChunkMap bigEndian = ChunkMap.of(RealImages.bytes(RealImages.BIG_ENDIAN));
        Chunk object = middle(bigEndian, c -> c.headerWords() == 2);
        int classWord = object.base() - WORD;
        int bad = (bigEndian.word(classWord) & ~TYPE_MASK) + WORD;

        assertRejected(name(RealImages.BIG_ENDIAN, "class word into an object"),
                bigEndian.withWord(classWord, bad | 1), classWord,
                String.format("pointer 0x%08x does not name an object header", bad));
    }

    // ---- header fields out of range ----

    @ParameterizedTest(name = "header size {0}")
    @ValueSource(ints = {0, -64, 60, 63, 66, 0x7ffffff0})
    void aHeaderSizeOutOfRangeIsRejected(int headerSize) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));

        assertRejected(name(RealImages.MINI, "header size " + headerSize), mini.withWord(HEADER_SIZE_OFFSET, headerSize),
                HEADER_SIZE_OFFSET, "header size " + headerSize + " out of range",
                "expected a multiple of 4, at least 64 and within the file");
    }

    @ParameterizedTest(name = "data size {0}")
    @ValueSource(ints = {726596, 0x7ffffffc})
    void aDataSizeLargerThanTheFileIsRejectedAsTruncated(int dataSize) {
        byte[] image = RealImages.bytes(RealImages.MINI);

        assertRejected(name(RealImages.MINI, "data size " + dataSize), ChunkMap.of(image).withWord(DATA_SIZE_OFFSET, dataSize),
                image.length, "truncated: header says " + dataSize + " bytes of objects from offset 64");
    }

    @ParameterizedTest(name = "data size {0}")
    @ValueSource(ints = {-4, Integer.MIN_VALUE, 726590})
    void aNegativeOrUnalignedDataSizeIsRejected(int dataSize) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));

        assertRejected(name(RealImages.MINI, "data size " + dataSize), mini.withWord(DATA_SIZE_OFFSET, dataSize),
                DATA_SIZE_OFFSET, "data size " + dataSize + " out of range: expected a non-negative multiple of 4");
    }

    @Test
    void anObjectMemoryThatRunsPastTheTopOfTheAddressSpaceIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        // Old base chosen so that the addresses wrap round just after the special objects array:
        // the array still resolves, the objects after it would get the lowest addresses.
        Chunk specials = mini.specialObjects();
        int wrapAt = specials.end() - HEADER_BYTES;
        int oldBase = (int) (ADDRESS_SPACE - wrapAt);
        byte[] image = ChunkMap.of(mini.withWord(OLD_BASE_OFFSET, oldBase))
                .withWord(SPECIAL_OBJECTS_OFFSET, oldBase + specials.base() - HEADER_BYTES);

        assertRejected(name(RealImages.MINI, "old base 0x" + Integer.toHexString(oldBase)), image, OLD_BASE_OFFSET,
                String.format("old base address 0x%08x plus data size %d runs past the 32-bit address space", oldBase,
                        mini.dataSize), "expected the object memory below 2^32");
    }

    @ParameterizedTest(name = "size word 0x{0}")
    @ValueSource(strings = {"7ffffffc", "fffffffc", "0", "4000000"})
    void aThreeWordObjectWithAnAbsurdSizeWordIsRejected(String hex) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk big = middle(mini, c -> c.headerWords() == 3);
        int size = Integer.parseUnsignedInt(hex, 16);

        assertRejected(name(RealImages.MINI, "size word 0x" + hex), mini.withWord(big.start(), size), big.start(),
                "object size " + Integer.toUnsignedString(size) + " bytes out of range",
                "expected at least 4 and within the object memory");
    }

    @Test
    void aThreeWordObjectWithSizeBitsInItsBaseHeaderIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk big = middle(mini, c -> c.headerWords() == 3);

        assertRejected(name(RealImages.MINI, "3-word object with size bits"),
                mini.withWord(big.base(), mini.word(big.base()) | 0x10), big.base(),
                "3-word object has size bits 0x10 in its base header: expected 0");
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {5, 7})
    void aBaseHeaderWithAnUnusedFormatIsRejected(int format) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 2);
        int header = (mini.word(object.base()) & ~FORMAT_BITS) | format << FORMAT_SHIFT;

        assertRejected(name(RealImages.MINI, "format " + format), mini.withWord(object.base(), header), object.base(),
                String.format("base header 0x%08x has unused format %d", header, format));
    }

    @ParameterizedTest(name = "{0}-word object")
    @ValueSource(ints = {1, 2, 3})
    void aFreeChunkHeaderIsRejected(int headerWords) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == headerWords);
        int free = (mini.word(object.start()) & ~TYPE_MASK) | TYPE_FREE;

        assertRejected(name(RealImages.MINI, "free chunk"), mini.withWord(object.start(), free), object.start(),
                String.format("free chunk header 0x%08x", free), "expected an object header");
    }

    @Test
    void aBaseHeaderWhoseTypeDisagreesWithTheHeaderLengthIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 2);
        int header = mini.word(object.base()) | TYPE_MASK;

        assertRejected(name(RealImages.MINI, "type mismatch"), mini.withWord(object.base(), header), object.base(),
                String.format("base header 0x%08x has type 3: expected type 1 after a 2-word header", header));
    }

    @Test
    void aOneWordHeaderWithCompactIndexZeroIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 1);
        int header = mini.word(object.base()) & ~COMPACT_BITS;

        assertRejected(name(RealImages.MINI, "compact index 0"), mini.withWord(object.base(), header), object.base(),
                String.format("1-word header 0x%08x has compact class index 0: expected 1..31", header));
    }

    @Test
    void aBaseHeaderWithSizeZeroIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk object = middle(mini, c -> c.headerWords() == 1);
        int header = mini.word(object.base()) & ~SIZE_MASK;

        assertRejected(name(RealImages.MINI, "size 0"), mini.withWord(object.base(), header), object.base(),
                String.format("base header 0x%08x has size 0: expected at least one word", header));
    }

    @Test
    void aLastObjectLargerThanTheObjectMemoryIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk last = mini.chunks.get(mini.chunks.size() - 1);
        int header = mini.word(last.base()) | SIZE_MASK;

        assertThat(last.headerWords()).isLessThan(3);
        assertRejected(name(RealImages.MINI, "last object too big"), mini.withWord(last.base(), header), last.base(),
                "object of 63 words runs past the end of the object memory");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zero", "unaligned", "into the array", "past the end", "before the start", "a byte object"})
    void aSpecialObjectsOopThatNamesNoPointerObjectIsRejected(String where) {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        int specials = mini.specialObjectsOop;
        int bad = switch (where) {
            case "zero" -> 0;
            case "unaligned" -> specials + 2;
            case "into the array" -> specials + WORD;
            case "past the end" -> mini.oldBase + mini.dataSize;
            case "before the start" -> mini.oldBase - WORD;
            default -> mini.oopOf(middle(mini, c -> c.format() >= 8 && c.format() < 12));
        };

        assertRejected(name(RealImages.MINI, "special objects " + where), mini.withWord(SPECIAL_OBJECTS_OFFSET, bad),
                SPECIAL_OBJECTS_OFFSET, "special objects oop 0x" + Integer.toHexString(bad) + " does not name a pointer object");
    }

    @Test
    void aSpecialObjectsArrayWithoutACompactClassesSlotIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk pair = middle(mini, c -> c.isPointers() && c.bodyWords() == 2);
        int oop = mini.oopOf(pair);

        assertRejected(name(RealImages.MINI, "two-slot special objects"), mini.withWord(SPECIAL_OBJECTS_OFFSET, oop),
                pair.base(), "special objects array has 2 slots: expected more than 28");
    }

    @Test
    void aCompactClassesSlotHoldingASmallIntegerIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        int slot = specialSlotOffset(mini, SpecialObject.COMPACT_CLASSES);

        assertRejected(name(RealImages.MINI, "compact classes 3"), mini.withWord(slot, smallInteger(3)), slot,
                "compact classes array 0x00000007 is a SmallInteger: expected an object");
    }

    @Test
    void aOneWordHeaderWhoseCompactClassIsASmallIntegerIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk compactClasses = mini.atOop(mini.word(specialSlotOffset(mini, SpecialObject.COMPACT_CLASSES)));
        Chunk user = mini.first(c -> c.headerWords() == 1);
        int index = user.compactIndex();
        byte[] image = mini.withWord(compactClasses.bodyOffset() + WORD * (index - 1), smallInteger(index));

        assertRejected(name(RealImages.MINI, "compact class " + index + " a SmallInteger"), image, user.base(),
                "compact class index " + index + " names no class in the compact classes array");
    }

    @Test
    void aMethodHeaderThatIsNoSmallIntegerIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk method = middle(mini, Chunk::isMethod);
        int header = mini.word(method.bodyOffset()) & ~1;

        assertRejected(name(RealImages.MINI, "method header"), mini.withWord(method.bodyOffset(), header),
                method.bodyOffset(), String.format("compiled method header 0x%08x is not a SmallInteger", header));
    }

    @Test
    void aMethodWithMoreLiteralsThanWordsIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        Chunk method = middle(mini, c -> c.isMethod() && c.bodyWords() < 255);
        int header = mini.word(method.bodyOffset()) | METHOD_LITERALS_BITS;

        assertRejected(name(RealImages.MINI, "255 literals"), mini.withWord(method.bodyOffset(), header),
                method.bodyOffset(), "compiled method declares 255 literals but has only " + (method.bodyWords() - 1)
                        + " words after its header");
    }

    // ---- loads as memory, refused as an object space ----

    @Test
    void anArrayClassOfNoKnownLayoutIsRejectedAsAnUnknownDialect() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        byte[] image = mini.withWord(specialSlotOffset(mini, SpecialObject.CLASS_ARRAY), smallInteger(7));

        assertSpaceRejected(name(RealImages.MINI, "no class Array"), image, "unknown dialect",
                "expected 9, 10 or 14 slots");
    }

    @Test
    void aSmallIntegerClassThatIsNoClassIsRejected() {
        ChunkMap mini = ChunkMap.of(RealImages.bytes(RealImages.MINI));
        int symbol = mini.oopOf(middle(mini, c -> c.format() >= 8 && c.format() < 12));
        byte[] image = mini.withWord(specialSlotOffset(mini, SpecialObject.CLASS_SMALL_INTEGER), symbol);

        assertSpaceRejected(name(RealImages.MINI, "SmallInteger a byte object"), image,
                "special object 5 is not a class (class small integer expected)");
    }

    // ---- helpers ----

    private static Path name(String image, String damage) {
        return Path.of(image + " (" + damage + ")");
    }

    private static int smallInteger(int value) {
        return value << 1 | 1;
    }

    /** Scratch.image's bodies are read in two halves on two threads: the refusal is still the first in file order. */
    @Test
    void ofTwoPointersIntoObjectsFarApartTheFirstInTheFileIsRefused() {
        ChunkMap image = ChunkMap.of(RealImages.bytes(RealImages.SCRATCH));
        List<Integer> slots = image.objectPointerSlots();
        int early = slots.stream().skip(slots.size() / 10)
                .filter(s -> image.atOop(image.word(s)).bodyWords() >= 1).findFirst().orElseThrow();
        int late = slots.stream().skip(slots.size() * 9L / 10)
                .filter(s -> image.atOop(image.word(s)).bodyWords() >= 1).findFirst().orElseThrow();
        int intoEarly = image.word(early) + WORD;
        byte[] twice = ChunkMap.of(image.withWord(late, image.word(late) + WORD)).withWord(early, intoEarly);

        assertRejected(name(RealImages.SCRATCH, "two pointers into objects"), twice, early,
                String.format("pointer 0x%08x does not name an object header", intoEarly));
    }

    private static int specialSlotOffset(ChunkMap image, SpecialObject which) {
        return image.specialObjects().bodyOffset() + WORD * which.index();
    }

    /** The first chunk that passes the test from the middle of the image on: an ordinary object, not nil. */
    private static Chunk middle(ChunkMap image, Predicate<Chunk> test) {
        List<Chunk> chunks = image.chunks;
        return chunks.subList(chunks.size() / 2, chunks.size()).stream().filter(test).findFirst()
                .orElseGet(() -> image.first(test));
    }

    /** The image up to {@code end} (a file offset), with a data size that says so. */
    private static byte[] cutWithAgreeingDataSize(ChunkMap image, int end) {
        return Arrays.copyOf(image.withWord(DATA_SIZE_OFFSET, end - image.headerSize), end);
    }

    /**
     * Both ways in refuse the bytes with the same ImageFormatException. {@code offset} -1 means
     * "no offset", -2 "some offset, not checked".
     */
    private static void assertRejected(Path name, byte[] bytes, long offset, String... expected) {
        ImageFormatException fromMemory = rejection(() -> ObjectMemory.read(name, bytes));
        ImageFormatException fromSpace = rejection(() -> ObjectSpace.read(name, bytes));

        assertMessage(fromMemory, name, offset, expected);
        assertThat(fromSpace.getMessage()).isEqualTo(fromMemory.getMessage());
    }

    private static void assertLoadRejected(Path file, long offset, String... expected) {
        ImageFormatException fromMemory = rejection(() -> ObjectMemory.load(file));
        ImageFormatException fromSpace = rejection(() -> ObjectSpace.load(file));

        assertMessage(fromMemory, file, offset, expected);
        assertThat(fromSpace.getMessage()).isEqualTo(fromMemory.getMessage());
    }

    /** Loads as an object memory, but is no object space the workbench can use. */
    private static void assertSpaceRejected(Path name, byte[] bytes, String... expected) {
        assertThat(ObjectMemory.read(name, bytes).objectCount()).isPositive();

        assertMessage(rejection(() -> ObjectSpace.read(name, bytes)), name, -1, expected);
    }

    private static ImageFormatException rejection(ThrowingCallable read) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).as("what reading the bad image threw").isExactlyInstanceOf(ImageFormatException.class);
        return (ImageFormatException) thrown;
    }

    private static void assertMessage(ImageFormatException e, Path file, long offset, String... expected) {
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file.toString());
        if (offset >= 0) {
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).startsWith(file + " at offset " + offset + " (0x" + Long.toHexString(offset) + "): ");
        } else if (offset == -1) {
            assertThat(e.offset()).isEqualTo(-1);
            assertThat(e.getMessage()).startsWith(file + ": ");
        } else {
            assertThat(e.offset()).isGreaterThanOrEqualTo(HEADER_BYTES);
        }
        assertThat(e.getMessage()).contains(expected);
    }
}
