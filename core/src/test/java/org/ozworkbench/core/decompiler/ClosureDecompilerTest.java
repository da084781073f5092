package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.Literal;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Closures (candle-6505.image): a method our compiler makes from the first source decompiles to the
 * second (temporaries of a closure's context and of temp vectors get the next free names), which
 * compiles back to the same bytes.
 */
class ClosureDecompilerTest {
    private static final long SMALL_STACK = 256 * 1024;
    private static ObjectSpace space;
    private static ClassMirror cls;

    @BeforeAll
    static void load() {
        space = ObjectSpace.load(Images.assumeImage("candle-6505.image"));
        cls = space.classNamed("PCUndefinedObject").orElseThrow();
    }

    @AfterAll
    static void close() {
        space.close();
    }

    @Test
    void closuresNestedDeeperThanTheStackGetTheCommentedDisassembly() throws InterruptedException {
        int depth = 12_000;
        MethodBuilder builder = MethodBuilder.on(space);
        Assembler asm = builder.assembler();
        List<Assembler.Label> ends = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            Assembler.Label end = asm.newLabel();
            ends.add(end);
            asm.pushClosure(0, 0, end);
        }
        asm.pushNil();
        for (int i = depth - 1; i >= 0; i--) {
            asm.blockReturn();
            asm.bind(ends.get(i));
        }
        MethodMirror deep = builder.returnTop().build();
        String[] source = new String[1];
        Thread small = new Thread(null, () -> source[0] = Decompiler.on(space).source(cls, "deep", deep), "small stack",
                SMALL_STACK);
        small.start();
        small.join();

        assertThat(source[0]).startsWith("deep\n\t\"ozw: not decompiled: constructs nested deeper than the host's stack");
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("foo: a ^ a collect: [:x | x + 1]",
                        "foo: t1\n\t^ t1 collect: [:t2 | t2 + 1]\n"),
                Arguments.of("foo: a | sum | sum := 0. a do: [:x | sum := sum + x]. ^ sum",
                        "foo: t1\n\t| t3 |\n\tt3 := 0.\n\tt1 do: [:t4 | t3 := t3 + t4].\n\t^ t3\n"),
                Arguments.of("foo: a ^ a collect: [:x | | y | y := x * 2. y + 1]",
                        "foo: t1\n\t^ t1 collect: [:t2 | | t3 | t3 := t2 * 2. t3 + 1]\n"),
                Arguments.of("foo: a ^ [:x | [a + x]]",
                        "foo: t1\n\t^ [:t2 | [t1 + t2]]\n"),
                Arguments.of("foo: a a do: [:x | | n | n := 0. [n < x] whileTrue: [a do: [:y | n := n + y]]]",
                        "foo: t1\n\tt1 do: [:t2 | | t3 | t3 := 0. [t3 < t2] whileTrue: [t1 do: [:t4 | t3 := t3 + t4]]. nil]\n"),
                // Candle's compiler copies a to:do: counter into a block: its increment is no
                // assignment for the temp vector rule (as in PCString>>findDelimiters:startingAt:).
                Arguments.of("foo: a 1 to: a do: [:i | a foo: [i]]",
                        "foo: t1\n\t1 to: t1 do: [:t2 | t1 foo: [t2]]\n"),
                // Assigned only before the block captures it: copied, no temp vector (PCDictionary>>keys).
                Arguments.of("foo: a | s | s := a size. ^ a collect: [:x | s]",
                        "foo: t1\n\t| t2 |\n\tt2 := t1 size.\n\t^ t1 collect: [:t3 | t2]\n"),
                // A two-armed if whose first arm returns compiles as a one-armed one and the rest:
                // the frame names ifTrue:ifFalse: and no ifTrue: (PCOrderedCollection>>remove:ifAbsent:) ...
                Arguments.of("foo: a [a isNil] whileFalse: [a size > 1 ifTrue: [^ 1] ifFalse: [a foo]]",
                        "foo: t1\n\t[t1 isNil] whileFalse: [t1 size > 1 ifTrue: [^ 1] ifFalse: [t1 foo]]\n"),
                // ... or the compiler reserved the second arm's literals first (PCMetaclass>>name).
                Arguments.of("foo: a a ifNil: [^ 'none'] ifNotNil: [^ a name , ' x']",
                        "foo: t1\n\tt1 ifNil: [^ 'none'] ifNotNil: [^ t1 name , ' x']\n"),
                // The frame tells ifNotNil:ifNil: from the ifNil:ifNotNil: it compiles as.
                Arguments.of("foo: a a ifNotNil: [a bar] ifNil: [a baz]",
                        "foo: t1\n\tt1 ifNotNil: [t1 bar] ifNil: [t1 baz]\n"),
                // The VM leaves a failing primitive's error code in the temporary the pragma names
                // (PCObject>>tryPrimitive:withArgs:).
                Arguments.of("foo: a <primitive: 118 error: ec> ^ ec",
                        "foo: t1\n\t<primitive: 118 error: t2>\n\t^ t2\n"),
                // Inlined blocks' temporaries join the context inner ones first (PCInteger>>benchmark).
                Arguments.of("foo: a 1 to: a do: [:i | 1 to: i do: [:j | a bar: j]]",
                        "foo: t1\n\t1 to: t1 do: [:t3 | 1 to: t3 do: [:t2 | t1 bar: t2]]\n"));
    }

    @Test
    void theInlinedSelectorsComeInTheOrderOfTheBootstrapCompilersSet() {
        Compiler compiler = Compiler.on(space);

        // ifTrue: and ifFalse: share a slot of its Set: the one sized first comes first.
        assertThat(selectors(compiler.compile(cls, "foo: a a ifTrue: [a bar]. a ifFalse: [a baz]")))
                .containsExactly("bar", "baz", "ifTrue:", "ifFalse:", "foo:");
        assertThat(selectors(compiler.compile(cls, "foo: a a ifFalse: [a baz]. a ifTrue: [a bar]")))
                .containsExactly("baz", "bar", "ifFalse:", "ifTrue:", "foo:");
        // to:do: has a slot of its own before theirs, whatever the order.
        assertThat(selectors(compiler.compile(cls, "foo: a a ifTrue: [a bar]. 1 to: a do: [:i | a baz]")))
                .containsExactly("bar", "baz", "to:do:", "ifTrue:", "foo:");
    }

    @Test
    void aBlockCopiesTheOuterTemporariesInTheOrderOfTheirSlots() {
        MethodMirror method = Compiler.on(space).createMethod(cls, "foo: a | s | s := a size. ^ [:x | s + a + x]");

        // pushTemp: 0 (a), pushTemp: 1 (s), pushClosure with two copied values, though s is read first.
        assertThat(method.disassemble())
                .containsPattern("pushTemp: 0\\n.*pushTemp: 1\\n.*pushClosure: numArgs 1 numCopied 2");
    }

    private static List<String> selectors(CompiledMethodSpec method) {
        return method.literals().stream().filter(l -> l instanceof Literal.Selector).map(l -> ((Literal.Selector) l).name())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("sources")
    void closuresDecompileAndCompileBackToTheSameBytes(String original, String expected) {
        Compiler compiler = Compiler.on(space);
        MethodMirror method = compiler.createMethod(cls, original);

        String decompiled = Decompiler.on(space).decompile(cls, "foo:", method);

        assertThat(decompiled).isEqualTo(expected);
        CompiledMethodSpec again = compiler.compile(cls, decompiled);
        assertThat(Arrays.equals(again.bytecodes(), method.bytecodes())).as(method.disassemble()).isTrue();
        assertThat(again.header().encode()).isEqualTo(method.header().encode());
    }
}
