package org.ozworkbench.core.interpreter;

import java.math.BigInteger;
import org.ozworkbench.core.memory.GuestHeap;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * Guest integers as host {@link BigInteger}s and back: a SmallInteger when the value fits, else
 * a LargePositiveInteger or LargeNegativeInteger holding the magnitude's bytes, least
 * significant first, with no leading zero byte (the guest's normalized form).
 */
final class LargeIntegers {
    /** The compact class indexes the real VM takes for granted when it reads a magnitude (see {@link #magnitude64}). */
    private static final int POSITIVE_COMPACT_INDEX = 5;
    private static final int NEGATIVE_COMPACT_INDEX = 4;
    private static final int MAX_BYTES_64 = 8;
    private static final BigInteger MAX_MAGNITUDE_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN_SIGNED_64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_SIGNED_64 = BigInteger.valueOf(Long.MAX_VALUE);

    private final GuestHeap heap;
    private final GuestObject positive;
    private final GuestObject negative;

    LargeIntegers(GuestHeap heap, GuestObject positive, GuestObject negative) {
        this.heap = heap;
        this.positive = positive;
        this.negative = negative;
    }

    /** The integer a guest value stands for, or null when it is no integer. */
    BigInteger valueOf(Object value) {
        if (value instanceof Integer i) {
            return BigInteger.valueOf(i);
        }
        if (!(value instanceof GuestObject o) || !o.isBytes() || o.isCompiledMethod()
                || (o.cls() != positive && (negative == null || o.cls() != negative))) {
            return null;
        }
        byte[] bytes = o.bytes();
        int n = o.byteCount();
        byte[] bigEndian = new byte[n + 1];
        for (int i = 0; i < n; i++) {
            bigEndian[n - i] = bytes[i];
        }
        BigInteger magnitude = new BigInteger(bigEndian);
        return o.cls() == positive ? magnitude : magnitude.negate();
    }

    /**
     * The real VM's signed64BitValueOf: a SmallInteger, or a LargePositive/NegativeInteger of at
     * most 8 bytes whose value fits a signed 64-bit integer; null otherwise (the primitive fails).
     */
    BigInteger signed64(Object value) {
        BigInteger v = valueOf(value);
        if (v == null || (value instanceof GuestObject o && o.byteCount() > MAX_BYTES_64)
                || v.compareTo(MIN_SIGNED_64) < 0 || v.compareTo(MAX_SIGNED_64) > 0) {
            return null;
        }
        return v;
    }

    /**
     * The real VM's isNegativeIntegerValueOf + magnitude64BitValueOf, as the arithmetic and shift
     * primitives read their operands: a SmallInteger, or a large integer of at most 8 bytes whose
     * header carries the compact class index Squeak normally gives its class (5 positive, 4
     * negative). The VM tests that index, not the class, so in images where LargeNegativeInteger
     * is not compact (Scratch, the Squeak 2.2 images) a negative large operand fails.
     */
    BigInteger magnitude64(Object value) {
        if (value instanceof Integer i) {
            return BigInteger.valueOf(i);
        }
        if (!(value instanceof GuestObject o) || o.byteCount() > MAX_BYTES_64) {
            return null;
        }
        boolean standardCompact = (o.cls() == positive && o.compactIndex() == POSITIVE_COMPACT_INDEX)
                || (negative != null && o.cls() == negative && o.compactIndex() == NEGATIVE_COMPACT_INDEX);
        return standardCompact ? valueOf(value) : null;
    }

    /**
     * The real VM's positive64BitValueOf, as the bit-logic primitives read their operands: a
     * SmallInteger not below 0 or a LargePositiveInteger of at most 8 bytes.
     */
    BigInteger positive64(Object value) {
        BigInteger v = valueOf(value);
        if (v == null || v.signum() < 0 || (value instanceof GuestObject o && (o.cls() != positive || o.byteCount() > MAX_BYTES_64))) {
            return null;
        }
        return v;
    }

    /** Whether a magnitude fits the 64 bits the real VM computes the arithmetic primitives in. */
    static boolean fits64(BigInteger v) {
        return v.abs().compareTo(MAX_MAGNITUDE_64) <= 0;
    }

    /** Whether {@code large} is a LargeNegativeInteger. */
    boolean isNegativeClass(GuestObject large) {
        return negative != null && large.cls() == negative;
    }

    /**
     * A large integer of exactly {@code size} bytes holding {@code magnitude} (zero bytes on
     * top: not normalized), positive or negative; null when the image lacks the class.
     */
    GuestObject unnormalized(BigInteger magnitude, boolean negativeClass, int size) {
        GuestObject cls = negativeClass ? negative : positive;
        if (cls == null) {
            return null;
        }
        byte[] bigEndian = magnitude.toByteArray();
        byte[] littleEndian = new byte[size];
        for (int i = 0; i < size && i < bigEndian.length; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return heap.newBytes(cls, littleEndian);
    }

    /** The guest integer for {@code v}; null when it needs a LargeNegativeInteger the image lacks. */
    Object of(BigInteger v) {
        if (v.bitLength() <= 31) {
            long l = v.longValue();
            if (l >= ObjectMemory.SMALL_INTEGER_MIN && l <= ObjectMemory.SMALL_INTEGER_MAX) {
                return (int) l;
            }
        }
        GuestObject cls = v.signum() < 0 ? negative : positive;
        if (cls == null) {
            return null;
        }
        byte[] bigEndian = v.abs().toByteArray();
        int start = bigEndian[0] == 0 ? 1 : 0;
        int n = bigEndian.length - start;
        byte[] littleEndian = new byte[n];
        for (int i = 0; i < n; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return heap.newBytes(cls, littleEndian);
    }
}
