package org.ozworkbench.core.compiler.parser;

import java.math.BigInteger;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.parser.Token.Kind;

/**
 * Splits Smalltalk source into {@link Token}s on demand, skipping separators and comments.
 * A {@code -} is always scanned as a token of its own before a digit: whether it makes a negative
 * literal or is a binary selector is the parser's decision (it depends on the position).
 */
final class Scanner {
    private final String source;
    private final Dialect dialect;
    private int pos;

    Scanner(String source, Dialect dialect) {
        this.source = source;
        this.dialect = dialect;
    }

    /** The next token; {@link Kind#END} (at the end of the source) once there is none left. */
    Token next() {
        skipSeparatorsAndComments();
        int start = pos;
        if (pos >= source.length()) {
            return new Token(Kind.END, "", null, start, start);
        }
        char c = source.charAt(pos);
        if (isLetter(c)) {
            return identifierOrKeyword();
        }
        if (Syntax.isDecimalDigit(c)) {
            return number();
        }
        switch (c) {
            case '\'':
                return new Token(Kind.STRING, null, new LiteralValue.StringValue(string()), start, pos);
            case '$':
                return character();
            case '#':
                return hash();
            case ':':
                if (charAt(pos + 1) == '=') {
                    return simple(Kind.ASSIGN, 2);
                }
                return simple(Kind.COLON, 1);
            case '_':
                return simple(Kind.ASSIGN, 1);
            case '^':
                return simple(Kind.RETURN, 1);
            case '.':
                return simple(Kind.PERIOD, 1);
            case ';':
                return simple(Kind.SEMICOLON, 1);
            case '(':
                return simple(Kind.LEFT_PAREN, 1);
            case ')':
                return simple(Kind.RIGHT_PAREN, 1);
            case '[':
                return simple(Kind.LEFT_BRACKET, 1);
            case ']':
                return simple(Kind.RIGHT_BRACKET, 1);
            case '{':
                return simple(Kind.LEFT_BRACE, 1);
            case '}':
                return simple(Kind.RIGHT_BRACE, 1);
            default:
                if (Syntax.isBinaryCharacter(c)) {
                    String selector = binarySelector();
                    return new Token(Kind.BINARY, selector, null, start, pos);
                }
                throw SyntaxError.unknownCharacter(source, pos);
        }
    }

    private Token simple(Kind kind, int length) {
        int start = pos;
        pos += length;
        return new Token(kind, source.substring(start, pos), null, start, pos);
    }

