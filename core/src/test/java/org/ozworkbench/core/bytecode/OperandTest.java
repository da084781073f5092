package org.ozworkbench.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.bytecode.Operand.Type;

/** The operand of each kind of instruction, read from its bytes (V3-FACTS section 10). */
class OperandTest {

    static Stream<Arguments> instructions() {
        return Stream.of(
                Arguments.of(new int[] {0x03}, new Operand(Type.RECEIVER_VARIABLE, 3, 0)),
                Arguments.of(new int[] {0x1F}, new Operand(Type.TEMPORARY, 15, 0)),
                Arguments.of(new int[] {0x21}, new Operand(Type.LITERAL_CONSTANT, 1, 0)),
                Arguments.of(new int[] {0x44}, new Operand(Type.LITERAL_VARIABLE, 4, 0)),
                Arguments.of(new int[] {0x62}, new Operand(Type.RECEIVER_VARIABLE, 2, 0)),
                Arguments.of(new int[] {0x6B}, new Operand(Type.TEMPORARY, 3, 0)),
                Arguments.of(new int[] {0x73}, new Operand(Type.SPECIAL_CONSTANT, 3, 0)),
                Arguments.of(new int[] {0x77}, new Operand(Type.SPECIAL_CONSTANT, 7, 0)),
                Arguments.of(new int[] {0x80, 0x4C}, new Operand(Type.TEMPORARY, 12, 0)),
                Arguments.of(new int[] {0x82, 0xC5}, new Operand(Type.LITERAL_VARIABLE, 5, 0)),
                Arguments.of(new int[] {0x83, 0x66}, new Operand(Type.SEND, 6, 3)),
                Arguments.of(new int[] {0x84, 0x22, 0x28}, new Operand(Type.SUPER_SEND, 40, 2)),
                Arguments.of(new int[] {0x84, 0xA0, 0x50}, new Operand(Type.RECEIVER_VARIABLE, 80, 0)),
                Arguments.of(new int[] {0x85, 0x22}, new Operand(Type.SUPER_SEND, 2, 1)),
                Arguments.of(new int[] {0x86, 0x45}, new Operand(Type.SEND, 5, 1)),
                Arguments.of(new int[] {0x89}, new Operand(Type.THIS_CONTEXT, 0, 0)),
                Arguments.of(new int[] {0xB1}, new Operand(Type.SPECIAL_SEND, 1, 1)),
                Arguments.of(new int[] {0xC2}, new Operand(Type.SPECIAL_SEND, 18, 0)),
                Arguments.of(new int[] {0xD2}, new Operand(Type.SEND, 2, 0)),
                Arguments.of(new int[] {0xF4}, new Operand(Type.SEND, 4, 2)),
                Arguments.of(new int[] {0x7C}, new Operand(Type.NONE, 0, 0)),
                Arguments.of(new int[] {0x99}, new Operand(Type.NONE, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("instructions")
    void operandIsReadFromTheInstructionBytes(int[] code, Operand expected) {
        byte[] bytes = new byte[code.length];
        for (int i = 0; i < code.length; i++) {
            bytes[i] = (byte) code[i];
        }
        List<Instruction> decoded = Disassembler.disassemble(bytes, 1, LiteralNamer.byIndex(), false);

        assertThat(decoded).hasSize(1);
        assertThat(Operand.of(decoded.get(0))).isEqualTo(expected);
    }
}
