package org.ozworkbench.core.compiler.ast;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** The value of a literal, as the source spells it (before it becomes a guest object). */
public sealed interface LiteralValue {

    /** An integer of any size ({@code 3}, {@code -7}, {@code 16r1F}, {@code 1e10}). */
    record IntegerValue(BigInteger value) implements LiteralValue {
    }

    /** A floating-point number ({@code 1.5}, {@code 2.0e-3}, {@code -0.5}). */
    record FloatValue(double value) implements LiteralValue {
    }

    /** A scaled decimal ({@code 3.14s2}): numerator / denominator with a scale. */
    record ScaledDecimalValue(BigInteger numerator, BigInteger denominator, int scale) implements LiteralValue {
    }

    /** A character ({@code $a}). */
    record CharacterValue(char value) implements LiteralValue {
    }

    /** A string ({@code 'it''s'} is {@code it's}). */
    record StringValue(String value) implements LiteralValue {
    }

    /** A symbol ({@code #foo:bar:}, {@code #+}, {@code #'with space'}; bare words inside a literal array). */
    record SymbolValue(String value) implements LiteralValue {
    }

    /** {@code true}, {@code false} or {@code nil} inside a literal array. */
    record ConstantValue(String name) implements LiteralValue {
    }

    /** A literal array {@code #(1 $a 'b' #c d (e f))}. */
    record ArrayValue(List<LiteralValue> elements) implements LiteralValue {
        public ArrayValue {
            elements = List.copyOf(elements);
        }
    }

    /** A byte array {@code #[1 2 255]}. */
    record ByteArrayValue(byte[] bytes) implements LiteralValue {
        public ByteArrayValue {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteArrayValue b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ByteArrayValue" + Arrays.toString(bytes);
        }
    }
}