    private void skipSeparatorsAndComments() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Syntax.isSeparator(c)) {
                pos++;
            } else if (c == '"') {
                int close = source.indexOf('"', pos + 1);
                if (close < 0) {
                    throw SyntaxError.unclosed(source, source.length(), "a double quote (\")", "comment", pos);
                }
                pos = close + 1;
            } else {
                return;
            }
        }
    }

    private boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c == '_' && dialect.underscoreIsLetter())
                || (c > 127 && Character.isLetter(c));
    }

    private boolean isLetterOrDigit(char c) {
        return isLetter(c) || Syntax.isDecimalDigit(c);
    }

    private char charAt(int index) {
        return index < source.length() ? source.charAt(index) : '\0';
    }

    private Token identifierOrKeyword() {
        int start = pos;
        while (pos < source.length() && isLetterOrDigit(source.charAt(pos))) {
            pos++;
        }
        if (charAt(pos) == ':' && charAt(pos + 1) != '=') {
            pos++;
            return new Token(Kind.KEYWORD, source.substring(start, pos), null, start, pos);
        }
        return new Token(Kind.IDENTIFIER, source.substring(start, pos), null, start, pos);
    }

    /** A run of binary characters; {@code -} only first, {@code |} only alone. */
    private String binarySelector() {
        int start = pos;
        char first = source.charAt(pos++);
        if (first != '|') {
            while (pos < source.length()) {
                char c = source.charAt(pos);
                if (!Syntax.isBinaryCharacter(c) || c == '-' || c == '|') {
                    break;
                }
                pos++;
            }
        }
        return source.substring(start, pos);
    }

    /** A string body from the opening quote at {@code pos}, with {@code ''} read as one quote. */
    private String string() {
        int open = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            int quote = source.indexOf('\'', pos);
            if (quote < 0) {
                throw SyntaxError.unclosed(source, source.length(), "a quote (')", "string", open);
            }
            value.append(source, pos, quote);
            pos = quote + 1;
            if (charAt(pos) == '\'') {
                value.append('\'');
                pos++;
            } else {
                return value.toString();
            }
        }
    }

    private Token character() {
        int start = pos;
        if (pos + 1 >= source.length()) {
            throw SyntaxError.badLiteral(source, pos, "expected a character after '$'");
        }
        char value = source.charAt(pos + 1);
        pos += 2;
        return new Token(Kind.CHARACTER, null, new LiteralValue.CharacterValue(value), start, pos);
    }

    /** {@code #(}, {@code #[}, or a symbol: {@code #foo}, {@code #at:put:}, {@code #+}, {@code #'a b'}. */
    private Token hash() {
        int start = pos;
        pos++;
        while (charAt(pos) == '#') {
            pos++; // Squeak reads ##foo as #foo
        }
        char c = charAt(pos);
        if (pos < source.length()) {
            if (c == '(') {
                pos++;
                return new Token(Kind.LITERAL_ARRAY, "#(", null, start, pos);
            }
            if (c == '[') {
                pos++;
                return new Token(Kind.BYTE_ARRAY, "#[", null, start, pos);
            }
            if (c == '\'') {
                return new Token(Kind.SYMBOL, null, new LiteralValue.SymbolValue(string()), start, pos);
            }
            if (isLetter(c)) {
                int nameStart = pos;
                while (pos < source.length() && (isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == ':')) {
                    pos++;
                }
                return new Token(Kind.SYMBOL, null, new LiteralValue.SymbolValue(source.substring(nameStart, pos)),
                        start, pos);
            }
            if (Syntax.isBinaryCharacter(c)) {
                return new Token(Kind.SYMBOL, null, new LiteralValue.SymbolValue(binarySelector()), start, pos);
            }
            if (Syntax.DELIMITER_SYMBOLS.indexOf(c) >= 0) {
                // Squeak 2.x/3.x read #] #_ #^ #. ... as the Symbol of that one character
                pos++;
                return new Token(Kind.SYMBOL, null, new LiteralValue.SymbolValue(String.valueOf(c)), start, pos);
            }
        }
        throw SyntaxError.badLiteral(source, pos, "expected a symbol, '(' or '[' after '#'");
    }

    private Token number() {
        int start = pos;
        BigInteger integerPart = digits(10);
        int base = 10;
        boolean negative = false;
        if (charAt(pos) == Syntax.RADIX_LETTER) {
            int first = charAt(pos + 1) == '-' ? pos + 2 : pos + 1;
            int firstValue = Syntax.digitValue(charAt(first));
            int upperValue = Syntax.digitValue(Character.toUpperCase(charAt(first)));
            if (firstValue < 0 && upperValue >= 10 && integerPart.compareTo(BigInteger.valueOf(upperValue)) > 0) {
                throw SyntaxError.badLiteral(source, first, "digits above 9 are upper-case letters: write "
                        + integerPart + "r" + Character.toUpperCase(charAt(first)) + ", not " + integerPart + "r"
                        + charAt(first));
            }
            if (firstValue >= 0) {
                if (integerPart.compareTo(BigInteger.valueOf(Syntax.MIN_RADIX)) < 0
                        || integerPart.compareTo(BigInteger.valueOf(Syntax.MAX_RADIX)) > 0) {
                    throw SyntaxError.badLiteral(source, start, "a radix must be from " + Syntax.MIN_RADIX + " to "
                            + Syntax.MAX_RADIX + ", not " + integerPart);
                }
                base = integerPart.intValue();
                if (firstValue >= base) {
                    throw SyntaxError.badLiteral(source, first,
                            "'" + charAt(first) + "' is not a digit in base " + base);
                }
                negative = first == pos + 2;
                pos = first;
                integerPart = digits(base);
            }
        }
        BigInteger fraction = null;
        int fractionDigits = 0;
        int afterPoint = Syntax.digitValue(charAt(pos + 1));
        if (charAt(pos) == '.' && afterPoint >= 0 && afterPoint < base) {
            pos++;
            int fractionStart = pos;
            fraction = digits(base);
            fractionDigits = pos - fractionStart;
        }
        Integer scale = null;
        Integer exponent = null;
        char next = charAt(pos);
        if (next == Syntax.SCALE_LETTER && !isLetter(charAt(pos + 1))) {
            pos++;
            scale = Syntax.isDecimalDigit(charAt(pos)) ? smallDecimal(pos, "scale") : fractionDigits;
        } else if (Syntax.EXPONENT_LETTERS.indexOf(next) >= 0 && pos + 1 < source.length()) {
            boolean negativeExponent = charAt(pos + 1) == '-';
            int digitsAt = negativeExponent ? pos + 2 : pos + 1;
            if (Syntax.isDecimalDigit(charAt(digitsAt))) {
                pos = digitsAt;
                int magnitude = smallDecimal(digitsAt, "exponent");
                exponent = negativeExponent ? -magnitude : magnitude;
            }
        }
        LiteralValue value = NumberLiterals.value(dialect, base, negative, integerPart, fraction, fractionDigits,
                scale, exponent);
        return new Token(Kind.NUMBER, source.substring(start, pos), value, start, pos);
    }

    private BigInteger digits(int base) {
        int start = pos;
        while (pos < source.length()) {
            int value = Syntax.digitValue(source.charAt(pos));
            if (value < 0 || value >= base) {
                break;
            }
            pos++;
        }
        return new BigInteger(source.substring(start, pos), base);
    }

    /** Decimal digits at {@code start} (there is at least one) read as a bounded exponent or scale. */
    private int smallDecimal(int start, String what) {
        BigInteger value = digits(10);
        if (value.compareTo(BigInteger.valueOf(Syntax.MAX_EXPONENT)) > 0) {
            throw SyntaxError.badLiteral(source, start, "the " + what + " " + value + " is too large (at most "
                    + Syntax.MAX_EXPONENT + ")");
        }
        return value.intValue();
    }
}
