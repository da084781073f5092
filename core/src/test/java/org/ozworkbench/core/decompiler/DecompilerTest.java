package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Each construct the decompiler recovers, on Scratch.image: a method compiled by our compiler from
 * the source the guest's Decompiler would print decompiles to that very text, and the text
 * compiles back to the same bytes. Hand-assembled bytecodes no compiler makes get a commented
 * disassembly that compiles.
 */
class DecompilerTest {
    private static ObjectSpace space;
    private static ClassMirror point;

    @BeforeAll
    static void load() {
        space = ObjectSpace.load(Images.scratch());
        point = space.classNamed("Point").orElseThrow();
    }

    @AfterAll
    static void close() {
        space.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "foo\n\t^ x",
        "foo: t1\n\t<primitive: 60>\n\t^ super foo: t1",
        "foo\n\t<primitive: 'primitiveFoo' module:'FooPlugin'>\n\t^ self primitiveFailed",
        "foo: t1 bar: t2\n\t| t3 t4 |\n\tt3 _ t1 + t2 * 3.\n\tt4 _ t3 ifTrue: [1] ifFalse: [2].\n\t^ t4",
        "foo: t1\n\tt1 > 0 ifTrue: [x _ 1].\n\tt1 isNil ifFalse: [^ y]",
        "foo: t1\n\t^ (t1 > 0 and: [t1 < 9]) or: [t1 = 20]",
        "foo: t1\n\t^ t1 ifNil: [x]",
        "foo: t1\n\t^ t1 ifNotNil: [y]",
        "foo: t1\n\tt1 ifNil: [x _ 1].\n\t^ t1 ifNil: [1] ifNotNil: [2]",
        "foo\n\t| t1 |\n\tt1 _ 0.\n\t[t1 < 10] whileTrue: [t1 _ t1 + 1].\n\t[t1 = 0] whileFalse: [t1 _ t1 - 1].\n\t^ t1",
        "foo: t1\n\t1 to: t1 size do: [:t2 | x _ t2].\n\t10 to: 1 by: -2 do: [:t2 | y _ t2]",
        "foo: t1\n\tt1 nextPutAll: 'a''b'; print: #(1 $a #sym 'str' (2 3 ) nil 2.5 ); nextPut: $ ; cr",
        "foo: t1\n\t^ {t1. x + 1}",
        "foo\n\t^ #[1 2 255] , #at:put: , #+ , #'with space'",
        "foo\n\t^ thisContext sender",
        "foo: t1\n\t^ t1 collect: [:t2 | t2 detect: [:t3 | t3 > x] ifNone: []]",
        "foo: t1\n\tt1 do: [:t2 | t2 = 0 ifTrue: [^ t2]. nil].\n\t^ Transcript",
        "foo: t1\n\tt1 ifTrue: [^ 1] ifFalse: [^ 2]",
        "foo: t1\n\t^ t1 ifNil: [true] ifNotNil: [t1 isEmpty]",
        "foo: t1\n\t^ t1 collect: [:t2 | [t2 > 0] whileTrue: [t2 foo]. nil]",
        "foo\n\t^ self"})
    void sourceCompiledByOurCompilerDecompilesToTheSameText(String source) {
        Compiler compiler = Compiler.on(space);
        MethodMirror method = compiler.createMethod(point, source);
        String selector = compiler.compile(point, source).selector();

        String decompiled = Decompiler.on(space).decompile(point, selector, method);

        assertThat(decompiled).isEqualTo(source + "\n");
        CompiledMethodSpec again = compiler.compile(point, decompiled);
        assertThat(Arrays.equals(again.bytecodes(), method.bytecodes())).as(decompiled).isTrue();
        assertThat(again.header().encode()).isEqualTo(method.header().encode());
    }

    @Test
    void quickMethodsReturnTheirConstantOrInstanceVariable() {
        MethodMirror x = point.compiledMethodAt("x").orElseThrow();

        assertThat(Decompiler.on(space).decompile(point, "x", x)).isEqualTo("x\n\t^ x\n");
        assertThat(x.header().isQuick()).isTrue();
    }

    @Test
    void bytecodesNoCompilerMakesGetACommentedDisassemblyThatCompiles() {
        MethodBuilder builder = MethodBuilder.on(space);
        Assembler asm = builder.assembler();
        Assembler.Label middle = asm.newLabel();
        builder.pushNil();
        asm.jumpIfTrue(middle);
        builder.pushSelf();
        asm.bind(middle);
        builder.send("printString", 0).returnTop();
        MethodMirror odd = builder.build();
        Decompiler decompiler = Decompiler.on(space);

        assertThatThrownBy(() -> decompiler.decompile(point, "odd", odd)).isInstanceOf(DecompileException.class)
                .hasMessageContaining("a one-armed if answering a value");
        String source = decompiler.source(point, "odd", odd);
        assertThat(source).startsWith("odd\n\t\"ozw: not decompiled: a one-armed if answering a value")
                .contains("jumpTrue:", "send: #printString (0 args)");
        assertThat(Compiler.on(space).compile(point, source).selector()).isEqualTo("odd");
        assertThat(decompiler.source(point, "", point.compiledMethodAt("+").orElseThrow()))
                .as("a method under an empty selector, as a damaged dictionary may hold")
                .startsWith("\n\t\"ozw: not decompiled: the selector # does not take the method's 1 arguments");
    }
}
