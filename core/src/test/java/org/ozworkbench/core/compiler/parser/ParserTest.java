package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ozworkbench.core.compiler.parser.Sources.doIt;
import static org.ozworkbench.core.compiler.parser.Sources.method;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Block;
import org.ozworkbench.core.compiler.ast.Expression.Cascade;
import org.ozworkbench.core.compiler.ast.Expression.Literal;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Pragma;
import org.ozworkbench.core.compiler.ast.Statement;

class ParserTest {

    /** The statements of a doIt, as an S-expression. */
    private static String statements(String source) {
        return Sexp.of(doIt(source).body());
    }

    private static String body(String methodSource) {
        return Sexp.of(method(methodSource).body());
    }

    @Nested
    class MessagePatterns {
        @Test
        void aUnaryMethodHasItsSelectorAndNoArguments() {
            MethodNode m = method("size\n\t^ tally");

            assertThat(m.selector()).isEqualTo("size");
            assertThat(m.arguments()).isEmpty();
            assertThat(Sexp.of(m.body())).isEqualTo("^tally");
        }

        @Test
        void aBinaryMethodHasItsSelectorAndOneArgument() {
            assertThat(method("+ aNumber\n\t^ self plus: aNumber").arguments()).containsExactly("aNumber");
            assertThat(method("| aBoolean\n\t^ self or: [aBoolean]").selector()).isEqualTo("|");
            assertThat(method("-> anObject\n\t^ Association key: self value: anObject").selector()).isEqualTo("->");
            assertThat(method("~= other ^ (self = other) not").selector()).isEqualTo("~=");
            assertThat(method("- x ^ x").selector()).isEqualTo("-");
        }

        @Test
        void aKeywordMethodJoinsItsKeywordsAndNamesEachArgument() {
            MethodNode m = method("at: index put: value\n\t^ self basicAt: index put: value");

            assertThat(m.selector()).isEqualTo("at:put:");
            assertThat(m.arguments()).containsExactly("index", "value");
        }

        @Test
        void temporariesAreDeclaredBetweenBarsAndAnEmptyDeclarationIsAllowed() {
            assertThat(method("foo\n\t| a b c |\n\ta := 1").temporaries()).containsExactly("a", "b", "c");
            assertThat(method("foo || ^ 1").temporaries()).isEmpty();
            assertThat(method("foo | | ^ 1").temporaries()).isEmpty();
        }

        @Test
        void statementsAreSeparatedByPeriodsAndTheLastPeriodIsOptional() {
            assertThat(body("foo a. b. c")).isEqualTo("a. b. c");
            assertThat(body("foo a. b. c.")).isEqualTo("a. b. c");
            assertThat(body("foo ^ a.")).isEqualTo("^a");
            assertThat(method("foo").body()).isEmpty();
            assertThat(method("foo \"only a comment\"").body()).isEmpty();
        }

        @Test
        void commentsMayStandBetweenAnyTwoTokens() {
            MethodNode m = method("\"lead\" at: \"a\" i \"b\" put: \"c\" v \"d\" | \"e\" t \"f\" | \"g\" ^ \"h\" t \"i\""
                    + " := \"j\" i \"k\" + \"l\" v \"m\" . \"n\"");

            assertThat(m.selector()).isEqualTo("at:put:");
            assertThat(m.temporaries()).containsExactly("t");
            assertThat(Sexp.of(m.body())).isEqualTo("^(:= t (+ i v))");
        }

        @Test
        void classicCarriageReturnLineEndsAreSeparators() {
            MethodNode m = method("printOn: aStream\r\t\"comment\"\r\t| t |\r\tt := 3.\r\r\t^ aStream print: t");

            assertThat(Sexp.of(m.body())).isEqualTo("(:= t 3). ^(print: aStream t)");
        }
    }

