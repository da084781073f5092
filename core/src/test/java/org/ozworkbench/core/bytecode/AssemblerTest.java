package org.ozworkbench.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ozworkbench.core.bytecode.TrailerTest.bytes;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.bytecode.Assembler.Label;

class AssemblerTest {

    private static final LiteralNamer LITERALS =
            LiteralNamer.of(List.of("#foo", "Transcript", "#printString", "#initialize", "'str'"));

    @Test
    void variablesUseTheShortFormsThenTheExtendedThenTheDoubleExtended() {
        assertThat(one(a -> a.pushReceiverVariable(15))).containsExactly(bytes(15));
        assertThat(one(a -> a.pushReceiverVariable(16))).containsExactly(bytes(128, 16));
        assertThat(one(a -> a.pushReceiverVariable(63))).containsExactly(bytes(128, 63));
        assertThat(one(a -> a.pushReceiverVariable(64))).containsExactly(bytes(132, 64, 64));
        assertThat(one(a -> a.pushTemporary(15))).containsExactly(bytes(31));
        assertThat(one(a -> a.pushTemporary(16))).containsExactly(bytes(128, 80));
        assertThat(one(a -> a.pushLiteralConstant(31))).containsExactly(bytes(63));
        assertThat(one(a -> a.pushLiteralConstant(32))).containsExactly(bytes(128, 160));
        assertThat(one(a -> a.pushLiteralConstant(64))).containsExactly(bytes(132, 96, 64));
        assertThat(one(a -> a.pushLiteralVariable(31))).containsExactly(bytes(95));
        assertThat(one(a -> a.pushLiteralVariable(32))).containsExactly(bytes(128, 224));
        assertThat(one(a -> a.pushLiteralVariable(64))).containsExactly(bytes(132, 128, 64));
    }

    @Test
    void storesAndPopsUseTheShortFormsForTheFirstEightVariables() {
        assertThat(one(a -> a.popIntoReceiverVariable(7))).containsExactly(bytes(103));
        assertThat(one(a -> a.popIntoReceiverVariable(8))).containsExactly(bytes(130, 8));
        assertThat(one(a -> a.popIntoReceiverVariable(64))).containsExactly(bytes(132, 192, 64));
        assertThat(one(a -> a.popIntoTemporary(7))).containsExactly(bytes(111));
        assertThat(one(a -> a.popIntoTemporary(8))).containsExactly(bytes(130, 72));
        assertThat(one(a -> a.popIntoLiteralVariable(2))).containsExactly(bytes(130, 194));
        assertThat(one(a -> a.popIntoLiteralVariable(64))).containsExactly(bytes(132, 224, 64, 135));
        assertThat(one(a -> a.storeIntoTemporary(3))).containsExactly(bytes(129, 67));
        assertThat(one(a -> a.storeIntoReceiverVariable(3))).containsExactly(bytes(129, 3));
        assertThat(one(a -> a.storeIntoReceiverVariable(100))).containsExactly(bytes(132, 160, 100));
        assertThat(one(a -> a.storeIntoLiteralVariable(1))).containsExactly(bytes(129, 193));
        assertThat(one(a -> a.storeIntoLiteralVariable(100))).containsExactly(bytes(132, 224, 100));
    }

    @Test
    void sendsPickTheShortestOfTheFourEncodings() {
        assertThat(one(a -> a.send(0, 0))).containsExactly(bytes(208));
        assertThat(one(a -> a.send(15, 2))).containsExactly(bytes(255));
        assertThat(one(a -> a.send(16, 0))).containsExactly(bytes(131, 16));
        assertThat(one(a -> a.send(0, 3))).containsExactly(bytes(131, 96));
        assertThat(one(a -> a.send(31, 7))).containsExactly(bytes(131, 255));
        assertThat(one(a -> a.send(32, 0))).containsExactly(bytes(134, 32));
        assertThat(one(a -> a.send(63, 3))).containsExactly(bytes(134, 255));
        assertThat(one(a -> a.send(64, 0))).containsExactly(bytes(132, 0, 64));
        assertThat(one(a -> a.send(0, 8))).containsExactly(bytes(132, 8, 0));
        assertThat(one(a -> a.superSend(1, 0))).containsExactly(bytes(133, 1));
        assertThat(one(a -> a.superSend(40, 1))).containsExactly(bytes(132, 33, 40));
    }

    @Test
    void specialSelectorsAndConstantsHaveTheirOwnBytecodes() {
        assertThat(one(a -> a.specialSend("+"))).containsExactly(bytes(176));
        assertThat(one(a -> a.specialSend("\\\\"))).containsExactly(bytes(186));
        assertThat(one(a -> a.specialSend("y"))).containsExactly(bytes(207));
        assertThat(one(a -> a.pushSmallInteger(-1).pushSmallInteger(2))).containsExactly(bytes(116, 119));
        assertThat(one(a -> a.pushSelf().pushTrue().pushFalse().pushNil())).containsExactly(bytes(112, 113, 114, 115));
        assertThat(one(a -> a.returnSelf().returnTrue().returnFalse().returnNil().returnTop().blockReturn()))
                .containsExactly(bytes(120, 121, 122, 123, 124, 125));
        assertThat(one(a -> a.pop().dup().pushThisContext())).containsExactly(bytes(135, 136, 137));
    }

