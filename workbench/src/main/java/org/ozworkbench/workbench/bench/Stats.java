package org.ozworkbench.workbench.bench;

import java.util.Arrays;

/** Medians and percentiles of timings in nanoseconds. */
public record Stats(long[] samplesNanos) {

    public static Stats of(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    public double medianMillis() {
        int n = samplesNanos.length;
        long m = n % 2 == 1 ? samplesNanos[n / 2] : (samplesNanos[n / 2 - 1] + samplesNanos[n / 2]) / 2;
        return m / 1e6;
    }

    public double minMillis() {
        return samplesNanos[0] / 1e6;
    }

    public double maxMillis() {
        return samplesNanos[samplesNanos.length - 1] / 1e6;
    }

    public int count() {
        return samplesNanos.length;
    }
}
