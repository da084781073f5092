package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ozworkbench.core.compiler.ast.LiteralValue;

/**
 * What a method's compiled form needs that its source cannot say, for a kernel spec whose methods
 * must compile back to an image's own bytes: the order of the literal frame, where the image's
 * compiler ordered it by hashes of its own Symbols (Candle's inlined selectors), and the value of a
 * Float literal no source spells (Candle's infinity, whose source reads the largest Float).
 *
 * <p>Its notation, one line per hint, is {@code Class>>selector literals 0 1 2 4 3 5} (the frame our
 * compiler makes from the source, in the original's order: the original's literal {@code i} is our
 * literal at the {@code i}th place) and {@code Class>>selector float 19 16r7FF0000000000000} (literal
 * 19 is the Float of those IEEE 754 bits).
 *
 * @param literalOrder our compiler's literal indices in the original's order; empty: our order
 * @param floats       literal index to the bits of the Float it holds
 */
public record MethodHint(List<Integer> literalOrder, SortedMap<Integer, Long> floats) {
    public static final MethodHint NONE = new MethodHint(List.of(), new TreeMap<>());
    private static final String LITERALS = "literals";
    private static final String FLOAT = "float";
    private static final String RADIX_16 = "16r";
    private static final Pattern LINE = Pattern.compile("(\\S+(?: class)?>>\\S+)\\s+(" + LITERALS + "|" + FLOAT
            + ")\\s+(.*)");
    private static final Pattern FLOAT_VALUE = Pattern.compile("(\\d+)\\s+" + RADIX_16 + "([0-9A-Fa-f]{1,16})");

    /** One line read: the method it is for ({@code Class>>selector}) and its hint. */
    public record Line(String method, MethodHint hint) {
    }

    public MethodHint {
        literalOrder = List.copyOf(literalOrder);
        floats = Collections.unmodifiableSortedMap(new TreeMap<>(floats));
    }

    /** This hint and {@code other}'s together (the other's literal order, when it has one). */
    public MethodHint with(MethodHint other) {
        SortedMap<Integer, Long> both = new TreeMap<>(floats);
        both.putAll(other.floats);
        return new MethodHint(other.literalOrder.isEmpty() ? literalOrder : other.literalOrder, both);
    }

    /** The hint's lines for {@code method} ({@code Class>>selector}). */
    public List<String> lines(String method) {
        List<String> lines = new ArrayList<>();
        if (!literalOrder.isEmpty()) {
            lines.add(method + " " + LITERALS + " " + String.join(" ", literalOrder.stream().map(String::valueOf).toList()));
        }
        floats.forEach((index, bits) -> lines.add(method + " " + FLOAT + " " + index + " " + RADIX_16
                + String.format(Locale.ROOT, "%016X", bits)));
        return lines;
    }

    /**
     * Reads one line of the notation.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Line parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected 'Class>>selector literals I J ...' or 'Class>>selector float I "
                    + RADIX_16 + "BITS'");
        }
        if (m.group(2).equals(FLOAT)) {
            Matcher f = FLOAT_VALUE.matcher(m.group(3).strip());
            if (!f.matches()) {
                throw new IllegalArgumentException("expected 'float INDEX " + RADIX_16 + "BITS' (16 hex digits at most)");
            }
            SortedMap<Integer, Long> one = new TreeMap<>(Map.of(Integer.parseInt(f.group(1)),
                    Long.parseUnsignedLong(f.group(2), 16)));
            return new Line(m.group(1), new MethodHint(List.of(), one));
        }
        List<Integer> order = new ArrayList<>();
        for (String index : m.group(3).strip().split("\\s+")) {
            if (!index.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("literals: '" + index + "' is not a literal index");
            }
            order.add(Integer.parseInt(index));
        }
        Set<Integer> distinct = new HashSet<>(order);
        if (distinct.size() != order.size() || Collections.max(order) != order.size() - 1) {
            throw new IllegalArgumentException("literals: expected each index from 0 to " + (order.size() - 1) + " once");
        }
        return new Line(m.group(1), new MethodHint(order, new TreeMap<>()));
    }

    /** Puts {@code frame} in the hinted order, before the code that refers to its literals is made. */
    void order(LiteralFrame frame, String source) {
        if (literalOrder.isEmpty()) {
            return;
        }
        if (literalOrder.size() != frame.size()) {
            throw CompileError.at(source, 0, "the hint orders " + literalOrder.size() + " literals, the method has "
                    + frame.size());
        }
        frame.reorder(literalOrder);
    }

    /** {@code literals} with the hinted Floats in place of the ones the source spelled. */
    List<Literal> withFloats(List<Literal> literals, String source) {
        List<Literal> result = new ArrayList<>(literals);
        floats.forEach((index, bits) -> {
            if (index >= result.size() || !(result.get(index) instanceof Literal.Constant c)
                    || !(c.value() instanceof LiteralValue.FloatValue)) {
                throw CompileError.at(source, 0, "the hint gives literal " + index + " a Float's bits, but the method's"
                        + " literal " + index + " is not a Float");
            }
            result.set(index, new Literal.Constant(new LiteralValue.FloatValue(
                    Double.longBitsToDouble(bits))));
        });
        return result;
    }
}
