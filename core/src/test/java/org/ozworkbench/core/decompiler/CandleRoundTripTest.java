package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageFacts;

/**
 * Two of Candle's methods that the decompile-and-compile round trip missed for reasons of our own:
 * a two-armed if whose first arm returns, in a loop body, told from a one-armed one by the store its
 * second arm leaves for the pop after the if; and the large frame Candle's compiler gives every
 * method of primitive 84 ({@code perform:withArguments:}) whatever its stack.
 */
class CandleRoundTripTest {
    private static ObjectSpace candle;

    @BeforeAll
    static void load() {
        candle = ObjectSpace.load(Images.assumeImage(ImageFacts.CANDLE.fileName()));
    }

    @AfterAll
    static void close() {
        candle.close();
    }

    private static MethodMirror method(ClassMirror cls, String selector) {
        return cls.compiledMethodAt(selector).orElseThrow();
    }

    private static CompiledMethodSpec roundTrip(ClassMirror cls, String selector) {
        return Compiler.on(candle).compile(cls, Decompiler.on(candle).decompile(cls, selector, method(cls, selector)));
    }

    @Test
    void aTwoArmedIfWhoseFirstArmReturnsInALoopBodyComesBackTwoArmed() {
        ClassMirror integerClass = candle.classNamed("PCInteger").orElseThrow().metaclass();

        CompiledMethodSpec ours = roundTrip(integerClass, "readFrom:base:");

        assertThat(Decompiler.on(candle).decompile(integerClass, "readFrom:base:", method(integerClass, "readFrom:base:")))
                .contains("ifTrue: [t1 skip: -1. t5 ifTrue: [^ t4 negated]. ^ t4] ifFalse: [t4 := t4 * t2 + t3]]");
        assertThat(ours.bytecodes()).isEqualTo(method(integerClass, "readFrom:base:").bytecodes());
    }

    @Test
    void performWithArgumentsGetsTheLargeFrameItsStackDoesNotNeed() {
        ClassMirror object = candle.classNamed("PCObject").orElseThrow();

        CompiledMethodSpec ours = roundTrip(object, "perform:withArguments:");

        assertThat(ours.header().largeFrame()).isTrue();
        assertThat(ours.header()).isEqualTo(method(object, "perform:withArguments:").header());
    }
}
