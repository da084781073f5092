package org.ozworkbench.core.compiler.parser;

/**
 * The two spellings of Smalltalk-80 the parser reads. They differ in two places only.
 */
public enum Dialect {
    /**
     * Squeak 2.2 to 3.x, the default. An underscore is always the assignment arrow, never part of
     * a name ({@code a_b} is {@code a := b}). A float literal gets the value Squeak's
     * {@code Number readFrom:} gives it: {@code intPart asFloat + (fractionDigits asFloat /
     * (base raisedTo: n))}, then times {@code base raisedTo: exponent}, rounding at each step, with
     * large integers converted as Squeak 2.2-3.8's {@code LargePositiveInteger>>asFloat} does
     * ({@code 1.14} is 1.1400000000000001 there).
     */
    SQUEAK(false, true),
    /**
     * Pharo (Candle): an underscore is a letter, and float literals are rounded once, exactly.
     */
    PHARO(true, false);

    private final boolean underscoreIsLetter;
    private final boolean stepwiseFloats;

    Dialect(boolean underscoreIsLetter, boolean stepwiseFloats) {
        this.underscoreIsLetter = underscoreIsLetter;
        this.stepwiseFloats = stepwiseFloats;
    }

    /** Whether {@code _} is a letter; if not, it is the assignment arrow. */
    public boolean underscoreIsLetter() {
        return underscoreIsLetter;
    }

    /** Whether float literals are computed step by step as Squeak 3 does, instead of exactly rounded. */
    public boolean stepwiseFloats() {
        return stepwiseFloats;
    }
}
