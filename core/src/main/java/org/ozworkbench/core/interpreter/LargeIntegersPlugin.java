package org.ozworkbench.core.interpreter;

import java.math.BigInteger;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * The named primitives of the real VM's LargeIntegers plugin that answer differently from the
 * Smalltalk code they stand in for; the others fail, so that code runs. The plugin takes its
 * operands as they are, normalized or not: {@code primDigitCompare} answers by the kind of the
 * two integers (a SmallInteger is smaller in magnitude than any large one) and, for two large
 * ones, by their byte counts before their digits; {@code primDigitDivNegative} (which refuses
 * unnormalized large operands) turns SmallInteger operands into large ones first and answers
 * quotient and remainder unnormalized. Images meet
 * the difference when they compare such a remainder with 0 (Scratch answers {@code 30 factorial
 * / 28 factorial} as the Float 870.0, and {@code 0 / (2 raisedTo: 40)} as 0.0, because of it).
 */
final class LargeIntegersPlugin {
    static final String MODULE = "LargeIntegers";
    private static final BigInteger SMALL_MIN = BigInteger.valueOf(ObjectMemory.SMALL_INTEGER_MIN);
    private static final BigInteger SMALL_MAX = BigInteger.valueOf(ObjectMemory.SMALL_INTEGER_MAX);

    private final Interpreter vm;
    private final LargeIntegers largeIntegers;

    LargeIntegersPlugin(Interpreter vm, LargeIntegers largeIntegers) {
        this.vm = vm;
        this.largeIntegers = largeIntegers;
    }

    /** Runs the plugin's {@code function}; answers whether it succeeded. */
    boolean call(String function, int argCount) {
        if (function.equals("primDigitCompare")) {
            return digitCompare(argCount);
        }
        if (function.equals("primDigitDivNegative")) {
            return digitDivNegative(argCount);
        }
        return false;
    }

    /**
     * {@code first digitDiv: second neg: aBoolean}: an Array of quotient and remainder of the
     * magnitudes. A SmallInteger operand becomes a large integer of its sign holding its
     * magnitude in 1 to 4 bytes. When the first has fewer bytes than the second, the answer is 0
     * and the first (as a large integer); otherwise the quotient has the difference of their byte
     * counts plus one bytes and the class the flag says, and the remainder the first's class and
     * its significant bytes (at least one).
     */
    private boolean digitDivNegative(int argCount) {
        if (argCount != 2 || (vm.top() != vm.memory.trueObject() && vm.top() != vm.memory.falseObject())) {
            return false;
        }
        boolean negativeQuotient = vm.top() == vm.memory.trueObject();
        Object firstValue = vm.stackValue(2);
        Object secondValue = vm.stackValue(1);
        BigInteger a = largeIntegers.valueOf(firstValue);
        BigInteger b = largeIntegers.valueOf(secondValue);
        if (a == null || b == null || b.signum() == 0 || !isNormalized(firstValue, a) || !isNormalized(secondValue, b)) {
            return false;
        }
        GuestObject first = asLarge(firstValue, a);
        GuestObject second = asLarge(secondValue, b);
        if (first == null || second == null) {
            return false;
        }
        int quotientSize = first.byteCount() - second.byteCount() + 1;
        Object quotient;
        Object remainder;
        if (quotientSize <= 0) {
            quotient = 0;
            remainder = first;
        } else {
            BigInteger[] qr = a.abs().divideAndRemainder(b.abs());
            quotient = largeIntegers.unnormalized(qr[0], negativeQuotient, quotientSize);
            remainder = largeIntegers.unnormalized(qr[1], largeIntegers.isNegativeClass(first), byteLength(qr[1]));
            if (quotient == null || remainder == null) {
                return false;
            }
        }
        vm.popThenPush(3, vm.heap.newPointers(vm.arrayClass, 2, new Object[] {quotient, remainder}));
        return true;
    }

    /** A SmallInteger, or a large integer without a zero byte on top and outside the SmallInteger range. */
    private static boolean isNormalized(Object value, BigInteger v) {
        if (value instanceof Integer) {
            return true;
        }
        GuestObject large = (GuestObject) value;
        int n = large.byteCount();
        return n > 0 && large.bytes()[n - 1] != 0 && (v.compareTo(SMALL_MIN) < 0 || v.compareTo(SMALL_MAX) > 0);
    }

    private static int byteLength(BigInteger magnitude) {
        return Math.max(1, (magnitude.bitLength() + 7) / 8);
    }

    /** The large integer itself, or a SmallInteger as the plugin makes it large: its sign's class, 1 to 4 bytes. */
    private GuestObject asLarge(Object value, BigInteger v) {
        if (value instanceof GuestObject large) {
            return large;
        }
        BigInteger magnitude = v.abs();
        return largeIntegers.unnormalized(magnitude, v.signum() < 0, byteLength(magnitude));
    }

    private boolean digitCompare(int argCount) {
        if (argCount != 1) {
            return false;
        }
        Object first = vm.stackValue(1);
        Object second = vm.top();
        BigInteger a = largeIntegers.valueOf(first);
        BigInteger b = largeIntegers.valueOf(second);
        if (a == null || b == null) {
            return false;
        }
        int answer;
        if (first instanceof Integer x && second instanceof Integer y) {
            answer = Integer.compare(x, y);
        } else if (first instanceof Integer) {
            answer = -1;
        } else if (second instanceof Integer) {
            answer = 1;
        } else {
            answer = compareDigits((GuestObject) first, (GuestObject) second);
        }
        vm.popThenPush(2, answer);
        return true;
    }

    /** By byte count, then byte by byte from the most significant, as the plugin compares two large integers. */
    private static int compareDigits(GuestObject first, GuestObject second) {
        int firstLength = first.byteCount();
        int secondLength = second.byteCount();
        if (firstLength != secondLength) {
            return secondLength > firstLength ? -1 : 1;
        }
        byte[] x = first.bytes();
        byte[] y = second.bytes();
        for (int i = firstLength - 1; i >= 0; i--) {
            int c = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
