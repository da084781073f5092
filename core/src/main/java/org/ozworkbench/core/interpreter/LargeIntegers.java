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