    @Nested
    class Pragmas {
        @Test
        void aPrimitiveMayComeBeforeTheTemporaries() {
            MethodNode m = method("at: i\n\t<primitive: 60>\n\t| t |\n\t^ self indexError: i");

            assertThat(m.pragmas()).extracting(Pragma::keyword).containsExactly("primitive:");
            assertThat(m.pragmas().get(0).arguments()).containsExactly(integer(60));
            assertThat(m.temporaries()).containsExactly("t");
        }

        @Test
        void aPrimitiveMayComeAfterTheTemporaries() {
            MethodNode m = method("at: i\n\t| t |\n\t<primitive: 60>\n\t^ self indexError: i");

            assertThat(m.pragmas()).extracting(Pragma::keyword).containsExactly("primitive:");
            assertThat(m.temporaries()).containsExactly("t");
        }

        @Test
        void aNamedPrimitiveHasTheNameAndModuleAsStrings() {
            Pragma p = method("primSize <primitive: 'primitiveSize' module: 'FilePlugin'> ^ nil").pragmas().get(0);

            assertThat(p.keyword()).isEqualTo("primitive:module:");
            assertThat(p.arguments()).containsExactly(new LiteralValue.StringValue("primitiveSize"),
                    new LiteralValue.StringValue("FilePlugin"));
        }

        @Test
        void anyKeywordPragmaKeepsItsLiteralArguments() {
            List<Pragma> pragmas = method("foo\n\t<menu: #tools label: 'Tools' order: -1 enabled: true>\n"
                    + "\t<shape: #(1 $a) bytes: #[1 2] char: $x>\n\t<script>\n\t^ 1").pragmas();

            assertThat(pragmas).extracting(Pragma::keyword)
                    .containsExactly("menu:label:order:enabled:", "shape:bytes:char:", "script");
            assertThat(pragmas.get(0).arguments()).containsExactly(new LiteralValue.SymbolValue("tools"),
                    new LiteralValue.StringValue("Tools"), integer(-1), new LiteralValue.ConstantValue("true"));
            assertThat(pragmas.get(1).arguments()).containsExactly(
                    new LiteralValue.ArrayValue(List.of(integer(1), new LiteralValue.CharacterValue('a'))),
                    new LiteralValue.ByteArrayValue(new byte[] {1, 2}), new LiteralValue.CharacterValue('x'));
            assertThat(pragmas.get(2).arguments()).isEmpty();
        }

        @Test
        void aPrimitiveErrorCodeNameIsGivenAsASymbol() {
            Pragma p = method("foo <primitive: 60 error: ec> ^ ec").pragmas().get(0);

            assertThat(p.keyword()).isEqualTo("primitive:error:");
            assertThat(p.arguments()).containsExactly(integer(60), new LiteralValue.SymbolValue("ec"));
        }

        @Test
        void pragmasMayStandOnBothSidesOfTheTemporaries() {
            MethodNode m = method("foo <a: 1> | t | <b: 2> ^ t");

            assertThat(m.pragmas()).extracting(Pragma::keyword).containsExactly("a:", "b:");
            assertThat(m.temporaries()).containsExactly("t");
        }
    }

    @Nested
    class Precedence {
        @Test
        void unaryBindsTighterThanBinaryWhichBindsTighterThanKeyword() {
            assertThat(statements("a foo + b bar baz: c qux - d")).isEqualTo("(baz: (+ (foo a) (bar b)) (- (qux c) d))");
        }

        @Test
        void binaryMessagesAssociateToTheLeft() {
            assertThat(statements("1 + 2 * 3 - 4")).isEqualTo("(- (* (+ 1 2) 3) 4)");
        }

        @Test
        void unaryMessagesChainToTheLeft() {
            assertThat(statements("x foo bar baz")).isEqualTo("(baz (bar (foo x)))");
        }

        @Test
        void parenthesesOverridePrecedence() {
            assertThat(statements("(1 + (2 * 3)) max: (a at: 1)")).isEqualTo("(max: (+ 1 (* 2 3)) (at: a 1))");
        }

        @Test
        void aKeywordMessageTakesAllItsKeywordsAtOnce() {
            assertThat(statements("dict at: #k put: 3 + 4 factorial")).isEqualTo("(at:put: dict #k (+ 3 (factorial 4)))");
        }

