package org.ozworkbench.core.decompiler;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Set;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.Statement;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Spells a literal of a method's frame as source that the compiler reads back to an equal literal:
 * integers, floats (the shortest digits that read back to the same double in the dialect),
 * characters, strings, symbols, literal arrays and byte arrays.
 */
final class LiteralText {
    private static final String BINARY_CHARACTERS = "+-*/\\<>=~@%|&?,!";
    /** Significant digits tried, after the shortest form, for a float that must read back exactly. */
    private static final int[] FLOAT_DIGITS = {17, 18, 19, 20, 25};
    /** Words a literal array reads as nil, true and false rather than as Symbols. */
    private static final Set<String> RESERVED = Set.of("nil", "true", "false");

    private final ObjectSpace space;
    private final Dialect dialect;
    /** Squeak 2.2 and 3 print a space after every element of a literal array: {@code #(1 2 )}. */
    private final boolean spaceAfterElements;
    /** Squeak 2.2 prints the Symbols of a literal array without {@code #}: {@code #(at: put )}. */
    private final boolean bareSymbols;
    /** Spell a Float infinity as the largest Float of its sign (see {@link Decompiler#spellingInfinityAsLargestFloat()}). */
    private final boolean largestForInfinity;

    LiteralText(ObjectSpace space, Dialect dialect, boolean spaceAfterElements, boolean bareSymbols,
                boolean largestForInfinity) {
        this.space = space;
        this.dialect = dialect;
        this.spaceAfterElements = spaceAfterElements;
        this.bareSymbols = bareSymbols;
        this.largestForInfinity = largestForInfinity;
    }

    /** The source of a literal constant of the frame. */
    String spell(GuestValue literal) {
        return spell(literal, false);
    }

    private String spell(GuestValue literal, boolean inArray) {
        if (literal instanceof ByteObjectMirror b && b.isSymbol()) {
            String name = b.asString();
            boolean bare = inArray && bareSymbols && isSelectorOfWords(name) && !RESERVED.contains(name);
            return bare ? name : symbol(name);
        }
        if (literal instanceof ObjectMirror array && !array.isNil() && array.guestObject().isPointers() && isArray(array)) {
            StringBuilder sb = new StringBuilder(inArray ? "(" : "#(");
            List<GuestValue> elements = array.slots();
            for (int i = 0; i < elements.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(spell(elements.get(i), true));
            }
            return sb.append(spaceAfterElements && !elements.isEmpty() ? " )" : ")").toString();
        }
        return spellHost(space.toHost(literal));
    }

    private String spellHost(Object host) {
        if (host == null || host instanceof Boolean) {
            return String.valueOf(host == null ? "nil" : host);
        }
        if (host instanceof Integer || host instanceof Long || host instanceof BigInteger) {
            return host.toString();
        }
        if (host instanceof Double d) {
            return spellFloat(d);
        }
        if (host instanceof Character c) {
            return "$" + c;
        }
        if (host instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (host instanceof ByteObjectMirror bytes && isA(bytes, SpecialObject.CLASS_BYTE_ARRAY)) {
            StringBuilder sb = new StringBuilder("#[");
            byte[] b = bytes.bytes();
            for (int i = 0; i < b.length; i++) {
                sb.append(i == 0 ? "" : " ").append(b[i] & 0xFF);
            }
            return sb.append(']').toString();
        }
        String what = host instanceof ObjectMirror m ? m.describe() : host.toString();
        throw new DecompileException("a literal that source cannot spell: " + what);
    }

    /** Whether {@code object} is an Array: of the image's Array class (Candle's is PCArray). */
    boolean isArray(ObjectMirror object) {
        return isA(object, SpecialObject.CLASS_ARRAY);
    }

    private boolean isA(ObjectMirror object, SpecialObject cls) {
        return space.specialObject(cls).filter(c -> c instanceof ObjectMirror m && m.ref().equals(object.classMirror().ref()))
                .isPresent();
    }

    /** {@code #foo}, {@code #at:put:}, {@code #+}, else {@code #'with space'}. */
    static String symbol(String name) {
        boolean binary = !name.isEmpty() && name.chars().allMatch(c -> BINARY_CHARACTERS.indexOf(c) >= 0);
        return binary || isSelectorOfWords(name) ? "#" + name : "#'" + name.replace("'", "''") + "'";
    }

    private static boolean isSelectorOfWords(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        boolean keyword = name.endsWith(":");
        for (String part : (keyword ? name.substring(0, name.length() - 1) : name).split(":", -1)) {
            if (part.isEmpty() || !Character.isLetter(part.charAt(0))
                    || !part.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return keyword || !name.contains(":");
    }

    private String spellFloat(double d) {
        if (Double.isInfinite(d) && largestForInfinity) {
            return spellFloat(Math.copySign(Double.MAX_VALUE, d));
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new DecompileException("a literal that source cannot spell: the Float " + d);
        }
        String shortest = squeakSpelling(Double.toString(d));
        if (readsBack(shortest, d)) {
            return shortest;
        }
        for (int digits : FLOAT_DIGITS) {
            String text = squeakSpelling(new BigDecimal(d).round(new MathContext(digits)).toString());
            if (readsBack(text, d)) {
                return text;
            }
        }
        throw new DecompileException("no float literal reads back as " + d + " in this dialect");
    }

    /** Java's {@code 1.0E-8} as Smalltalk's {@code 1.0e-8}; an integral mantissa gets {@code .0}. */
    private static String squeakSpelling(String java) {
        String text = java.replace('E', 'e').replace("e+", "e");
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (!mantissa.contains(".")) {
            mantissa = mantissa + ".0";
        }
        return e < 0 ? mantissa : mantissa + text.substring(e);
    }

    private boolean readsBack(String text, double d) {
        try {
            List<Statement> body = Parser.parseExpression(text, dialect).body();
            return body.size() == 1 && body.get(0).expression() instanceof Expression.Literal l
                    && l.value() instanceof LiteralValue.FloatValue f
                    && Double.doubleToRawLongBits(f.value()) == Double.doubleToRawLongBits(d);
        } catch (SyntaxError e) {
            return false;
        }
    }
}
