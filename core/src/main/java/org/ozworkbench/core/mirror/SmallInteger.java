package org.ozworkbench.core.mirror;

/** An immediate SmallInteger: 31 bits, -2^30 .. 2^30-1. */
public record SmallInteger(int value) implements GuestValue {
    public static final int MIN = -(1 << 30);
    public static final int MAX = (1 << 30) - 1;

    public SmallInteger {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException(value + " is outside the SmallInteger range " + MIN + ".." + MAX);
        }
    }

    public static SmallInteger of(int value) {
        return new SmallInteger(value);
    }

    public static boolean fits(long value) {
        return value >= MIN && value <= MAX;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
