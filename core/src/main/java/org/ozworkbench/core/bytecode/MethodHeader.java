package org.ozworkbench.core.bytecode;

/**
 * The header word of a V3 CompiledMethod (V3-FACTS section 7), decoded from the SmallInteger's
 * untagged value.
 *
 * <p>Every int decodes, and {@code decode(h).encode() == h} for every int {@code h}: the bits this
 * record does not interpret (29-31) are kept in {@link #otherBits()}. The S3 image reads bit 29 as
 * primitive +1024, the 3.x VM does not; {@link #primitiveIndex()} follows the VM.
 *
 * @param primitiveIndex 0..1023: bits 0-8 plus 512 for bit 28
 * @param numLiterals    0..255 (bits 9-16)
 * @param largeFrame     bit 17: the method needs a large context
 * @param numTemps       0..63 (bits 18-23), arguments included
 * @param numArgs        0..15 (bits 24-27)
 * @param otherBits      bits 29-31 of the header, in place; zero for headers made by {@link #of}
 */
public record MethodHeader(int primitiveIndex, int numLiterals, boolean largeFrame, int numTemps, int numArgs,
                           int otherBits) {

    private static final int PRIMITIVE_LOW_MASK = 0x1FF;
    private static final int PRIMITIVE_HIGH_BIT = 28;
    private static final int PRIMITIVE_HIGH_VALUE = 512;
    public static final int MAX_PRIMITIVE = 1023;
    private static final int LITERALS_SHIFT = 9;
    public static final int MAX_LITERALS = 255;
    private static final int LARGE_FRAME_BIT = 17;
    private static final int TEMPS_SHIFT = 18;
    public static final int MAX_TEMPS = 63;
    private static final int ARGS_SHIFT = 24;
    public static final int MAX_ARGS = 15;
    /** Bits 29-31: not interpreted here, kept for an exact round trip. */
    private static final int OTHER_BITS_MASK = 0xE000_0000;

    /** Quick primitives (V3-FACTS section 7): no bytecodes run. */
    public static final int FIRST_QUICK_PRIMITIVE = 256;
    public static final int QUICK_RETURN_INSTVAR = 264;
    public static final int LAST_QUICK_PRIMITIVE = 519;
    private static final String[] QUICK_CONSTANTS = {"^self", "^true", "^false", "^nil", "^-1", "^0", "^1", "^2"};

    private static final int BYTES_PER_WORD = 4;

    public MethodHeader {
        checkRange("primitiveIndex", primitiveIndex, MAX_PRIMITIVE);
        checkRange("numLiterals", numLiterals, MAX_LITERALS);
        checkRange("numTemps", numTemps, MAX_TEMPS);
        checkRange("numArgs", numArgs, MAX_ARGS);
        if ((otherBits & ~OTHER_BITS_MASK) != 0) {
            throw new IllegalArgumentException(
                    "otherBits may only hold bits 29-31 of the header, got 0x" + Integer.toHexString(otherBits));
        }
    }

    /**
     * A header for a new method.
     *
     * @throws IllegalArgumentException if a field is out of range or numTemps &lt; numArgs
     */
    public static MethodHeader of(int numArgs, int numTemps, int numLiterals, int primitive, boolean largeFrame) {
        MethodHeader header = new MethodHeader(primitive, numLiterals, largeFrame, numTemps, numArgs, 0);
        if (numTemps < numArgs) {
            throw new IllegalArgumentException(
                    "numTemps counts the arguments too, so it must be >= numArgs " + numArgs + ", got " + numTemps);
        }
        return header;
    }

    /** The primitive index a header SmallInteger value names (0 for none), without decoding the rest. */
    public static int primitiveIndexOf(int header) {
        return (header & PRIMITIVE_LOW_MASK) + (bit(header, PRIMITIVE_HIGH_BIT) ? PRIMITIVE_HIGH_VALUE : 0);
    }

    /** Decodes a header SmallInteger value; never fails. */
    public static MethodHeader decode(int header) {
        return new MethodHeader(
                primitiveIndexOf(header),
                (header >>> LITERALS_SHIFT) & MAX_LITERALS,
                bit(header, LARGE_FRAME_BIT),
                (header >>> TEMPS_SHIFT) & MAX_TEMPS,
                (header >>> ARGS_SHIFT) & MAX_ARGS,
                header & OTHER_BITS_MASK);
    }

    /** The header SmallInteger value (untagged). */
    public int encode() {
        return (primitiveIndex & PRIMITIVE_LOW_MASK)
                | (primitiveIndex >= PRIMITIVE_HIGH_VALUE ? 1 << PRIMITIVE_HIGH_BIT : 0)
                | numLiterals << LITERALS_SHIFT
                | (largeFrame ? 1 << LARGE_FRAME_BIT : 0)
                | numTemps << TEMPS_SHIFT
                | numArgs << ARGS_SHIFT
                | otherBits;
    }

    /** 1-based pc of the first bytecode, counting from the header word's first byte. */
    public int initialPc() {
        return BYTES_PER_WORD * (numLiterals + 1) + 1;
    }

    /** Temporaries that are not arguments. */
    public int numNonArgTemps() {
        return Math.max(0, numTemps - numArgs);
    }

    /** True for the quick primitives 256..519, which answer without running bytecodes. */
    public boolean isQuick() {
        return primitiveIndex >= FIRST_QUICK_PRIMITIVE && primitiveIndex <= LAST_QUICK_PRIMITIVE;
    }

    /**
     * What a quick method answers: {@code ^self}, {@code ^true}, … {@code ^2}, {@code ^instVar 3}.
     *
     * @throws IllegalStateException if the method is not quick
     */
    public String quickDescription() {
        if (!isQuick()) {
            throw new IllegalStateException("primitive " + primitiveIndex + " is not a quick primitive");
        }
        if (primitiveIndex < QUICK_RETURN_INSTVAR) {
            return QUICK_CONSTANTS[primitiveIndex - FIRST_QUICK_PRIMITIVE];
        }
        return "^instVar " + (primitiveIndex - QUICK_RETURN_INSTVAR);
    }

    private static boolean bit(int value, int bit) {
        return (value & (1 << bit)) != 0;
    }

    private static void checkRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be in 0.." + max + ", got " + value);
        }
    }
}
