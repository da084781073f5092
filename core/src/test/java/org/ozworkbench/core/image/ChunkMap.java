package org.ozworkbench.core.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A deliberately small, independent walk over the chunks of a good V3 image (V3-FACTS sections
 * 1-3), so the bad-input tests can find a real header word, class word or pointer slot to
 * damage. It trusts its input: give it only unmodified images.
 */
final class ChunkMap {
    static final int WORD = 4;
    static final int HEADER_SIZE_OFFSET = 4;
    static final int DATA_SIZE_OFFSET = 8;
    static final int OLD_BASE_OFFSET = 12;
    static final int SPECIAL_OBJECTS_OFFSET = 16;
    private static final int V3_FORMAT_6502 = 6502;
    private static final int V3_FORMAT_6505 = 6505;
    private static final int METHOD_LITERALS_SHIFT = 10;
    private static final int METHOD_LITERALS_MASK = 0xFF;

    /** One object in the file: offsets are file offsets; {@code base} is where its base header is. */
    record Chunk(int start, int base, int headerWords, int bodyWords, int format, int compactIndex) {
        int bodyOffset() {
            return base + WORD;
        }

        int end() {
            return base + WORD * (bodyWords + 1);
        }

        boolean isPointers() {
            return format <= 4;
        }

        boolean isMethod() {
            return format >= 12;
        }
    }

    final ByteOrder order;
    final int headerSize;
    final int dataSize;
    final int oldBase;
    final int specialObjectsOop;
    final List<Chunk> chunks;
    private final byte[] image;
    private final Map<Integer, Chunk> byBase = new HashMap<>();

    private ChunkMap(byte[] image) {
        this.image = image;
        int le = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        this.order = le >= V3_FORMAT_6502 && le <= V3_FORMAT_6505 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        this.headerSize = word(HEADER_SIZE_OFFSET);
        this.dataSize = word(DATA_SIZE_OFFSET);
        this.oldBase = word(OLD_BASE_OFFSET);
        this.specialObjectsOop = word(SPECIAL_OBJECTS_OFFSET);
        this.chunks = walk();
    }

    static ChunkMap of(byte[] image) {
        return new ChunkMap(image);
    }

    int word(int offset) {
        return ByteBuffer.wrap(image).order(order).getInt(offset);
    }

    /** A copy of the image with one word replaced, in the file's byte order. */
    byte[] withWord(int offset, int value) {
        byte[] copy = image.clone();
        ByteBuffer.wrap(copy).order(order).putInt(offset, value);
        return copy;
    }

    int oopOf(Chunk c) {
        return oldBase + (c.base - headerSize);
    }

    int fileOffsetOf(int oop) {
        return oop - oldBase + headerSize;
    }

    Chunk atOop(int oop) {
        return byBase.get(fileOffsetOf(oop));
    }

    Chunk specialObjects() {
        return atOop(specialObjectsOop);
    }

    Chunk first(Predicate<Chunk> test) {
        return chunks.stream().filter(test).findFirst()
                .orElseThrow(() -> new IllegalStateException("no such chunk in the image"));
    }

    /** File offsets of the body words that hold an object pointer (not a SmallInteger), in file order. */
    List<Integer> objectPointerSlots() {
        List<Integer> slots = new ArrayList<>();
        for (Chunk c : chunks) {
            int pointerWords = c.isPointers() ? c.bodyWords : c.isMethod() ? 1 + literalCount(c) : 0;
            for (int i = 0; i < pointerWords; i++) {
                int at = c.bodyOffset() + WORD * i;
                if ((word(at) & 1) == 0) {
                    slots.add(at);
                }
            }
        }
        return slots;
    }

    private int literalCount(Chunk method) {
        return (word(method.bodyOffset()) >>> METHOD_LITERALS_SHIFT) & METHOD_LITERALS_MASK;
    }

    private List<Chunk> walk() {
        List<Chunk> result = new ArrayList<>();
        int p = headerSize;
        int end = headerSize + dataSize;
        while (p < end) {
            int headerWords = switch (word(p) & 3) {
                case 3 -> 1;
                case 1 -> 2;
                case 0 -> 3;
                default -> throw new IllegalStateException("free chunk at " + p + ": not a good image");
            };
            int base = p + WORD * (headerWords - 1);
            int h = word(base);
            int bodyWords = headerWords == 3 ? (word(p) >>> 2) - 1 : ((h & 0xFC) >>> 2) - 1;
            Chunk c = new Chunk(p, base, headerWords, bodyWords, (h >>> 8) & 0xF, (h >>> 12) & 0x1F);
            result.add(c);
            byBase.put(base, c);
            p = c.end();
        }
        return result;
    }
}
