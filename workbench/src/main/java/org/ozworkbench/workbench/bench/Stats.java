package org.ozworkbench.workbench.bench;

import java.util.Arrays;

/** Medians and percentiles of timings in nanoseconds. */
public record Stats(long[] samplesNanos) {

    public static Stats of(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    /** {@code round} once to warm up, then {@code rounds} times, each answering the nanoseconds it measured. */
    static Stats ofRounds(int rounds, java.util.function.LongSupplier round) {
        round.getAsLong();
        long[] t = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            t[i] = round.getAsLong();
        }
        return of(t);
    }

    public double medianMillis() {
        int n = samplesNanos.length;
        long m = n % 2 == 1 ? samplesNanos[n / 2] : (samplesNanos[n / 2 - 1] + samplesNanos[n / 2]) / 2;
        return m / 1e6;
    }

    /** The sample at or below which a fraction {@code p} (0..1) of the samples lie (nearest rank). */
    public double percentileMillis(double p) {
        int rank = (int) Math.ceil(p * samplesNanos.length);
        return samplesNanos[Math.max(0, Math.min(samplesNanos.length - 1, rank - 1))] / 1e6;
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
