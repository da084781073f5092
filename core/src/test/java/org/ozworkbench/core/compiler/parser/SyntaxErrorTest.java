package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.compiler.parser.SyntaxError.Kind;

class SyntaxErrorTest {
    private static final boolean METHOD = true;
    private static final boolean DOIT = false;

    private static SyntaxError errorIn(boolean method, String source) {
        return catchThrowableOfType(() -> {
            if (method) {
                Parser.parseMethod(source);
            } else {
                Parser.parseDoIt(source);
            }
        }, SyntaxError.class);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("an unclosed block is reported where the text ends, naming where it opened", METHOD,
                        "foo\n    [:x |\n        x + 1", Kind.UNCLOSED,
                        "line 3:14: expected ']' to close the block opened at line 2:5",
                        "        x + 1\n             ^"),
                Arguments.of("an unclosed parenthesis", METHOD, "foo\n\t^ (3 + 4", Kind.UNCLOSED,
                        "line 2:10: expected ')' to close the parenthesis opened at line 2:4",
                        "\t^ (3 + 4\n\t        ^"),
                Arguments.of("an unclosed string", METHOD, "foo\n\t^ 'abc", Kind.UNCLOSED,
                        "line 2:8: expected a quote (') to close the string opened at line 2:4",
                        "\t^ 'abc\n\t      ^"),
                Arguments.of("an unclosed comment", METHOD, "foo\n\t\"a comment\n\t^ 3", Kind.UNCLOSED,
                        "line 3:5: expected a double quote (\") to close the comment opened at line 2:2",
                        "\t^ 3\n\t   ^"),
                Arguments.of("an unclosed literal array", METHOD, "foo ^ #(1 2", Kind.UNCLOSED,
                        "line 1:12: expected ')' to close the literal array opened at line 1:7",
                        "foo ^ #(1 2\n           ^"),
                Arguments.of("an unclosed byte array", METHOD, "foo ^ #[1 2", Kind.UNCLOSED,
                        "line 1:12: expected ']' to close the byte array opened at line 1:7",
                        "foo ^ #[1 2\n           ^"),
                Arguments.of("an unclosed brace array", METHOD, "foo ^ {1. 2", Kind.UNCLOSED,
                        "line 1:12: expected '}' to close the brace array opened at line 1:7",
                        "foo ^ {1. 2\n           ^"),
                Arguments.of("an unclosed temporaries declaration", METHOD, "foo | a b", Kind.UNCLOSED,
                        "line 1:10: expected '|' to close the temporary variable declaration opened at line 1:5",
                        "foo | a b\n         ^"),
                Arguments.of("a binary message without its argument", METHOD, "foo ^ 3 + ", Kind.EXPECTED,
                        "line 1:11: expected an argument after '+' but found the end of the text",
                        "foo ^ 3 + \n          ^"),
                Arguments.of("a keyword without its argument", METHOD, "foo ^ x at: . y", Kind.EXPECTED,
                        "line 1:13: expected an argument after 'at:' but found '.'",
                        "foo ^ x at: . y\n            ^"),
                Arguments.of("an assignment arrow without a variable", DOIT, ":= 3", Kind.NOT_ASSIGNABLE,
                        "line 1:1: ':=' must follow the name of the variable to assign", ":= 3\n^"),
                Arguments.of("an assignment to a literal", DOIT, "3 := 4", Kind.NOT_ASSIGNABLE,
                        "line 1:3: only a variable can be assigned: ':=' must follow a variable name (use parentheses"
                                + " for an assignment inside an expression)", "3 := 4\n  ^"),
                Arguments.of("an assignment to a pseudo-variable", METHOD, "foo self := 3", Kind.NOT_ASSIGNABLE,
                        "line 1:5: cannot store into 'self': it is a pseudo-variable", "foo self := 3\n    ^"),
                Arguments.of("a stray closing bracket", METHOD, "foo ^ 3]", Kind.NOTHING_MORE_EXPECTED,
                        "line 1:8: nothing more expected, but found ']', which closes no block", "foo ^ 3]\n       ^"),
                Arguments.of("a stray closing parenthesis", DOIT, "a foo)", Kind.NOTHING_MORE_EXPECTED,
                        "line 1:6: nothing more expected, but found ')', which closes no parenthesis",
                        "a foo)\n     ^"),
                Arguments.of("an unknown character", METHOD, "foo ^ 3 ` 4", Kind.UNKNOWN_CHARACTER,
                        "line 1:9: unexpected character '`' (U+0060)", "foo ^ 3 ` 4\n        ^"),
                Arguments.of("an exclamation mark, which only chunk files use", METHOD, "foo ^ 3 ! 4",
                        Kind.UNKNOWN_CHARACTER, "line 1:9: unexpected character '!' (U+0021)", "foo ^ 3 ! 4\n        ^"),
                Arguments.of("a return inside an expression", METHOD, "foo x := ^ 3", Kind.MISPLACED_RETURN,
                        "line 1:10: '^' (return) can only begin a statement; a '.' may be missing before it",
                        "foo x := ^ 3\n         ^"),
                Arguments.of("a return after an expression in a block", DOIT, "[a ^ 3]", Kind.MISPLACED_RETURN,
                        "line 1:4: '^' (return) can only begin a statement; a '.' may be missing before it",
                        "[a ^ 3]\n   ^"),
                Arguments.of("an empty pragma", METHOD, "foo <> ^ 3", Kind.EXPECTED,
                        "line 1:6: empty pragma: expected a keyword such as 'primitive:' after '<'",
                        "foo <> ^ 3\n     ^"),
                Arguments.of("a pragma with a stray argument", METHOD, "foo <primitive: 60 61> ^ 1", Kind.UNCLOSED,
                        "line 1:20: expected '>' to close the pragma opened at line 1:5",
                        "foo <primitive: 60 61> ^ 1\n                   ^"),
                Arguments.of("a keyword pattern without an argument name", METHOD, "at: put: x", Kind.EXPECTED,
                        "line 1:5: expected an argument name after 'at:' but found 'put:'", "at: put: x\n    ^"),
                Arguments.of("a missing period between statements", METHOD, "foo a := 3 b := 4",
                        Kind.NOTHING_MORE_EXPECTED,
                        "line 1:12: nothing more expected, but found 'b' (is a '.' missing before it?)",
                        "foo a := 3 b := 4\n           ^"),
                Arguments.of("a statement after a return", METHOD, "foo ^ 3. 4", Kind.NOTHING_MORE_EXPECTED,
                        "line 1:10: nothing more expected after a return statement, but found '4'",
                        "foo ^ 3. 4\n         ^"),
                Arguments.of("two periods in a row", DOIT, "a. . b", Kind.EXPECTED,
                        "line 1:4: expected a statement after '.' but found '.'", "a. . b\n   ^"),
                Arguments.of("a radix out of range", METHOD, "foo ^ 40r12", Kind.BAD_LITERAL,
                        "line 1:7: a radix must be from 2 to 36, not 40", "foo ^ 40r12\n      ^"),
                Arguments.of("a digit too large for its radix", METHOD, "foo ^ 2r3", Kind.BAD_LITERAL,
                        "line 1:9: '3' is not a digit in base 2", "foo ^ 2r3\n        ^"),
                Arguments.of("a lower-case radix digit", METHOD, "foo ^ 16rff", Kind.BAD_LITERAL,
                        "line 1:10: digits above 9 are upper-case letters: write 16rF, not 16rf",
                        "foo ^ 16rff\n         ^"),
                Arguments.of("a byte array element above 255", METHOD, "foo ^ #[1 256]", Kind.BAD_LITERAL,
                        "line 1:11: a byte array element must be an integer from 0 to 255, not '256'",
                        "foo ^ #[1 256]\n          ^"),
                Arguments.of("a dollar sign at the end", METHOD, "foo ^ $", Kind.BAD_LITERAL,
                        "line 1:7: expected a character after '$'", "foo ^ $\n      ^"),
                Arguments.of("a hash with nothing after it", METHOD, "foo ^ # ", Kind.BAD_LITERAL,
                        "line 1:8: expected a symbol, '(' or '[' after '#'", "foo ^ # \n       ^"),
                Arguments.of("a cascade without a message", DOIT, "x; bar", Kind.EXPECTED,
                        "line 1:2: expected a message before ';' (a cascade sends more messages to the receiver of a"
                                + " message)", "x; bar\n ^"),
                Arguments.of("a cascade of a parenthesised expression", DOIT, "(a foo); bar", Kind.EXPECTED,
                        "line 1:8: a parenthesised expression cannot be cascaded: ';' must follow a message send",
                        "(a foo); bar\n       ^"),
                Arguments.of("block arguments without a bar", DOIT, "[:a :b a + b]", Kind.EXPECTED,
                        "line 1:8: expected '|' after the block arguments but found 'a'", "[:a :b a + b]\n       ^"),
                Arguments.of("a block argument colon without a name", DOIT, "[: | ]", Kind.EXPECTED,
                        "line 1:4: expected a block argument name after ':' but found '|'", "[: | ]\n   ^"),
                Arguments.of("two expressions in a block without a period", DOIT, "[a foo 3]", Kind.EXPECTED,
                        "line 1:8: expected '.' or ']' (in the block opened at line 1:1) but found '3'",
                        "[a foo 3]\n       ^"),
                Arguments.of("empty parentheses", DOIT, "()", Kind.EXPECTED,
                        "line 1:2: expected an expression after '(' but found ')'", "()\n ^"),
                Arguments.of("a method without a pattern", METHOD, "3 + 4", Kind.EXPECTED,
                        "line 1:1: expected a message pattern (a selector and its argument names) but found '3'",
                        "3 + 4\n^"),
                Arguments.of("a brace array without periods", DOIT, "{1 2}", Kind.EXPECTED,
                        "line 1:4: expected '.' or '}' after an element of the brace array but found '2'",
                        "{1 2}\n   ^"),
                Arguments.of("a negative literal with a space after the minus", DOIT, "3 - - 2", Kind.EXPECTED,
                        "line 1:5: expected an argument after '-' but found '-'", "3 - - 2\n    ^"));
    }

    @ParameterizedTest(name = "{0} is reported at its line and column with a caret")
    @MethodSource("mistakes")
    void aSyntaxErrorSaysWhereAndWhatAndPointsAtThePlace(String mistake, boolean method, String source, Kind kind,
                                                         String message, String caretReport) {
        SyntaxError error = errorIn(method, source);

        assertThat(error).as(mistake).isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.caretReport()).isEqualTo(caretReport);
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.getMessage()).isEqualTo("line " + error.line() + ":" + error.column() + ": "
                + error.description());
    }

    @Test
    void linesAreCountedOverCarriageReturnsAndCrLfPairsAlike() {
        SyntaxError cr = errorIn(METHOD, "foo\r\t^ [:x |\r\t\tx foo: ]");
        SyntaxError crlf = errorIn(METHOD, "foo\r\n\t^ [:x |\r\n\t\tx foo: ]");

        assertThat(cr.getMessage()).isEqualTo("line 3:10: expected an argument after 'foo:' but found ']'");
        assertThat(crlf.getMessage()).isEqualTo(cr.getMessage());
        assertThat(cr.caretReport()).isEqualTo("\t\tx foo: ]\n\t\t       ^");
        assertThat(crlf.offset()).isEqualTo(cr.offset() + 2);
    }

    @Test
    void theErrorKeepsTheOffsetAndTheSourceLine() {
        SyntaxError error = errorIn(DOIT, "a := 1.\nb := (2");

        assertThat(error.offset()).isEqualTo(15);
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(8);
        assertThat(error.sourceLine()).isEqualTo("b := (2");
        assertThat(error.kind().code()).isEqualTo("unclosed");
    }
}
