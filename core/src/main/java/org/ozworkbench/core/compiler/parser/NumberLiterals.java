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
        double d = dialect.stepwiseFloats()
                ? stepwise(radix, integerPart, fraction, fractionDigits, exp)
                : Double.NaN;
        if (Double.isNaN(d)) {
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
     * Squeak 3's {@code Number readRemainderOf:from:base:withSign:}: {@code integerPart asFloat +
     * (fraction asFloat / (base raisedTo: digits))}, then times {@code base raisedTo: exponent}
     * (a Fraction when negative, whose {@code asFloat} is {@code 1.0 / base^-exponent}). NaN when
     * one of the integers is not exactly a double, so that the outcome would depend on how the
     * guest converts large integers.
     */
    private static double stepwise(BigInteger radix, BigInteger integerPart, BigInteger fraction, int fractionDigits,
                                   int exponent) {
        double whole = exactDouble(integerPart);
        double digits = exactDouble(fraction);
        double divisor = exactDouble(radix.pow(fractionDigits));
        double scale = exactDouble(radix.pow(Math.abs(exponent)));
        if (Double.isNaN(whole) || Double.isNaN(digits) || Double.isNaN(divisor) || Double.isNaN(scale)) {
            return Double.NaN;
        }
        double value = whole + digits / divisor;
        if (exponent > 0) {
            value = value * scale;
        } else if (exponent < 0) {
            value = value * (1.0 / scale);
        }
        return value;
    }

    /** {@code n} as a double if that is exact, else NaN. */
    private static double exactDouble(BigInteger n) {
        int significant = n.signum() == 0 ? 0 : n.bitLength() - n.getLowestSetBit();
        return significant <= SIGNIFICAND_BITS && n.bitLength() <= Double.MAX_EXPONENT ? n.doubleValue() : Double.NaN;
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
