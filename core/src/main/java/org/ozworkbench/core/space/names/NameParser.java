package org.ozworkbench.core.space.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.space.names.ObjectName.Behavior;
import org.ozworkbench.core.space.names.ObjectName.CharacterNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassVariableBinding;
import org.ozworkbench.core.space.names.ObjectName.Field;
import org.ozworkbench.core.space.names.ObjectName.GlobalBinding;
import org.ozworkbench.core.space.names.ObjectName.IdentityKey;
import org.ozworkbench.core.space.names.ObjectName.IntegerKey;
import org.ozworkbench.core.space.names.ObjectName.Key;
import org.ozworkbench.core.space.names.ObjectName.KeyStep;
import org.ozworkbench.core.space.names.ObjectName.MetaclassNamed;
import org.ozworkbench.core.space.names.ObjectName.MethodNamed;
import org.ozworkbench.core.space.names.ObjectName.Slot;
import org.ozworkbench.core.space.names.ObjectName.Special;
import org.ozworkbench.core.space.names.ObjectName.SpecialObjects;
import org.ozworkbench.core.space.names.ObjectName.Step;
import org.ozworkbench.core.space.names.ObjectName.StringKey;
import org.ozworkbench.core.space.names.ObjectName.SymbolNamed;

/** Reads and writes the text form of {@link ObjectName} (grammar on that interface). */
final class NameParser {
    static final String SPECIAL = "special:";
    static final String SPECIAL_OBJECTS = "objects";
    static final String GLOBAL = "Smalltalk@";
    static final String META = " class";
    static final String KEY = "key:";
    static final int LATIN1_MAX = 255;
    private static final int PRINTABLE_FIRST = 33;
    private static final int PRINTABLE_LAST = 126;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:]+|[-+*\\\\~<>=@%|&?!,]+");
    private static final String BINARY = "-+*\\~<>=@%|&?!,";

    private final String text;
    private int pos;

    private NameParser(String text) {
        this.text = text;
    }

    static ObjectName parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no object name (null)");
        }
        NameParser p = new NameParser(text);
        ObjectName root = p.root();
        List<Step> steps = new ArrayList<>();
        while (p.pos < text.length()) {
            p.expect('/', "'/' and a step, or the end");
            steps.add(p.step());
        }
        return steps.isEmpty() ? root : new ObjectName.Path(root, steps);
    }

    // ---- writing ----

    /** {@code s} as plain text when the grammar allows it, else quoted. */
    static String text(String s) {
        return PLAIN.matcher(s).matches() ? s : quoted(s);
    }

    static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String character(int code) {
        return code >= PRINTABLE_FIRST && code <= PRINTABLE_LAST ? "$" + (char) code : "$#" + code;
    }

    static void requireIdentifier(String s, String what) {
        if (s == null || !IDENTIFIER.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " must be an identifier ([A-Za-z_][A-Za-z0-9_]*): " + s);
        }
    }

    static void requireLatin1(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + " is missing (null)");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > LATIN1_MAX) {
                throw new IllegalArgumentException(what + " has character U+" + Integer.toHexString(s.charAt(i))
                        + " at " + i + ", outside Latin-1: " + s);
            }
        }
    }

    static boolean isIdentifier(String s) {
        return IDENTIFIER.matcher(s).matches();
    }

    // ---- reading ----

    private ObjectName root() {
        if (text.startsWith(SPECIAL, pos)) {
            pos += SPECIAL.length();
            return special();
        }
        if (text.startsWith(GLOBAL, pos)) {
            pos += GLOBAL.length();
            return new GlobalBinding(textToken("a global's name"));
        }
        if (peek() == '#') {
            pos++;
            return new SymbolNamed(textToken("a Symbol's characters"));
        }
        if (peek() == '$') {
            pos++;
            return characterToken();
        }
        int start = pos;
        String className = identifier("a name: special:, #, $, Smalltalk@ or a class name");
        if (text.startsWith(META, pos)) {
            pos += META.length();
            Behavior meta = new MetaclassNamed(className);
            return text.startsWith(">>", pos) ? method(meta) : meta;
        }
        Behavior cls = new ClassNamed(className);
        if (text.startsWith(">>", pos)) {
            return method(cls);
        }
        if (peek() == '.') {
            pos++;
            return new ClassVariableBinding(className, textToken("a class variable's name"));
        }
        if (pos < text.length() && peek() != '/') {
            throw NameSyntaxException.expected(text, pos, "'>>', '.', ' class', '/' or the end after class name "
                    + text.substring(start, pos));
        }
        return cls;
    }

    private ObjectName method(Behavior behavior) {
        pos += 2;
        return new MethodNamed(behavior, textToken("a selector"));
    }

    private ObjectName special() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '-')) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals(SPECIAL_OBJECTS)) {
            return new SpecialObjects();
        }
        if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
            return new Special(number(start, word));
        }
        for (SpecialObject s : SpecialObject.values()) {
            if (Special.word(s).equals(word)) {
                return Special.of(s);
            }
        }
        throw NameSyntaxException.invalid(text, start, "'" + word + "' is no special object: expected an index, '"
                + SPECIAL_OBJECTS + "' or one of " + SpecialObject.NIL.name().toLowerCase(Locale.ROOT) + ", "
                + Special.word(SpecialObject.CLASS_ARRAY) + "...");
    }

    private ObjectName characterToken() {
        if (pos + 1 < text.length() && peek() == '#' && Character.isDigit(text.charAt(pos + 1))) {
            int start = ++pos;
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
            int code = number(start, text.substring(start, pos));
            if (code > LATIN1_MAX) {
                throw NameSyntaxException.invalid(text, start, "character code " + code + " is above 255");
            }
            return new CharacterNamed(code);
        }
        if (pos >= text.length()) {
            throw NameSyntaxException.expected(text, pos, "a character after '$'");
        }
        char c = text.charAt(pos++);
        if (c > LATIN1_MAX) {
            throw NameSyntaxException.invalid(text, pos - 1, "character U+" + Integer.toHexString(c) + " is outside Latin-1");
        }
        return new CharacterNamed(c);
    }

    private Step step() {
        if (text.startsWith(KEY, pos)) {
            pos += KEY.length();
            return new KeyStep(key());
        }
        if (pos < text.length() && Character.isDigit(peek())) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
            return new Slot(number(start, text.substring(start, pos)));
        }
        return new Field(identifier("a step: an instance variable name, a slot index or key:"));
    }

    private Key key() {
        if (peek() == '\'') {
            return new StringKey(quotedToken());
        }
        if (peek() == '-' || (pos < text.length() && Character.isDigit(peek()))) {
            int start = pos++;
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (digits.equals("-")) {
                throw NameSyntaxException.expected(text, pos, "digits after '-'");
            }
            try {
                return new IntegerKey(Integer.parseInt(digits));
            } catch (NumberFormatException e) {
                throw NameSyntaxException.invalid(text, start, "key " + digits + " is out of range");
            }
        }
        int start = pos;
        ObjectName name = root();
        if (!(name instanceof SymbolNamed || name instanceof Behavior || name instanceof CharacterNamed
                || name instanceof Special)) {
            throw NameSyntaxException.invalid(text, start, "a key is a String, an integer, a Symbol, a class, a"
                    + " Character or a special object, not " + name);
        }
        return new IdentityKey(name);
    }

    private String textToken(String what) {
        if (peek() == '\'') {
            return quotedToken();
        }
        int start = pos;
        boolean binary = pos < text.length() && BINARY.indexOf(peek()) >= 0;
        while (pos < text.length() && (binary ? BINARY.indexOf(peek()) >= 0 : isWordChar(peek()))) {
            pos++;
        }
        if (start == pos) {
            throw NameSyntaxException.expected(text, pos, what);
        }
        return text.substring(start, pos);
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':');
    }

    private String quotedToken() {
        int start = pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw NameSyntaxException.invalid(text, start, "the quote opened here is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && peek() == '\'') {
                    pos++;
                } else {
                    return s.toString();
                }
            }
            s.append(c);
        }
    }

    private String identifier(String what) {
        int start = pos;
        if (pos < text.length() && (Character.isLetter(peek()) || peek() == '_') && peek() < 128) {
            pos++;
            while (pos < text.length() && peek() < 128 && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
        }
        if (start == pos) {
            throw NameSyntaxException.expected(text, pos, what);
        }
        return text.substring(start, pos);
    }

    private int number(int start, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw NameSyntaxException.invalid(text, start, "number " + digits + " is out of range");
        }
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw NameSyntaxException.expected(text, pos, what);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }
}
