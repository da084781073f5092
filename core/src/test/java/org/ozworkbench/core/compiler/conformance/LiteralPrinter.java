package org.ozworkbench.core.compiler.conformance;

import java.math.BigInteger;
import java.util.stream.Collectors;
import org.ozworkbench.core.compiler.Literal;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Prints our compiler's literals the way the guest corpus prints the guest compiler's
 * (printString; Squeak 2.2 prints Symbols without {@code #} and ends Arrays with a space), so the
 * two literal frames can be compared. Floats are compared by value elsewhere: Squeak prints them
 * with its own rounding.
 */
final class LiteralPrinter {
    private final ObjectSpace space;
    private final boolean squeak2;

    LiteralPrinter(ObjectSpace space) {
        this.space = space;
        this.squeak2 = space.contract().dialect().equals("squeak2");
    }

    String print(Literal literal) {
        if (literal instanceof Literal.Constant c) {
            return print(c.value());
        }
        if (literal instanceof Literal.Selector s) {
            return symbol(s.name());
        }
        if (literal instanceof Literal.Binding b) {
            return association(space.memory().resolve(b.association()));
        }
        Literal.MethodClass m = (Literal.MethodClass) literal;
        return m.association() == null ? "nil->" + m.className() : association(space.memory().resolve(m.association()));
    }

    private String association(GuestObject a) {
        Object key = a.pointerAt(space.contract().get(Slot.ASSOCIATION_KEY));
        Object value = a.pointerAt(space.contract().get(Slot.ASSOCIATION_VALUE));
        String k = key instanceof GuestObject g && g.isBytes() ? symbol(space.stringOf(g)) : "nil";
        return k + "->" + valueString(value);
    }

    private String valueString(Object v) {
        if (v instanceof Integer i) {
            return i.toString();
        }
        GuestObject o = (GuestObject) v;
        if (o == space.memory().nil()) {
            return "nil";
        }
        if (o == space.memory().trueObject()) {
            return "true";
        }
        if (o == space.memory().falseObject()) {
            return "false";
        }
        if (space.isClass(o) || space.isMetaclass(o)) {
            return space.classMirror(o).name();
        }
        return "<a " + space.classMirror(o.cls()).name() + ">";
    }

    String print(LiteralValue v) {
        if (v instanceof LiteralValue.IntegerValue i) {
            return i.value().toString();
        }
        if (v instanceof LiteralValue.FloatValue f) {
            return "float:" + f.value();
        }
        if (v instanceof LiteralValue.CharacterValue c) {
            return "$" + c.value();
        }
        if (v instanceof LiteralValue.StringValue s) {
            return "'" + s.value().replace("'", "''") + "'";
        }
        if (v instanceof LiteralValue.SymbolValue s) {
            return symbol(s.value());
        }
        if (v instanceof LiteralValue.ConstantValue c) {
            return c.name();
        }
        if (v instanceof LiteralValue.ArrayValue a) {
            if (squeak2) {
                return "(" + a.elements().stream().map(e -> print(e) + " ").collect(Collectors.joining()) + ")";
            }
            return "(" + a.elements().stream().map(this::print).collect(Collectors.joining(" ")) + ")";
        }
        if (v instanceof LiteralValue.ByteArrayValue b) {
            StringBuilder sb = new StringBuilder("#[");
            byte[] bytes = b.bytes();
            for (int i = 0; i < bytes.length; i++) {
                sb.append(i == 0 ? "" : " ").append(bytes[i] & 0xFF);
            }
            return sb.append(']').toString();
        }
        if (v instanceof LiteralValue.ScaledDecimalValue d) {
            return new BigInteger(d.numerator().toString()) + "/" + d.denominator() + "s" + d.scale();
        }
        return v.toString();
    }

    private String symbol(String name) {
        if (squeak2) {
            return name;
        }
        boolean plain = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ':')
                || name.chars().allMatch(c -> "+-*/\\<>=~@%|&?,".indexOf(c) >= 0);
        return plain && !name.isEmpty() || name.length() == 1 ? "#" + name : "#'" + name.replace("'", "''") + "'";
    }

    /**
     * Whether a guest literal printString and ours agree: token by token, floats (ours marked
     * {@code float:}) by value, since Squeak prints them rounded to fewer digits.
     */
    static boolean same(String guest, String ours) {
        if (!ours.contains("float:")) {
            return guest.equals(ours);
        }
        String[] g = guest.split("(?<=[()])|(?=[()])| ");
        String[] o = ours.split("(?<=[()])|(?=[()])| ");
        if (g.length != o.length) {
            return false;
        }
        for (int i = 0; i < g.length; i++) {
            if (o[i].startsWith("float:") ? !sameFloat(g[i], o[i].substring("float:".length())) : !g[i].equals(o[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameFloat(String guest, String ours) {
        try {
            double g = Double.parseDouble(guest);
            double o = Double.parseDouble(ours);
            return g == o || Math.abs(g - o) <= 1e-13 * Math.max(Math.abs(g), Math.abs(o));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