        @Test
        void binarySelectorsAreRunsOfBinaryCharacters() {
            assertThat(statements("a ~= b. a -> b. a >= b. a // b. a \\\\ b. a , b. a ==> b. a & b | c. a ~~ b"))
                    .isEqualTo("(~= a b). (-> a b). (>= a b). (// a b). (\\\\ a b). (, a b). (==> a b). "
                            + "(| (& a b) c). (~~ a b)");
        }

        @Test
        void aBarIsAlwaysABinarySelectorOfItsOwn() {
            assertThat(statements("a | b")).isEqualTo("(| a b)");
            assertThatThrownBy(() -> Parser.parseDoIt("a || b")).isInstanceOf(SyntaxError.class)
                    .hasMessage("line 1:4: expected an argument after '|' but found '|'");
        }
    }

    @Nested
    class Cascades {
        @Test
        void theCascadeReceiverIsTheReceiverOfTheFirstMessage() {
            assertThat(statements("Transcript show: 'a'; cr")).isEqualTo("(; Transcript (show: 'a') (cr))");
        }

        @Test
        void theCascadeReceiverIsTheReceiverOfTheLastMessageBeforeTheSemicolon() {
            assertThat(statements("OrderedCollection new add: 1; add: 2; yourself"))
                    .isEqualTo("(; (new OrderedCollection) (add: 1) (add: 2) (yourself))");
            assertThat(statements("a foo bar; baz")).isEqualTo("(; (foo a) (bar) (baz))");
            assertThat(statements("a + b foo; bar")).isEqualTo("(; a (+ (foo b)) (bar))");
        }

        @Test
        void eachCascadePartIsOneMessageWhoseArgumentsMayBeAnyBinaryExpression() {
            assertThat(statements("s nextPutAll: 'x'; print: 3 + 4 factorial; - 2 abs; at: 1 put: (a max: b); yourself"))
                    .isEqualTo("(; s (nextPutAll: 'x') (print: (+ 3 (factorial 4))) (- (abs 2)) "
                            + "(at:put: 1 (max: a b)) (yourself))");
        }

        @Test
        void aCascadeInParenthesesIsAnOrdinaryArgument() {
            assertThat(statements("y foo: (x bar; baz) qux: 1"))
                    .isEqualTo("(foo:qux: y (; x (bar) (baz)) 1)");
        }

        @Test
        void aCascadeToSuperIsLeftForTheCompilerToJudge() {
            assertThat(statements("super foo; bar")).isEqualTo("(; super (foo) (bar))");
        }

        @Test
        void aCascadeValueCanBeAssignedAndReturned() {
            assertThat(body("foo ^ a := Set new add: 1; yourself")).isEqualTo("^(:= a (; (new Set) (add: 1) (yourself)))");
        }

        @Test
        void aCascadeIsTheStatementAndKeepsItsSpans() {
            MethodNode m = doIt("Transcript show: 'a'; cr");
            Cascade c = (Cascade) m.body().get(0).expression();

            assertThat(c.start()).isZero();
            assertThat(c.end()).isEqualTo(24);
            assertThat(c.messages().get(0).selectorStart()).isEqualTo(11);
            assertThat(c.messages().get(0).end()).isEqualTo(20);
            assertThat(c.messages().get(1).selectorStart()).isEqualTo(22);
            assertThat(c.messages().get(1).end()).isEqualTo(24);
        }
    }

    @Nested
    class Assignments {
        @Test
        void anAssignmentStoresTheValueOfAnExpression() {
            assertThat(statements("a := 3 + 4")).isEqualTo("(:= a (+ 3 4))");
        }

        @Test
        void assignmentsChainToTheRight() {
            assertThat(statements("a := b := c _ 3")).isEqualTo("(:= a (:= b (:= c 3)))");
        }

        @Test
        void theUnderscoreIsTheSqueakAssignmentArrowEvenWithoutSpaces() {
            assertThat(statements("a _ 3. a_b. x_y foo")).isEqualTo("(:= a 3). (:= a b). (:= x (foo y))");
        }

