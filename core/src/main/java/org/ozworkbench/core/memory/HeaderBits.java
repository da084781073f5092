package org.ozworkbench.core.memory;

/** Bit layout of V3 object headers (V3-FACTS section 2). */
public final class HeaderBits {
    static final int TYPE_MASK = 3;
    static final int TYPE_THREE_WORDS = 0;
    static final int TYPE_TWO_WORDS = 1;
    static final int TYPE_FREE = 2;
    static final int TYPE_ONE_WORD = 3;

    static final int SIZE_MASK = 0xFC;
    static final int FORMAT_SHIFT = 8;
    static final int FORMAT_MASK = 0xF;
    static final int COMPACT_SHIFT = 12;
    static final int COMPACT_MASK = 0x1F;
    static final int HASH_SHIFT = 17;
    public static final int HASH_MASK = 0xFFF;
    static final int HIGH_SHIFT = 29;
    static final int HIGH_MASK = 0x7;

    /** Largest chunk (base header plus body), in bytes, that a 1- or 2-word header can describe. */
    static final int MAX_SMALL_CHUNK_BYTES = 252;

    private HeaderBits() {
    }

    public static int typeFor(int headerWords) {
        return switch (headerWords) {
            case 1 -> TYPE_ONE_WORD;
            case 2 -> TYPE_TWO_WORDS;
            default -> TYPE_THREE_WORDS;
        };
    }

    static int baseHeader(GuestObject o) {
        return baseHeader(o.highBits(), o.hash(), o.compactIndex(), o.format(), o.bodyWords(), o.headerWords());
    }

    /** The base header word of an object (a 3-word header's size is in its own word, not here). */
    public static int baseHeader(int highBits, int hash, int compactIndex, int format, int bodyWords, int headerWords) {
        int sizeBits = headerWords == 3 ? 0 : ((bodyWords + 1) * 4) & SIZE_MASK;
        return (highBits << HIGH_SHIFT) | (hash << HASH_SHIFT) | (compactIndex << COMPACT_SHIFT)
                | (format << FORMAT_SHIFT) | sizeBits | typeFor(headerWords);
    }

    /** The header kind the VM gives an object of this size and compact index (VMM instantiateClass). */
    public static int headerWordsFor(int bodyWords, int compactIndex) {
        if ((bodyWords + 1) * 4 > MAX_SMALL_CHUNK_BYTES) {
            return 3;
        }
        return compactIndex != 0 ? 1 : 2;
    }
}
