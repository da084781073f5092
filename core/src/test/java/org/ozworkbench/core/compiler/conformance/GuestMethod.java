package org.ozworkbench.core.compiler.conformance;

import java.util.Optional;

/**
 * One method of the image and what the guest's own tools made of it, inside the real VM: the
 * Decompiler's source, then what the Compiler made of that source. Exactly one of {@link #source()}
 * and {@link #decompileError()} is present; when there is a source, exactly one of
 * {@link #compiled()} and {@link #compileError()} is, otherwise neither; {@link #roundTrip()} is
 * present exactly when {@link #compiled()} is.
 *
 * @param className      the instance-side class name ("Array" for both Array and Array class)
 * @param isMeta         true for a method of the metaclass
 * @param selector       the selector
 * @param original       the method as the image holds it (for a {@link #patchedByHost()} method: our replacement)
 * @param patchedByHost  true when the host replaced this method before the boot (Squeak 2.2's numbered
 *                       file primitives, see {@code NamedFilePrimitives}): it is ours, not the image's
 * @param source         the guest Decompiler's printString of the method
 * @param decompileError the guest error that stopped decompiling
 * @param compiled       what the guest Compiler generated from {@link #source()}, with a 0 0 0 0 trailer
 * @param compileError   the guest compiler's complaint ({@code position: message ->}) or the guest error
 * @param roundTrip      the guest's own verdict on {@link #compiled()} against the original, compared
 *                       there object by object: {@value #SAME_ROUND_TRIP}, or the first way it differs
 *                       ({@code literalCount}, {@code bytecodes}, {@code literal <index>}, {@code header})
 */
public record GuestMethod(String className, boolean isMeta, String selector, GuestCode original,
                          boolean patchedByHost, Optional<String> source, Optional<String> decompileError,
                          Optional<GuestCode> compiled, Optional<String> compileError, Optional<String> roundTrip) {

    static final String META_SUFFIX = " class";
    static final String SAME_ROUND_TRIP = "same";

    public GuestMethod {
        if (source.isPresent() == decompileError.isPresent()) {
            throw new IllegalArgumentException(key() + ": needs either a source or a decompile error");
        }
        if (source.isPresent() && compiled.isPresent() == compileError.isPresent()) {
            throw new IllegalArgumentException(key() + ": needs either a compiled method or a compile error");
        }
        if (source.isEmpty() && (compiled.isPresent() || compileError.isPresent())) {
            throw new IllegalArgumentException(key() + ": compiled without a source");
        }
        if (roundTrip.isPresent() != compiled.isPresent()) {
            throw new IllegalArgumentException(key() + ": needs a round-trip verdict exactly when compiled");
        }
    }

    /** The class as the guest names it: "Array" or "Array class". */
    public String qualifiedClassName() {
        return isMeta ? className + META_SUFFIX : className;
    }

    /** "Array class>>new:", unique within an image's corpus. */
    public String key() {
        return key(qualifiedClassName(), selector);
    }

    static String key(String qualifiedClassName, String selector) {
        return qualifiedClassName + ">>" + selector;
    }

    public boolean isDecompiled() {
        return source.isPresent();
    }

    public boolean isRecompiled() {
        return compiled.isPresent();
    }

    /** True when the guest's own decompile and recompile gave the original method back, as the guest judged it. */
    public boolean guestRoundTripIsSame() {
        return roundTrip.filter(SAME_ROUND_TRIP::equals).isPresent();
    }
}
