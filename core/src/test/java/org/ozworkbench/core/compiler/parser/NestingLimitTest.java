package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Source nested deeper than {@value NestingLimit#MAX_DEPTH} levels is a syntax error at the level
 * that passes the limit; about 2,000 levels used to overflow the host's stack. Source at the
 * limit parses.
 */
class NestingLimitTest {
    private static final int MAX = NestingLimit.MAX_DEPTH;

    private static String nested(String open, String inner, String close, int levels) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("parentheses", "(", "1", ")"),
                Arguments.of("blocks", "[", "1", "]"),
                Arguments.of("brace arrays", "{", "1", "}"),
                Arguments.of("literal arrays", "#(", "", ")"),
                Arguments.of("assignments", "a := ", "1", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nestingAtTheLimitParsesAndOneLevelMoreIsASyntaxErrorAtThatLevel(String kind, String open, String inner,
                                                                       String close) {
        assertThat(Parser.parseDoIt("| a | ^ " + nested(open, inner, close, MAX)).body()).hasSize(1);

        String tooDeep = "| a | ^ " + nested(open, inner, close, MAX + 1);
        assertThatThrownBy(() -> Parser.parseDoIt(tooDeep))
                .isInstanceOfSatisfying(SyntaxError.class, e -> {
                    assertThat(e.kind()).isEqualTo(SyntaxError.Kind.TOO_DEEP);
                    assertThat(e.getMessage()).startsWith("line 1:" + (1 + "| a | ^ ".length() + MAX * open.length())
                            + ": nested deeper than 256 levels");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void twentyThousandLevelsAreASyntaxErrorNotAStackOverflow(String kind, String open, String inner, String close) {
        assertThatThrownBy(() -> Parser.parseDoIt("| a | ^ " + nested(open, inner, close, 20_000)))
                .isInstanceOf(SyntaxError.class).hasMessageContaining("nested deeper than 256 levels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void aChainOfMessagesNestsOneLevelPerMessage(String message) {
        assertThat(Parser.parseMethod("foo\r^ 1" + message.repeat(MAX)).body()).hasSize(1);

        assertThatThrownBy(() -> Parser.parseMethod("foo\r^ 1" + message.repeat(MAX + 1)))
                .isInstanceOf(SyntaxError.class).hasMessageStartingWith("line 2:3: nested deeper than 256 levels");
        assertThatThrownBy(() -> Parser.parseMethod("foo\r^ 1" + message.repeat(20_000)))
                .isInstanceOf(SyntaxError.class).hasMessageStartingWith("line 2:3: nested deeper than 256 levels");
    }

    static Stream<String> chains() {
        return Stream.of(" + 1", " abs");
    }
}
