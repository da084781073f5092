package org.ozworkbench.core.memory;

/**
 * The 4-bit object format of a V3 base header (V3-FACTS section 2), and what each value means.
 * Byte and CompiledMethod formats carry, in their low two bits, how many bytes of the last word
 * are unused.
 */
public final class ObjectFormat {
    public static final int EMPTY = 0;
    public static final int FIXED_POINTERS = 1;
    public static final int INDEXABLE_POINTERS = 2;
    public static final int FIXED_AND_INDEXABLE_POINTERS = 3;
    public static final int WEAK_POINTERS = 4;
    public static final int WORDS = 6;
    public static final int BYTES = 8;
    public static final int COMPILED_METHOD = 12;
    public static final int MAX = 15;
    /**
     * The most named instance variables a V3 class can give its instances: the format word holds
     * the instance size + 1 in 8 bits, and 255 would read back as -1 (ClassBuilder refuses more
     * than 254: "Class has too many instance variables").
     */
    public static final int MAX_INSTANCE_SIZE = 254;

    private ObjectFormat() {
    }

    /**
     * A class's format word (V3-FACTS section 5): instance size + 1 in bits 1-6 and 16-17, the
     * instance spec (this class's object format) in bits 7-10, the compact class index in 11-15.
     */
    public static int classFormatWord(int instSize, int spec, int compactIndex) {
        if (instSize < 0 || instSize > MAX_INSTANCE_SIZE) {
            throw new IllegalArgumentException("instance size " + instSize + " is not in 0.." + MAX_INSTANCE_SIZE);
        }
        int size1 = instSize + 1;
        return ((size1 & 0x3F) << 1) | (spec << 7) | (compactIndex << 11) | ((size1 & 0xC0) << 10);
    }

    public static boolean isPointers(int format) {
        return format <= WEAK_POINTERS;
    }

    public static boolean isWords(int format) {
        return format == WORDS;
    }

    public static boolean isBytes(int format) {
        return format >= BYTES && format < COMPILED_METHOD;
    }

    public static boolean isCompiledMethod(int format) {
        return format >= COMPILED_METHOD;
    }

    /** True for the formats no V3 object has (5 and 7). */
    public static boolean isUnused(int format) {
        return format == 5 || format == 7;
    }

    /** True when instances may have indexable slots (beyond the fixed ones). */
    public static boolean isIndexable(int format) {
        return format >= INDEXABLE_POINTERS;
    }

    /** The format a byte or method object with {@code byteCount} bytes gets: base plus unused bytes. */
    public static int withUnusedBytes(int baseFormat, int byteCount) {
        return baseFormat + ((4 - (byteCount & 3)) & 3);
    }

    public static String describe(int format) {
        if (isCompiledMethod(format)) {
            return "compiled method";
        }
        if (isBytes(format)) {
            return "bytes";
        }
        return switch (format) {
            case EMPTY -> "no fields";
            case FIXED_POINTERS -> "fixed pointers";
            case INDEXABLE_POINTERS -> "indexable pointers";
            case FIXED_AND_INDEXABLE_POINTERS -> "fixed and indexable pointers";
            case WEAK_POINTERS -> "weak pointers";
            case WORDS -> "words";
            default -> "unused format " + format;
        };
    }
}
