package org.ozworkbench.workbench.bench;

/**
 * What the benchmarks' workloads share: counts made of whole batches (surgeries of so many
 * stores or methods), and the SmallInteger values stored (a counter, so consecutive stores never
 * store the same value). Not thread-safe.
 */
final class Workload {
    private int value;

    private Workload() {
    }

    static Workload counting() {
        return new Workload();
    }

    /** The next value to store: 1, 2, ... wrapping well inside the SmallInteger range. */
    int next() {
        value = (value + 1) & 0xF_FFFF;
        return value;
    }

    /** Refuses a count that is not a positive whole number of batches. */
    static void requireWholeBatches(String what, int count, String batchWhat, int batch) {
        if (batch < 1 || count < batch || count % batch != 0) {
            throw new IllegalArgumentException(what + " (" + count + ") must be a positive multiple of the " + batchWhat
                    + " (" + batch + ")");
        }
    }
}
