package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.compiler.ast.Expression.Literal;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.ArrayValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.ByteArrayValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.CharacterValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.ConstantValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.FloatValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.IntegerValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.ScaledDecimalValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.StringValue;
import org.ozworkbench.core.compiler.ast.LiteralValue.SymbolValue;
import org.ozworkbench.core.compiler.ast.MethodNode;

class LiteralTest {

    private static LiteralValue literal(String source) {
        MethodNode m = Sources.doIt(source);
        assertThat(m.body()).hasSize(1);
        return ((Literal) m.body().get(0).expression()).value();
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("3", integer("3")),
                Arguments.of("-3", integer("-3")),
                Arguments.of("1073741823", integer("1073741823")),
                Arguments.of("123456789012345678901234567890", integer("123456789012345678901234567890")),
                Arguments.of("16r1F", integer("31")),
                Arguments.of("2r1010", integer("10")),
                Arguments.of("36rZZ", integer("1295")),
                Arguments.of("-16rFF", integer("-255")),
                Arguments.of("16r-FF", integer("-255")),
                Arguments.of("1e10", integer("10000000000")),
                Arguments.of("2r1e4", integer("16")),
                Arguments.of("16r1e2", integer("256")),
                Arguments.of("100e-2", integer("1")),
                Arguments.of("2e-2", new FloatValue(0.02)),
                Arguments.of("1.5", new FloatValue(1.5)),
                Arguments.of("1.5e10", new FloatValue(1.5e10)),
                Arguments.of("1.0e-5", new FloatValue(1.0e-5)),
                Arguments.of("1.0d-5", new FloatValue(1.0e-5)),
                Arguments.of("-0.5", new FloatValue(-0.5)),
                Arguments.of("-0.0", new FloatValue(-0.0)),
                Arguments.of("2r1.1", new FloatValue(1.5)),
                Arguments.of("3.14159", new FloatValue(3.14159)),
                Arguments.of("3.14s2", new ScaledDecimalValue(BigInteger.valueOf(157), BigInteger.valueOf(50), 2)),
                Arguments.of("3.145s2", new ScaledDecimalValue(BigInteger.valueOf(629), BigInteger.valueOf(200), 2)),
                Arguments.of("3s", new ScaledDecimalValue(BigInteger.valueOf(3), BigInteger.ONE, 0)),
                Arguments.of("0.5s", new ScaledDecimalValue(BigInteger.ONE, BigInteger.TWO, 1)),
                Arguments.of("-1.5s2", new ScaledDecimalValue(BigInteger.valueOf(-3), BigInteger.TWO, 2)));
    }

    @ParameterizedTest(name = "the number {0} reads as {1}")
    @MethodSource("numbers")
    void numberLiteralsReadAsTheirValue(String source, LiteralValue expected) {
        assertThat(literal(source)).isEqualTo(expected);
    }

    static Stream<Arguments> others() {
        return Stream.of(
                Arguments.of("$a", new CharacterValue('a')),
                Arguments.of("$ ", new CharacterValue(' ')),
                Arguments.of("$'", new CharacterValue('\'')),
                Arguments.of("$$", new CharacterValue('$')),
                Arguments.of("$\"", new CharacterValue('"')),
                Arguments.of("'hello'", new StringValue("hello")),
                Arguments.of("'it''s'", new StringValue("it's")),
                Arguments.of("''", new StringValue("")),
                Arguments.of("'two\rlines \"not a comment\"'", new StringValue("two\rlines \"not a comment\"")),
                Arguments.of("#foo", new SymbolValue("foo")),
                Arguments.of("#foo:bar:", new SymbolValue("foo:bar:")),
                Arguments.of("#Foo", new SymbolValue("Foo")),
                Arguments.of("#+", new SymbolValue("+")),
                Arguments.of("#//", new SymbolValue("//")),
                Arguments.of("#->", new SymbolValue("->")),
                Arguments.of("#|", new SymbolValue("|")),
                Arguments.of("#'hello world'", new SymbolValue("hello world")),
                Arguments.of("##foo", new SymbolValue("foo")),
                Arguments.of("#_", new SymbolValue("_")),
                Arguments.of("#]", new SymbolValue("]")),
                Arguments.of("#^", new SymbolValue("^")),
                Arguments.of("#[1 2 255]", new ByteArrayValue(new byte[] {1, 2, (byte) 255})),
                Arguments.of("#[]", new ByteArrayValue(new byte[0])),
                Arguments.of("#()", new ArrayValue(List.of())));
    }

    @ParameterizedTest(name = "the literal {0} reads as {1}")
    @MethodSource("others")
    void characterStringSymbolAndByteArrayLiteralsReadAsTheirValue(String source, LiteralValue expected) {
        assertThat(literal(source)).isEqualTo(expected);
    }

    @Test
    void aLiteralArrayHoldsEveryKindOfLiteral() {
        LiteralValue value = literal("#(1 2.0 $a 'str' #sym sym foo:bar: + (nested array) #(nested) true false nil"
                + " #[1 2] -3 - 4 #true at: put: #( ) foo:bar [7])");

        assertThat(value).isEqualTo(new ArrayValue(List.of(
                integer("1"), new FloatValue(2.0), new CharacterValue('a'), new StringValue("str"),
                new SymbolValue("sym"), new SymbolValue("sym"), new SymbolValue("foo:bar:"), new SymbolValue("+"),
                new ArrayValue(List.of(new SymbolValue("nested"), new SymbolValue("array"))),
                new ArrayValue(List.of(new SymbolValue("nested"))),
                new ConstantValue("true"), new ConstantValue("false"), new ConstantValue("nil"),
                new ByteArrayValue(new byte[] {1, 2}), integer("-3"), new SymbolValue("-"), integer("4"),
                new SymbolValue("true"), new SymbolValue("at:"), new SymbolValue("put:"), new ArrayValue(List.of()),
                new SymbolValue("foo:bar"), new ByteArrayValue(new byte[] {7}))));
    }

    @Test
    void aHashBracketNotFollowedByANumberIsTheSymbolOfTheBracketAsInSqueakThree() {
        // ScratchTranslator class>>resetUITranslationSet holds #( ... #[ 'Zoom out' ... #] ...)
        assertThat(literal("#('Join Mesh' #[ 'Zoom out' #] 'Min:')")).isEqualTo(new ArrayValue(List.of(
                new StringValue("Join Mesh"), new SymbolValue("["), new StringValue("Zoom out"), new SymbolValue("]"),
                new StringValue("Min:"))));
        assertThat(literal("#[")).isEqualTo(new SymbolValue("["));
        assertThat(literal("#[255]")).isEqualTo(new ByteArrayValue(new byte[] {(byte) 255}));
    }

    @Test
    void delimitersInsideALiteralArrayAreOneCharacterSymbols() {
        assertThat(literal("#(a . b ; ^ _ { } ] :)")).isEqualTo(new ArrayValue(List.of(new SymbolValue("a"),
                new SymbolValue("."), new SymbolValue("b"), new SymbolValue(";"), new SymbolValue("^"),
                new SymbolValue("_"), new SymbolValue("{"), new SymbolValue("}"), new SymbolValue("]"),
                new SymbolValue(":"))));
    }

    @Test
    void literalArraysNestToAnyDepth() {
        assertThat(literal("#(((1) #(#(2))))")).isEqualTo(new ArrayValue(List.of(new ArrayValue(List.of(
                new ArrayValue(List.of(integer("1"))),
                new ArrayValue(List.of(new ArrayValue(List.of(integer("2"))))))))));
    }

    @Test
    void squeakRoundsFloatLiteralsStepByStepAndPharoOnce() {
        // Squeak 3 reads 1.14 as 1.0 + (14.0 / 100.0) and 0.1e-5 as 0.1 * (1 / 100000) asFloat,
        // rounding at each step; Pharo rounds the exact value once.
        assertThat(floatIn("1.14", Dialect.SQUEAK)).isEqualTo(1.1400000000000001);
        assertThat(floatIn("1.14", Dialect.PHARO)).isEqualTo(1.14);
        assertThat(floatIn("0.1e-5", Dialect.SQUEAK)).isEqualTo(1.0000000000000002E-6);
        assertThat(floatIn("0.1e-5", Dialect.PHARO)).isEqualTo(1.0E-6);
        assertThat(floatIn("3.14159", Dialect.SQUEAK)).isEqualTo(floatIn("3.14159", Dialect.PHARO));
    }

    @Test
    void squeakConvertsLargeIntegersByTheirTopSevenBytesWhileReadingAFloat() {
        // 2361183241434823917569 = ((2^52 + 2) * 8 + 4) * 2^16 + 1: its top 7 bytes are a tie that
        // rounds to even, below the nearest double; the 1 in the dropped bytes would round it up.
        assertThat(floatIn("2361183241434823917569.0", Dialect.SQUEAK)).isEqualTo(2.3611832414348237E21);
        assertThat(floatIn("2361183241434823917569.0", Dialect.PHARO)).isEqualTo(2.361183241434824E21);
        assertThat(floatIn("1.5e30", Dialect.SQUEAK)).isEqualTo(1.5000000000000002E30);
        assertThat(floatIn("1.797693134862315e308", Dialect.SQUEAK)).isEqualTo(1.797693134862315E308);
    }

    private static double floatIn(String source, Dialect dialect) {
        return ((FloatValue) ((Literal) Parser.parseExpression(source, dialect).body().get(0).expression())
                .value()).value();
    }

    @Test
    void aNumberFollowedByLettersIsTheReceiverOfAUnaryMessage() {
        assertThat(Sexp.of(Sources.doIt("3factorial. 2r1010 even. 1.5e2x. 2 sqrt. 3seconds").body()))
                .isEqualTo("(factorial 3). (even 10). (x 150.0). (sqrt 2). (seconds 3)");
    }

    @Test
    void aPeriodAfterANumberWithoutDigitsFollowingEndsTheStatement() {
        assertThat(Sexp.of(Sources.doIt("x := 1. y := 2.").body())).isEqualTo("(:= x 1). (:= y 2)");
    }

    private static IntegerValue integer(String value) {
        return new IntegerValue(new BigInteger(value));
    }
}
