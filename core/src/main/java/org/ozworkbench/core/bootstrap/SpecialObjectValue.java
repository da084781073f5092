package org.ozworkbench.core.bootstrap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A slot of the special objects array the seed does not fill itself, as a spec's manifest gives it
 * ({@code specialObject.N = value}, N counted from 1 as {@code Smalltalk specialObjectsArray at: N}
 * counts): a Symbol ({@code #aboutToReturn:through:}) or an Array of Symbols and nils ({@code #(nil
 * #'bad receiver')}), which later VMs read there (the selectors they send on an unwind or to an
 * object run as a method, the primitive error table). Each symbol is an element of {@link
 * #symbols}; null stands for nil.
 *
 * @param symbols the Symbol's name (one element, {@code array} false), or the Array's elements
 * @param array   whether the value is an Array
 */
public record SpecialObjectValue(List<String> symbols, boolean array) {
    public SpecialObjectValue {
        symbols = Collections.unmodifiableList(new ArrayList<>(symbols));
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SpecialObjectValue parse(String text) {
        String t = text.strip();
        if (t.startsWith("#(") && t.endsWith(")")) {
            List<String> elements = new ArrayList<>();
            Reader r = new Reader(t.substring(2, t.length() - 1));
            for (String e = r.next(); e != null; e = r.next()) {
                elements.add(e.equals("nil") ? null : symbolOf(e));
            }
            return new SpecialObjectValue(elements, true);
        }
        return new SpecialObjectValue(List.of(symbolOf(t)), false);
    }

    /** The manifest's text for this value, which {@link #parse} reads back. */
    public String text() {
        if (!array) {
            return literal(symbols.get(0));
        }
        StringBuilder b = new StringBuilder("#(");
        for (int i = 0; i < symbols.size(); i++) {
            b.append(i == 0 ? "" : " ").append(symbols.get(i) == null ? "nil" : literal(symbols.get(i)));
        }
        return b.append(')').toString();
    }

    private static String literal(String symbol) {
        return symbol.matches("[A-Za-z_][A-Za-z0-9_:]*") ? "#" + symbol : "#'" + symbol.replace("'", "''") + "'";
    }

    private static String symbolOf(String token) {
        if (token.startsWith("#'") && token.endsWith("'") && token.length() >= 3) {
            return token.substring(2, token.length() - 1).replace("''", "'");
        }
        if (token.matches("#[A-Za-z_][A-Za-z0-9_:]*")) {
            return token.substring(1);
        }
        throw new IllegalArgumentException("'" + token + "': expected a Symbol (#name or #'text'), or an Array of"
                + " Symbols and nils (#(nil #name))");
    }

    /** The elements of an array's text: words, and quoted symbols with their doubled quotes. */
    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        String next() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
            if (at >= s.length()) {
                return null;
            }
            int start = at;
            if (s.startsWith("#'", at)) {
                at += 2;
                while (at < s.length() && !(s.charAt(at) == '\'' && !s.startsWith("''", at))) {
                    at += s.startsWith("''", at) ? 2 : 1;
                }
                at = Math.min(at + 1, s.length());
            } else {
                while (at < s.length() && !Character.isWhitespace(s.charAt(at))) {
                    at++;
                }
            }
            return s.substring(start, at);
        }
    }
}
