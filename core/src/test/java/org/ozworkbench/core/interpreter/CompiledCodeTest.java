package org.ozworkbench.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    private static final String FIB = "ozwFib: n ^ n < 2 ifTrue: [1] ifFalse: [(self ozwFib: n - 1) + (self ozwFib: n - 2) + 1]";

    @Test
    void givenACompiledRecursion_whenItRuns_thenItsActivationsMakeNoContextsUnlessDirectActivationsAreOff() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            Interpreter interpreter = space.execution().interpreter();
            interpreter.compileThreshold(1);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(), FIB);
            assertThat(valueOf(space.evaluate("nil ozwFib: 10"))).isEqualTo(177);

            long sends = interpreter.sends();
            long contexts = interpreter.contextsMade();
            assertThat(valueOf(space.evaluate("nil ozwFib: 20"))).isEqualTo(21_891);
            assertThat(interpreter.sends() - sends).isGreaterThan(21_891);
            assertThat(interpreter.contextsMade() - contexts).as("contexts made").isLessThan(1_000);

            interpreter.directActivations(false);
            contexts = interpreter.contextsMade();
            assertThat(valueOf(space.evaluate("nil ozwFib: 20"))).isEqualTo(21_891);
            assertThat(interpreter.contextsMade() - contexts).as("contexts made, direct activations off").isGreaterThan(21_891);
        }
    }

    /**
     * A recursion 40 deep, each level with a temp and a value on its stack, whose innermost level
     * sends to a method that keeps its sender (thisContext): the levels below, direct activations
     * until then, are there as contexts (pc, stack pointer, temps and stack), as the interpreter
     * alone makes them.
     */
    @Test
    void givenDirectActivations_whenAMethodTheyCallKeepsItsSender_thenTheyAreThereAsContexts() {
        String keep = "ozwKeep | c copies | c := thisContext sender. copies := Array new: 41. "
                + "1 to: 41 do: [:i | copies at: i put: c shallowCopy. c := c sender]. Smalltalk at: #OzwContexts put: copies. ^ 0";
        String down = "ozwDown: n acc: a | t | t := n * 2. n = 0 ifTrue: [^ self ozwKeep]. ^ (self ozwDown: n - 1 acc: a + t) + 1";
        List<String> interpreted = stackKept(0, keep, down);
        List<String> direct = stackKept(1, keep, down);

        assertThat(interpreted).hasSize(41);
        assertThat(interpreted.get(0)).isEqualTo("pc 23, 3 slots: 0 1640 0");
        assertThat(interpreted.get(1)).isEqualTo("pc 32, 3 slots: 1 1638 2");
        assertThat(direct).isEqualTo(interpreted);
    }

    /** Copies of the 41 contexts below ozwKeep's as it saw them, innermost first: pc, then their slots from the first temp to the stack's top. */
    private static List<String> stackKept(int threshold, String... methods) {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            space.execution().interpreter().compileThreshold(threshold);
            for (String m : methods) {
                Compiler.on(space).install(space.classNamed("Object").orElseThrow(), m);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(valueOf(space.evaluate("nil ozwDown: 40 acc: 0"))).isEqualTo(40);
            }
            GuestObject binding = space.unwrapObject(space.globalAssociation("OzwContexts").orElseThrow());
            GuestObject nil = space.memory().nil();
            List<String> frames = new java.util.ArrayList<>();
            for (Object c : ((GuestObject) binding.pointers()[1]).pointers()) {
                Object[] f = ((GuestObject) c).pointers();
                int slots = (Integer) f[Interpreter.STACKP];
                StringBuilder b = new StringBuilder("pc " + f[Interpreter.PC] + ", " + slots + " slots:");
                for (int i = 0; i < slots; i++) {
                    Object v = f[Interpreter.TEMP0 + i];
                    b.append(' ').append(v == nil ? "nil" : v);
                }
                frames.add(b.toString());
            }
            return frames;
        }
    }

    @Test
    void givenABytecodeBudget_whenItRunsOutInsideDirectActivations_thenItStopsWhereTheInterpreterAloneStops() {
        String count = "ozwCount: n into: a a at: 1 put: (a at: 1) + 1. ^ n = 0 ifTrue: [0] ifFalse: [1 + (self ozwCount: n - 1 into: a)]";
        long budget = 1_000_003;
        Object interpreted = countedBefore(budget, 0, count);
        Object direct = countedBefore(budget, 1, count);

        assertThat((Integer) interpreted).isGreaterThan(1_000);
        assertThat(direct).isEqualTo(interpreted);
    }

    /** The levels the recursion entered within {@code budget} bytecodes, methods compiled after {@code threshold} entries. */
    private static Object countedBefore(long budget, int threshold, String method) {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            Interpreter interpreter = space.execution().interpreter();
            interpreter.compileThreshold(threshold);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(), method);
            valueOf(space.evaluate("Smalltalk at: #OzwA put: (Array with: 0). 0"));
            Evaluation e = space.execution().evaluate("| a | a := Smalltalk at: #OzwA. [true] whileTrue: [nil ozwCount: 300 into: a]",
                    Budget.bytecodes(budget));

            assertThat(e).as(e.text()).isInstanceOf(Evaluation.Unfinished.class);
            RunResult r = ((Evaluation.Unfinished) e).result();
            assertThat(r).isInstanceOf(RunResult.BudgetSpent.class);
            assertThat(r.bytecodes()).isEqualTo(budget);
            return valueOf(space.evaluate("(Smalltalk at: #OzwA) first"));
        }
    }

    /** Past the 16 M words allocated between two looks at the host heap: the look happens inside the direct activation. */
    @Test
    void givenADirectActivationThatAllocates_whenTheMemoryLookComes_thenItStaysDirect() {
        try (ObjectSpace space = ObjectSpace.load(Images.scratch())) {
            Interpreter interpreter = space.execution().interpreter();
            interpreter.compileThreshold(1);
            Compiler.on(space).install(space.classNamed("Object").orElseThrow(),
                    "ozwAlloc: n | a | 1 to: n do: [:i | a := Array new: 1000]. ^ a size");
            assertThat(valueOf(space.evaluate("nil ozwAlloc: 10"))).isEqualTo(1000);

            long contexts = interpreter.contextsMade();
            assertThat(valueOf(space.evaluate("nil ozwAlloc: 10"))).isEqualTo(1000);
            long few = interpreter.contextsMade() - contexts;
            contexts = interpreter.contextsMade();
            assertThat(valueOf(space.evaluate("nil ozwAlloc: 20000"))).isEqualTo(1000);

            assertThat(interpreter.contextsMade() - contexts).as("contexts made past a memory look").isEqualTo(few);
        }
    }
}
