package org.ozworkbench.core.compiler.conformance;

import java.time.Duration;

/**
 * Where the guest spent its time, by its own clock ({@code Time millisecondClockValue} deltas).
 *
 * @param decompile the Decompiler, over every method
 * @param compile   the Compiler: parse and generate, over every decompiled method
 * @param guest     the whole walk, writing the corpus file included
 */
public record GuestTimings(Duration decompile, Duration compile, Duration guest) {

    /** Decompile plus compile: the guest's own round trip. */
    public Duration roundTrip() {
        return decompile.plus(compile);
    }

    @Override
    public String toString() {
        return String.format("decompile %.1f s, compile+generate %.1f s, whole walk %.1f s (guest clock)",
                decompile.toMillis() / 1000.0, compile.toMillis() / 1000.0, guest.toMillis() / 1000.0);
    }
}