        @Test
        void inPharoAnUnderscoreIsALetter() {
            MethodNode m = Sources.checked(Parser.parseDoIt("my_var := _tmp foo_bar", Dialect.PHARO),
                    s -> Parser.parseDoIt(s, Dialect.PHARO), false);

            assertThat(Sexp.of(m.body())).isEqualTo("(:= my_var (foo_bar _tmp))");
        }

        @Test
        void anAssignmentInParenthesesIsAnArgument() {
            assertThat(statements("x foo: (a := 3)")).isEqualTo("(foo: x (:= a 3))");
        }
    }

    @Nested
    class Blocks {
        @Test
        void aBlockHasArgumentsTemporariesAndStatements() {
            Block b = (Block) doIt("[:a :b | | t u | t := a. u := b]").body().get(0).expression();

            assertThat(b.arguments()).containsExactly("a", "b");
            assertThat(b.temporaries()).containsExactly("t", "u");
            assertThat(Sexp.of(b.body())).isEqualTo("(:= t a). (:= u b)");
        }

        @Test
        void blocksMayBeEmptyOrHaveOnlyArguments() {
            assertThat(statements("[]. [:a | ]. [:a]. [:a :b]. [ :a : b | a]. [| t | t]. [ ]"))
                    .isEqualTo("[]. [:a | ]. [:a | ]. [:a :b | ]. [:a :b | a]. [t | t]. []");
        }

        @Test
        void twoBarsAfterTheArgumentsOpenTheTemporaries() {
            assertThat(statements("[:x || t | t := x]")).isEqualTo("[:x | t | (:= t x)]");
        }

        @Test
        void blocksNestAndReturnFromTheirHomeMethod() {
            assertThat(body("detect: aBlock\n\tself do: [:each | (aBlock value: each) ifTrue: [^ each]].\n"
                    + "\t^ self errorNotFound"))
                    .isEqualTo("(do: self [:each | (ifTrue: (value: aBlock each) [^each])]). ^(errorNotFound self)");
        }

        @Test
        void aReturnMayEndABlockWithAPeriod() {
            assertThat(statements("[^ 3.]")).isEqualTo("[^3]");
        }

        @Test
        void aBlockSpansItsBrackets() {
            Expression e = doIt("x := [:a | a]").body().get(0).expression();
            Block b = (Block) ((Expression.Assignment) e).value();

            assertThat(b.start()).isEqualTo(5);
            assertThat(b.end()).isEqualTo(13);
        }
    }

    @Nested
    class Braces {
        @Test
        void braceArraysHoldExpressionsSeparatedByPeriods() {
            assertThat(statements("{1. 2 + 3. a foo}. {}. {a.}. {{1}}"))
                    .isEqualTo("{1 (+ 2 3) (foo a)}. {}. {a}. {{1}}");
        }
    }

    @Nested
    class PseudoVariables {
        @Test
        void pseudoVariablesAreVariablesForTheCompilerToBind() {
            List<Statement> body = doIt("self. super. thisContext. true. false. nil").body();

            assertThat(body).extracting(s -> ((Variable) s.expression()).name())
                    .containsExactly("self", "super", "thisContext", "true", "false", "nil");
        }

        @Test
        void aSuperSendHasTheVariableSuperAsReceiver() {
            Send s = (Send) method("initialize super initialize. x := 0").body().get(0).expression();

            assertThat(s.receiver()).isEqualTo(new Variable("super", 11, 16));
        }
    }

    @Nested
    class DoIts {
        @Test
        void aDoItIsAMethodNamedDoItWithTemporariesAndStatements() {
            MethodNode m = doIt("| a b | a := 3. b := a * 2. b printString");

            assertThat(m.selector()).isEqualTo(Syntax.DOIT_SELECTOR);
            assertThat(m.arguments()).isEmpty();
            assertThat(m.temporaries()).containsExactly("a", "b");
            assertThat(m.body().get(2)).isInstanceOf(Statement.Evaluate.class);
        }

