package org.ozworkbench.core.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The compiler refuses a method the V3 CompiledMethod format cannot hold, at the limit + 1, and
 * compiles one at the limit: literals counted by the header's 8 bits, jumps spanning at most 1023
 * bytes (a longer one used to be encoded as another bytecode: a conditional jump of 6,000 bytes
 * became {@code send: next}), arguments counted by 4 bits.
 */
class MethodFormatLimitsTest {
    /** {@code x foo.}: push temp, send, pop. */
    private static final int BYTES_PER_SEND_STATEMENT = 3;

    private final ObjectSpace space = ObjectSpace.load(Images.scratch());
    private final ClassMirror object = space.classNamed("Object").orElseThrow();
    private final Compiler compiler = Compiler.on(space);

    private static String sendingSelectors(int count) {
        return "manyLiterals\r" + IntStream.range(0, count).mapToObj(i -> "self ozwSelector" + i + ".")
                .collect(Collectors.joining("\r"));
    }

    private static String conditionalOver(int statements) {
        return "jump: x\r\tx ifTrue: [" + IntStream.range(0, statements).mapToObj(i -> "x foo")
                .collect(Collectors.joining(". ")) + "]";
    }

    private static String loopOver(int statements) {
        return "loop: x\r\t[x] whileTrue: [" + IntStream.range(0, statements).mapToObj(i -> "x foo")
                .collect(Collectors.joining(". ")) + "]";
    }

    @Test
    void aMethodWithAsManyLiteralsAsTheHeaderCountsCompilesAndOneMoreIsRefused() {
        assertThat(compiler.compile(object, sendingSelectors(MethodHeader.MAX_LITERALS)).header().numLiterals())
                .isEqualTo(MethodHeader.MAX_LITERALS);

        assertThatThrownBy(() -> compiler.compile(object, sendingSelectors(MethodHeader.MAX_LITERALS + 1)))
                .isInstanceOf(CompileError.class)
                .hasMessageStartingWith("line 1:1: More than 255 literals referenced");
    }

    @Test
    void aJumpLongerThanTheBytecodeSetSpansIsRefusedInsteadOfBecomingAnotherBytecode() {
        int fits = MethodTooLargeException.MAX_JUMP / BYTES_PER_SEND_STATEMENT;
        byte[] code = compiler.compile(object, conditionalOver(fits)).bytecodes();
        assertThat(Byte.toUnsignedInt(code[1]) & ~3).isEqualTo(172);

        assertThatThrownBy(() -> compiler.compile(object, conditionalOver(2000)))
                .isInstanceOf(CompileError.class)
                .hasMessageStartingWith("line 1:1: A block compiles more than 1K bytes of code: a jump of ");
        assertThatThrownBy(() -> compiler.compile(object, loopOver(2000)))
                .isInstanceOf(CompileError.class)
                .hasMessageContaining("A block compiles more than 1K bytes of code");
    }

    @Test
    void fifteenArgumentsCompileAndSixteenAreRefused() {
        assertThat(compiler.compile(object, keywords(MethodHeader.MAX_ARGS)).header().numArgs())
                .isEqualTo(MethodHeader.MAX_ARGS);

        assertThatThrownBy(() -> compiler.compile(object, keywords(MethodHeader.MAX_ARGS + 1)))
                .isInstanceOf(CompileError.class).hasMessageContaining("numArgs must be in 0..15, got 16");
    }

    @Test
    void moreTemporariesThanALargeFrameHoldsAreRefused() {
        String temps = IntStream.range(0, MethodHeader.MAX_TEMPS + 1).mapToObj(i -> "t" + i)
                .collect(Collectors.joining(" "));

        assertThatThrownBy(() -> compiler.compile(object, "manyTemps | " + temps + " | ^ t0"))
                .isInstanceOf(CompileError.class).hasMessageContaining("exceed the large frame");
    }

    @Test
    void aBuiltMethodWithMoreTemporariesThanItsFrameHoldsIsRefusedAndNothingIsCreated() {
        int small = space.contract().get(Slot.FRAME_SMALL);
        byte[] before = space.toBytes();

        assertThatThrownBy(() -> MethodBuilder.on(space).temporaries(small + 1).returnSelf().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage((small + 1) + " temporaries exceed the small frame of " + small
                        + " slots: the method's contexts could not hold them");
        assertThat(space.toBytes()).isEqualTo(before);

        assertThat(MethodBuilder.on(space).temporaries(small + 1).largeFrame().returnSelf().build().numTemps())
                .isEqualTo(small + 1);
    }

    private static String keywords(int count) {
        return IntStream.range(0, count).mapToObj(i -> "a" + i + ": x" + i).collect(Collectors.joining(" ")) + " ^ x0";
    }
}
