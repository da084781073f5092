package org.ozworkbench.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * The interpreter's compiling tier on the real images: a budget stops compiled code at the very
 * bytecode the interpreter alone stops at, code compiled from a method is dropped when the
 * method's bytes change, and recursion deeper than the compiled calls the host stack holds goes
 * on in the interpreter. (Answers and bytecode counts on the whole conformance corpora:
 * {@code CompiledCodeConformanceTest}.)
 */
class CompiledCodeTest {
    private static final String COUNTING_LOOP =
            "Smalltalk at: #OzwCount put: 0. [Smalltalk at: #OzwCount put: (Smalltalk at: #OzwCount) + 1. true] whileTrue";

    /** pushConstant: 5, pushConstant: 3, send: -, returnTop: the third byte is the one to patch (16rB0 is +). */
    private static final String ANSWER = "ozwAnswer ^ 5 - 3";

    private static Object valueOf(Evaluation e) {
        assertThat(e).as(e.text()).isInstanceOf(Evaluation.Value.class);
        return ((Evaluation.Value) e).hostValue().orElseThrow();
    }

    @Test
    void givenABytecodeBudget_whenCompiledCodeSpendsIt_thenItStopsWhereTheInterpreterAloneStops() {
        long budget = 1_000_003;
        Object interpreted = countAfter(budget, 0);
        Object compiled = countAfter(budget, 1);

        assertThat((Integer) interpreted).isGreaterThan(1_000);
        assertThat(compiled).isEqualTo(interpreted);
    }

    /** The loop's count after {@code budget} bytecodes, methods compiled after {@code threshold} entries. */
    private static Object countAfter(long budget, int threshold) {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            Interpreter interpreter = space.execution().interpreter();
            interpreter.compileThreshold(threshold);
            Evaluation e = space.execution().evaluate(COUNTING_LOOP, Budget.bytecodes(budget));

            assertThat(e).isInstanceOf(Evaluation.Unfinished.class);
            RunResult r = ((Evaluation.Unfinished) e).result();
            assertThat(r).isInstanceOf(RunResult.BudgetSpent.class);
            assertThat(r.bytecodes()).isEqualTo(budget);
            assertThat(interpreter.compiledMethods() > 0).isEqualTo(threshold > 0);
            return valueOf(space.evaluate("Smalltalk at: #OzwCount"));
        }
    }

    @Test
    void givenACompiledMethod_whenASurgeryChangesItsBytecodes_thenTheNewBytecodesRun() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            space.execution().interpreter().compileThreshold(1);
            GuestObject method = space.unwrapObject(Compiler.on(space)
                    .install(space.classNamed("Object").orElseThrow(), ANSWER));
            assertThat(method.bytes()[2] & 0xFF).as("send: -").isEqualTo(0xB1);
            assertThat(valueOf(space.evaluate("nil ozwAnswer"))).isEqualTo(2);
            int compiled = space.execution().interpreter().compiledMethods();

            try (Surgery s = space.beginSurgery("push 1 instead")) {
                space.membrane().storeByte(method, 2, 0xB0);
                s.commit();
            }

            assertThat(valueOf(space.evaluate("nil ozwAnswer"))).isEqualTo(8);
            assertThat(space.execution().interpreter().compiledMethods()).isGreaterThan(compiled);
        }
    }

    @Test
    void givenACompiledMethod_whenTheGuestStoresIntoItsBytecodes_thenTheNewBytecodesRun() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            space.execution().interpreter().compileThreshold(1);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(), ANSWER);
            assertThat(valueOf(space.evaluate("nil ozwAnswer"))).isEqualTo(2);

            valueOf(space.evaluate("| m | m := Object compiledMethodAt: #ozwAnswer. m at: m initialPC + 2 put: 16rB0. 0"));

            assertThat(valueOf(space.evaluate("nil ozwAnswer"))).isEqualTo(8);
        }
    }

    @Test
    void givenARecursionDeeperThanTheHostStackHoldsCompiled_whenRun_thenItAnswers() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            space.execution().interpreter().compileThreshold(1);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(),
                    "ozwDepth: n ^ n = 0 ifTrue: [0] ifFalse: [1 + (self ozwDepth: n - 1)]");

            assertThat(valueOf(space.evaluate("nil ozwDepth: 100000"))).isEqualTo(100_000);
        }
    }

    @Test
    void givenClosuresCalledRecursively_whenTheirBodiesRunCompiled_thenTheyAnswerAsInterpreted() {
        Optional<java.nio.file.Path> candle = Images.sharedImage("candle-6505.image");
        org.junit.jupiter.api.Assumptions.assumeTrue(candle.isPresent(), "../shared/images/candle-6505.image is missing: skipped");
        String expression = "| b | b := nil. b := [:n | n = 0 ifTrue: [0] ifFalse: [n + (b value: n - 1)]]. "
                + "(b value: 20000) printString , ' ' , ((1 to: 10) collect: [:i | i * i]) printString";
        try (ObjectSpace space = ObjectSpace.load(candle.get())) {
            space.execution().interpreter().compileThreshold(1);

            assertThat(valueOf(space.evaluate(expression)))
                    .isEqualTo("200010000 #(1 4 9 16 25 36 49 64 81 100 )");
            assertThat(space.execution().interpreter().compiledMethods()).isPositive();
        }
    }

    @Test
    void givenOneCompiledAtSite_whenItsReceiversClassesAndTheirAtMethodsChange_thenEachAtRunsTheMethodTheLookupFindsNow() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            space.execution().interpreter().compileThreshold(1);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(), "ozwAt: c ^ c at: 2");
            String mixed = "| a s o sum | a := Array with: 1 with: 20. s := 'xy'. o := OrderedCollection new add: 3; add: 300; yourself. "
                    + "sum := 0. 1 to: 3 do: [:i | sum := sum + (nil ozwAt: a) + (nil ozwAt: s) asInteger + (nil ozwAt: o)]. sum";

            assertThat(valueOf(space.evaluate(mixed))).as("Array, String and OrderedCollection at one site").isEqualTo(3 * (20 + 121 + 300));

            // the guest replaces Array>>at: while the site's cache holds Array's primitive: the flush the
            // guest's MethodDictionary makes must reach the site before its next at:
            Compiler.on(space).install(space.classNamed("Array").orElseThrow(), "ozwFortyTwo: index ^ 42");
            String replaced = "| a before | a := Array with: 1 with: 20. before := nil ozwAt: a. "
                    + "Array addSelector: #at: withMethod: (Array compiledMethodAt: #ozwFortyTwo:). before * 1000 + (nil ozwAt: a)";
            assertThat(valueOf(space.evaluate(replaced))).isEqualTo(20 * 1000 + 42);
        }
    }
}