    @Test
    void operandsWithoutAnEncodingAreRefusedWhenAdded() {
        Assembler a = Assembler.create();
        assertThatThrownBy(() -> a.pushTemporary(64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temporary must be in 0..63, got 64");
        assertThatThrownBy(() -> a.pushReceiverVariable(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.send(3, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.pushSmallInteger(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("as a literal");
        assertThatThrownBy(() -> a.specialSend("printString")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a special selector");
    }

    @Test
    void disassemblingAnAssembledSequenceGivesBackItsTexts() {
        byte[] code = Assembler.create()
                .pushReceiverVariable(3).pushTemporary(0).pushLiteralConstant(0).pushLiteralVariable(1)
                .popIntoReceiverVariable(2).send(2, 0).superSend(3, 0).specialSend("+").pushThisContext()
                .storeIntoTemporary(20).pop().returnTop()
                .build();

        assertThat(Disassembler.disassemble(code, 1, LITERALS, false)).extracting(Instruction::text).containsExactly(
                "pushRcvr: 3", "pushTemp: 0", "pushConstant: #foo", "pushLit: Transcript", "popIntoRcvr: 2",
                "send: #printString (0 args)", "superSend: #initialize (0 args)", "send: + (special)",
                "pushThisContext", "storeIntoTemp: 20", "pop", "returnTop");
    }

    @Test
    void forwardJumpsOfOneToEightBytesAreShort() {
        Assembler a = Assembler.create();
        Label end = a.newLabel();
        byte[] code = a.jump(end).jumpIfFalse(end).pushSelf().pushSelf().pushSelf().pushSelf().pushSelf()
                .pushSelf().pushSelf().bind(end).returnTop().build();

        assertThat(code).containsExactly(bytes(151, 158, 112, 112, 112, 112, 112, 112, 112, 124));
    }

    @Test
    void forwardJumpsBeyondEightBytesAndJumpIfTrueAreLong() {
        Assembler a = Assembler.create();
        Label end = a.newLabel();
        a.jump(end).jumpIfTrue(end);
        for (int i = 0; i < 9; i++) {
            a.pushSelf();
        }
        byte[] code = a.bind(end).returnTop().build();

        assertThat(code).startsWith(bytes(164, 11, 168, 9));
        assertThat(Disassembler.disassemble(code, 1, LITERALS, false).subList(0, 2))
                .extracting(Instruction::target).containsExactly(OptionalInt.of(14), OptionalInt.of(14));
    }

    @Test
    void backwardJumpsAreLongAndLandOnTheirLabel() {
        Assembler a = Assembler.create();
        Label top = a.newLabel();
        byte[] code = a.bind(top).pushTemporary(0).pushSelf().jump(top).build();

        assertThat(code).containsExactly(bytes(16, 112, 163, 252));
        assertThat(Disassembler.disassemble(code, 7, LITERALS, false).get(2).text()).isEqualTo("jumpTo: 7");
    }

    @Test
    void jumpsReachOverAThousandBytesBothWays() {
        Assembler a = Assembler.create();
        Label top = a.newLabel();
        Label end = a.newLabel();
        a.bind(top).jumpIfFalse(end);
        for (int i = 0; i < 1000; i++) {
            a.pushSelf();
        }
        byte[] code = a.jump(top).bind(end).returnSelf().build();

        List<Instruction> instructions = Disassembler.disassemble(code, 1, LITERALS, false);
        assertThat(instructions.get(0).text()).isEqualTo("jumpFalse: 1005");
        assertThat(instructions.get(1001).text()).isEqualTo("jumpTo: 1");
        assertThat(instructions.get(1002).pc()).isEqualTo(1005);
    }

    @Test
    void aJumpGrowsWhenAJumpItSkipsGrows() {
        // The forward jump spans 7 pushes and the backward jump: 8 bytes while the latter is
        // assumed short, 9 once it is found to be long.
        Assembler a = Assembler.create();
        Label top = a.newLabel();
        Label end = a.newLabel();
        a.bind(top).pushSelf().jump(end);
        for (int i = 0; i < 7; i++) {
            a.pushSelf();
        }
        byte[] code = a.jump(top).bind(end).build();

        assertThat(code).containsExactly(bytes(112, 164, 9, 112, 112, 112, 112, 112, 112, 112, 163, 244));
    }

    @Test
    void aPreClosureBlockSkipsItsBodyWithALongJump() {
        // [:x | x] in a Squeak 2.2 image: thisContext, 1, blockCopy:, long jump over the body
        Assembler a = Assembler.create();
        Label end = a.newLabel();
        byte[] code = a.pushThisContext().pushSmallInteger(1).specialSend("blockCopy:").longJump(end)
                .popIntoTemporary(0).pushTemporary(0).blockReturn().bind(end).returnTop().build();

        assertThat(code).containsExactly(bytes(0x89, 0x76, 0xC8, 0xA4, 0x03, 0x68, 0x10, 0x7D, 0x7C));
    }

    @Test
    void labelMistakesAreReported() {
        Assembler a = Assembler.create();
        Label never = a.newLabel("never");
        Label twice = a.newLabel();
        a.bind(twice);

        assertThatThrownBy(() -> Assembler.create().jump(never).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another assembler");
        assertThatThrownBy(() -> a.bind(twice)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.jump(never).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("label never is used but never bound");
    }

    @Test
    void conditionalJumpsCannotGoBackward() {
        Assembler a = Assembler.create();
        Label top = a.newLabel();
        a.bind(top).pushTrue().jumpIfFalse(top);

        assertThatThrownBy(a::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("forward");
    }

    @Test
    void closureBytecodesNeedAClosureAssembler() {
        Assembler plain = Assembler.create();

        assertThatThrownBy(() -> plain.pushNewArray(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> plain.pushClosure(0, 0, plain.newLabel())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> plain.pushRemoteTemp(0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closureBytecodesAssembleAndDisassembleInAClosureImage() {
        Assembler a = Assembler.create(true);
        Label end = a.newLabel();
        byte[] code = a.pushNewArray(1).popIntoTemporary(1).pushTemporary(1).pushClosure(1, 1, end)
                .pushTemporary(0).popIntoRemoteTemp(0, 1).pushRemoteTemp(0, 1).blockReturn().bind(end)
                .pushSmallInteger(1).pushSmallInteger(2).pushConsArray(2).storeIntoRemoteTemp(0, 1).returnTop()
                .build();

        assertThat(code).containsExactly(bytes(138, 1, 105, 17, 143, 0x11, 0, 8, 16, 142, 0, 1, 140, 0, 1, 125,
                118, 119, 138, 130, 141, 0, 1, 124));
        assertThat(Disassembler.disassemble(code, 1, LITERALS, true)).extracting(Instruction::text).containsExactly(
                "pushNewArray: 1", "popIntoTemp: 1", "pushTemp: 1", "pushClosure: numArgs 1 numCopied 1 to 17",
                "pushTemp: 0", "popIntoTemp: 0 inVectorAt: 1", "pushTemp: 0 inVectorAt: 1", "blockReturn",
                "pushConstant: 1", "pushConstant: 2", "pushConsArray: 2", "storeIntoTemp: 0 inVectorAt: 1",
                "returnTop");
    }

    @Test
    void everyEncodableOperandDisassemblesToTheSameOperand() {
        for (int i = 0; i <= Bytecode.MAX_BYTE_OPERAND; i++) {
            int n = i;
            assertThat(texts(a -> a.pushReceiverVariable(n))).containsExactly("pushRcvr: " + n);
            assertThat(texts(a -> a.pushLiteralConstant(n))).containsExactly("pushConstant: literal " + n);
            assertThat(texts(a -> a.pushLiteralVariable(n))).containsExactly("pushLit: literal " + n);
            assertThat(texts(a -> a.storeIntoReceiverVariable(n))).containsExactly("storeIntoRcvr: " + n);
            assertThat(texts(a -> a.popIntoReceiverVariable(n))).containsExactly("popIntoRcvr: " + n);
            assertThat(texts(a -> a.storeIntoLiteralVariable(n))).containsExactly("storeIntoLit: literal " + n);
            assertThat(String.join(" ", texts(a -> a.popIntoLiteralVariable(n))))
                    .isIn("popIntoLit: literal " + n, "storeIntoLit: literal " + n + " pop");
            for (int args = 0; args <= Bytecode.DOUBLE_ARGS_MASK; args++) {
                int k = args;
                assertThat(texts(a -> a.send(n, k))).containsExactly("send: literal " + n + " (" + k + " args)");
                assertThat(texts(a -> a.superSend(n, k)))
                        .containsExactly("superSend: literal " + n + " (" + k + " args)");
            }
        }
        for (int i = 0; i <= Bytecode.EXTENDED_INDEX_MASK; i++) {
            int n = i;
            assertThat(texts(a -> a.pushTemporary(n))).containsExactly("pushTemp: " + n);
            assertThat(texts(a -> a.storeIntoTemporary(n))).containsExactly("storeIntoTemp: " + n);
            assertThat(texts(a -> a.popIntoTemporary(n))).containsExactly("popIntoTemp: " + n);
        }
        for (String selector : Bytecode.SPECIAL_SELECTORS) {
            assertThat(texts(a -> a.specialSend(selector))).containsExactly("send: " + selector + " (special)");
        }
    }

    private static List<String> texts(Consumer<Assembler> emit) {
        return Disassembler.disassemble(one(emit), 1, LiteralNamer.byIndex(), false).stream()
                .map(Instruction::text).toList();
    }

    private static byte[] one(Consumer<Assembler> emit) {
        Assembler a = Assembler.create();
        emit.accept(a);
        return a.build();
    }
}
