package org.ozworkbench.core.interpreter;

/** The guest's millisecond clock: milliseconds since the host started it, kept within SmallInteger range as the VM's wraps. */
final class Clock {
    private static final long START = System.nanoTime();
    /** The VM's millisecond clock wraps at 2^29. */
    static final int MASK = 0x1FFFFFFF;

    private Clock() {
    }

    static long millis() {
        return (System.nanoTime() - START) / 1_000_000L;
    }

    static int guestMillis() {
        return (int) (millis() & MASK);
    }
}
