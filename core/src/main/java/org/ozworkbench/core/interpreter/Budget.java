package org.ozworkbench.core.interpreter;

import java.time.Duration;

/**
 * How much a run may do before the host takes control back: a number of bytecodes, a time, or
 * both (whichever ends first). {@link #unlimited()} runs until the guest idles, completes or is
 * interrupted.
 */
public record Budget(long bytecodes, Duration time) {
    public Budget {
        if (bytecodes <= 0) {
            throw new IllegalArgumentException("a bytecode budget must be positive, not " + bytecodes);
        }
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("a time budget must be positive, not " + time);
        }
    }

    public static Budget bytecodes(long n) {
        return new Budget(n, ChronoMax.DURATION);
    }

    public static Budget time(Duration time) {
        return new Budget(Long.MAX_VALUE, time);
    }

    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, ChronoMax.DURATION);
    }

    /** Both limits: the run ends when either is reached. */
    public Budget and(Duration limit) {
        return new Budget(bytecodes, limit.compareTo(time) < 0 ? limit : time);
    }

    long timeNanos() {
        return time == ChronoMax.DURATION ? Long.MAX_VALUE : time.toNanos();
    }

    @Override
    public String toString() {
        String b = bytecodes == Long.MAX_VALUE ? null : bytecodes + " bytecodes";
        String t = time == ChronoMax.DURATION ? null : time.toMillis() + " ms";
        return b == null && t == null ? "unlimited" : b == null ? t : t == null ? b : b + " or " + t;
    }

    private static final class ChronoMax {
        static final Duration DURATION = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);
    }
}
