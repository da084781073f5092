package org.ozworkbench.core.compiler.parser;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.ozworkbench.core.compiler.ast.LiteralValue;

/**
 * The value of a number literal from its parts: {@code [radix r][-]digits[.fraction][s scale |
 * e exponent]}. Integers and scaled decimals are exact; floats are rounded as the dialect says.
 */
final class NumberLiterals {
    /** A SmallInteger of a 32-bit image has 31 bits: -2^30 .. 2^30-1 (bitLength at most 30). */
    private static final int SMALL_INTEGER_BITS = 30;
    /** How many of its most significant bytes Squeak's LargePositiveInteger>>asFloat looks at. */
    private static final int LARGE_INTEGER_SIGNIFICANT_BYTES = 7;
    /** Bits of a double's significand. */
    private static final int SIGNIFICAND_BITS = 53;
    /** Quotients at or beyond this binary magnitude are divided in decimal instead (subnormal or overflow range). */
    private static final int EXTREME_MAGNITUDE = 1000;
    /** Decimal digits kept when dividing in the extreme ranges. */
    private static final MathContext EXTREME_PRECISION = new MathContext(800);

    private NumberLiterals() {
    }

    /**
     * @param fraction       the digits after the point as an integer, or null when there is no point
     * @param scale          the scale of a scaled decimal, or null when it is not one
     * @param exponent       the exponent, or null
     */
    static LiteralValue value(Dialect dialect, int base, boolean negative, BigInteger integerPart,
                              BigInteger fraction, int fractionDigits, Integer scale, Integer exponent) {
        BigInteger radix = BigInteger.valueOf(base);
        if (scale != null) {
            BigInteger denominator = radix.pow(fractionDigits);
            BigInteger numerator = integerPart.multiply(denominator).add(fraction == null ? BigInteger.ZERO : fraction);
            BigInteger gcd = numerator.gcd(denominator);
            if (gcd.signum() != 0) {
                numerator = numerator.divide(gcd);
                denominator = denominator.divide(gcd);
            }
            return new LiteralValue.ScaledDecimalValue(negative ? numerator.negate() : numerator, denominator, scale);
        }
        int exp = exponent == null ? 0 : exponent;
        if (fraction == null) {
            if (exp >= 0) {
                BigInteger value = integerPart.multiply(radix.pow(exp));
                return new LiteralValue.IntegerValue(negative ? value.negate() : value);
            }
            // Squeak 3 answers a Fraction here (2e-2 is 1/50); the AST has no fractions, so a
            // non-integral one becomes the Float nearest to it.
            BigInteger[] qr = integerPart.divideAndRemainder(radix.pow(-exp));
            if (qr[1].signum() == 0) {
                return new LiteralValue.IntegerValue(negative ? qr[0].negate() : qr[0]);
            }
            double d = exactlyRounded(integerPart, radix.pow(-exp));
            return new LiteralValue.FloatValue(negative ? -d : d);
        }
        double d;
        if (dialect.stepwiseFloats()) {
            d = stepwise(radix, integerPart, fraction, fractionDigits, exp);
        } else {
            BigInteger denominator = radix.pow(fractionDigits);
            BigInteger numerator = integerPart.multiply(denominator).add(fraction);
            if (exp >= 0) {
                numerator = numerator.multiply(radix.pow(exp));
            } else {
                denominator = denominator.multiply(radix.pow(-exp));
            }
            d = exactlyRounded(numerator, denominator);
        }
        return new LiteralValue.FloatValue(negative ? -d : d);
    }

    /**
     * Squeak's {@code Number readRemainderOf:from:base:} (2.2 to 3.8): {@code integerPart asFloat +
     * (fraction asFloat / (base raisedTo: digits))}, then times {@code base raisedTo: exponent} (a
     * Fraction when negative, whose {@code asFloat} is {@code numerator asFloat / denominator
     * asFloat}). Every step rounds, and large integers convert as {@link #squeakAsFloat} says.
     */
    private static double stepwise(BigInteger radix, BigInteger integerPart, BigInteger fraction, int fractionDigits,
                                   int exponent) {
        double value = squeakAsFloat(integerPart)
                + squeakAsFloat(fraction) / squeakAsFloat(radix.pow(fractionDigits));
        if (exponent > 0) {
            value = value * squeakAsFloat(radix.pow(exponent));
        } else if (exponent < 0) {
            value = value * (1.0 / squeakAsFloat(radix.pow(-exponent)));
        }
        return value;
    }

    /**
     * Squeak's {@code Integer asFloat} up to 3.8: a SmallInteger converts exactly; a
     * LargePositiveInteger keeps only its 7 most significant bytes, added up from the lowest in
     * floating point ({@code sum := (byte asFloat timesTwoPower: shift) + sum}), then scaled by the
     * bytes dropped. So {@code 10 raisedTo: 308} becomes a little less than the nearest double.
     */
    static double squeakAsFloat(BigInteger n) {
        if (n.bitLength() <= SMALL_INTEGER_BITS) {
            return n.doubleValue();
        }
        byte[] bigEndian = n.abs().toByteArray();
        int leadingZero = bigEndian[0] == 0 ? 1 : 0;
        int size = bigEndian.length - leadingZero;
        int firstByte = Math.max(size - LARGE_INTEGER_SIGNIFICANT_BYTES, 1);
        double sum = 0.0;
        int shift = 0;
        for (int index = firstByte; index <= size; index++) {
            int digit = bigEndian[bigEndian.length - index] & 0xFF;
            sum = Math.scalb((double) digit, shift) + sum;
            shift += Byte.SIZE;
        }
        return Math.scalb(sum * n.signum(), (firstByte - 1) * Byte.SIZE);
    }

    /** The double nearest to {@code numerator / denominator} (both non-negative, ties to even). */
    static double exactlyRounded(BigInteger numerator, BigInteger denominator) {
        if (numerator.signum() == 0) {
            return 0.0;
        }
        int magnitude = numerator.bitLength() - denominator.bitLength();
        if (Math.abs(magnitude) >= EXTREME_MAGNITUDE) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator), EXTREME_PRECISION).doubleValue();
        }
        // A quotient of 55 or 56 bits, its last bit made sticky when the division is inexact:
        // converting that long to double then rounds exactly once, and scaling by 2^-shift is exact
        // in the normal range.
        int shift = SIGNIFICAND_BITS + 2 - magnitude;
        BigInteger n = shift >= 0 ? numerator.shiftLeft(shift) : numerator;
        BigInteger d = shift >= 0 ? denominator : denominator.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        long bits = qr[0].longValueExact();
        if (qr[1].signum() != 0) {
            bits |= 1;
        }
        return Math.scalb((double) bits, -shift);
    }
}
