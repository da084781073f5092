package org.ozworkbench.core.compiler.parser;

import org.ozworkbench.core.compiler.ast.LiteralValue;

/**
 * One token of Smalltalk source: its kind, its text as written ({@code foo:}, {@code +}), the value
 * of a literal (else null), and its span ({@code start} inclusive, {@code end} exclusive).
 */
record Token(Kind kind, String text, LiteralValue value, int start, int end) {

    enum Kind {
        IDENTIFIER, KEYWORD, BINARY,
        NUMBER, CHARACTER, STRING, SYMBOL,
        /** {@code #(} */
        LITERAL_ARRAY,
        /** {@code #[} */
        BYTE_ARRAY,
        /** {@code :=} or {@code _} */
        ASSIGN,
        /** {@code ^} */
        RETURN,
        PERIOD, SEMICOLON, COLON,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, LEFT_BRACE, RIGHT_BRACE,
        END
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** A binary-selector token spelled exactly {@code text} ({@code |}, {@code <}, {@code -}...). */
    boolean isBinary(String binaryText) {
        return kind == Kind.BINARY && text.equals(binaryText);
    }
}
