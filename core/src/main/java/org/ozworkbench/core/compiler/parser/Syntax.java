package org.ozworkbench.core.compiler.parser;

import java.util.Set;

/** The fixed words and character classes of the Smalltalk syntax the parser reads, in one place. */
public final class Syntax {
    /** The selector of a parsed doIt. */
    public static final String DOIT_SELECTOR = "DoIt";

    /** Variables the parser knows; they cannot be assigned. */
    public static final Set<String> PSEUDO_VARIABLES = Set.of("self", "super", "thisContext", "true", "false", "nil");

    /** The names that are constants (not Symbols) inside a literal array or as a pragma argument. */
    public static final Set<String> LITERAL_CONSTANTS = Set.of("true", "false", "nil");

    /**
     * The characters binary selectors are made of. As in Squeak 2.2/3.x, {@code -} only ever begins
     * a binary selector ({@code 3--2} is {@code 3 - -2}) and {@code |} is always a selector of its
     * own ({@code ||} is two bars, as in {@code [:x || t | ...]}).
     */
    static final String BINARY_CHARACTERS = "+-*/\\<>=~@%|&?,";

    /**
     * Characters that make a one-character Symbol after {@code #} ({@code #]}, {@code #_}...), as
     * Squeak 2.x/3.x scan them; {@code #(} and {@code #[} are not among them.
     */
    static final String DELIMITER_SYMBOLS = ")]{}.;^_:";

    /** Letters that start a number's exponent: {@code 1e10}, and Squeak 3's ANSI {@code 1d10}, {@code 1q10}. */
    static final String EXPONENT_LETTERS = "edq";

    /** The letter of a scaled decimal: {@code 3.14s2}. */
    static final char SCALE_LETTER = 's';

    /** The letter between radix and digits: {@code 16r1F}. */
    static final char RADIX_LETTER = 'r';

    static final int MIN_RADIX = 2;
    static final int MAX_RADIX = 36;

    /** Exponents beyond this are refused rather than computed ({@code 1e100000} is already 41 kB). */
    static final int MAX_EXPONENT = 100_000;

    /** Byte array elements are integers in 0..255. */
    static final int MAX_BYTE = 255;

    private Syntax() {
    }

    static boolean isBinaryCharacter(char c) {
        return BINARY_CHARACTERS.indexOf(c) >= 0;
    }

    static boolean isDecimalDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** 0-9 for {@code 0}-{@code 9}, 10-35 for {@code A}-{@code Z}, -1 otherwise (Squeak 3's {@code digitValue}). */
    static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