        @Test
        void anExpressionIsParsedAsADoIt() {
            MethodNode m = Parser.parseExpression("3 + 4");

            assertThat(m.selector()).isEqualTo("DoIt");
            assertThat(Sexp.of(m.body())).isEqualTo("(+ 3 4)");
        }

        @Test
        void anEmptyDoItHasNoStatements() {
            assertThat(doIt("  \"nothing\"  ").body()).isEmpty();
            assertThat(doIt("").body()).isEmpty();
        }
    }

    @Nested
    class NegativeLiteralsAndBinaryMinus {
        @Test
        void aMinusDirectlyBeforeADigitInOperandPositionIsPartOfTheLiteral() {
            assertThat(statements("-3 abs. x foo: -1. 3 @ -4. 3@-4. -2.5 negated. -16rFF"))
                    .isEqualTo("(abs -3). (foo: x -1). (@ 3 -4). (@ 3 -4). (negated -2.5). -255");
        }

        @Test
        void aMinusAfterAnOperandIsABinarySend() {
            assertThat(statements("3-2. 3 -2. x -1. a-1. 3 - 2")).isEqualTo("(- 3 2). (- 3 2). (- x 1). (- a 1). (- 3 2)");
        }

        @Test
        void aDoubleMinusIsABinaryMinusThenANegativeLiteral() {
            assertThat(statements("3 - -2. 3--2. a--1")).isEqualTo("(- 3 -2). (- 3 -2). (- a -1)");
        }

        @Test
        void aNegativeLiteralSpansItsMinus() {
            Literal l = (Literal) ((Send) doIt("3 - -2").body().get(0).expression()).arguments().get(0);

            assertThat(l.value()).isEqualTo(integer(-2));
            assertThat(l.start()).isEqualTo(4);
            assertThat(l.end()).isEqualTo(6);
        }
    }

    @Nested
    class Spans {
        @Test
        void aSendSpansFromItsReceiverIncludingParenthesesToItsLastArgument() {
            MethodNode m = doIt("(a bar: 3) baz: (4)");
            Send s = (Send) m.body().get(0).expression();

            assertThat(s.start()).isZero();
            assertThat(s.end()).isEqualTo(19);
            assertThat(s.selectorStart()).isEqualTo(11);
            assertThat(s.receiver().start()).isEqualTo(1);
            assertThat(s.receiver().end()).isEqualTo(9);
            assertThat(s.arguments().get(0).start()).isEqualTo(17);
        }

        @Test
        void aKeywordSendsSelectorStartIsItsFirstKeyword() {
            Send s = (Send) doIt("d at: 1 put: 2").body().get(0).expression();

            assertThat(s.selectorStart()).isEqualTo(2);
            assertThat(s.end()).isEqualTo(14);
        }

        @Test
        void aReturnSpansFromTheCaretAndAMethodSpansItsWholeSource() {
            MethodNode m = method("foo\n\t^ 1 + 2 ");
            Statement r = m.body().get(0);

            assertThat(r.start()).isEqualTo(5);
            assertThat(r.end()).isEqualTo(12);
            assertThat(m.start()).isZero();
            assertThat(m.end()).isEqualTo(13);
        }

        @Test
        void aPragmaSpansItsAngleBrackets() {
            Pragma p = method("foo <primitive: 1> ^ 2").pragmas().get(0);

            assertThat(p.start()).isEqualTo(4);
            assertThat(p.end()).isEqualTo(18);
        }

        @Test
        void literalsSpanTheirWholeSpelling() {
            List<Statement> body = doIt("#(1 #(2) $a). #[1 2]. 'it''s'. #foo:bar:. 16r1F. $ ").body();

            assertThat(body).extracting(s -> s.expression().end() - s.expression().start())
                    .containsExactly(12, 6, 7, 9, 5, 2);
        }
    }

    static LiteralValue integer(long value) {
        return new LiteralValue.IntegerValue(java.math.BigInteger.valueOf(value));
    }
}
