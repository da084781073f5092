package org.ozworkbench.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ozworkbench.core.bytecode.Instruction.Kind;

class DisassemblerTest {

    private static final LiteralNamer LITERALS =
            LiteralNamer.of(List.of("#foo", "Transcript", "#printString", "#initialize", "'str'"));
    private static final int PC = 10;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    static Stream<Arguments> everyForm() {
        return Stream.of(
                arguments("00", "pushRcvr: 0"), arguments("0F", "pushRcvr: 15"), arguments("13", "pushTemp: 3"),
                arguments("20", "pushConstant: #foo"), arguments("24", "pushConstant: 'str'"),
                arguments("3F", "pushConstant: literal 31"), arguments("41", "pushLit: Transcript"),
                arguments("62", "popIntoRcvr: 2"), arguments("69", "popIntoTemp: 1"),
                arguments("70", "pushSelf"), arguments("71", "pushConstant: true"),
                arguments("72", "pushConstant: false"), arguments("73", "pushConstant: nil"),
                arguments("74", "pushConstant: -1"), arguments("75", "pushConstant: 0"),
                arguments("76", "pushConstant: 1"), arguments("77", "pushConstant: 2"),
                arguments("78", "returnSelf"), arguments("79", "returnTrue"), arguments("7A", "returnFalse"),
                arguments("7B", "returnNil"), arguments("7C", "returnTop"), arguments("7D", "blockReturn"),
                arguments("7E", "unknown bytecode 126"), arguments("7F", "unknown bytecode 127"),
                arguments("80 03", "pushRcvr: 3"), arguments("80 45", "pushTemp: 5"),
                arguments("80 81", "pushConstant: Transcript"), arguments("80 C0", "pushLit: #foo"),
                arguments("81 02", "storeIntoRcvr: 2"), arguments("81 42", "storeIntoTemp: 2"),
                arguments("81 C1", "storeIntoLit: Transcript"),
                arguments("81 81", "unknown bytecode 129 (storeIntoConstant: Transcript)"),
                arguments("82 02", "popIntoRcvr: 2"), arguments("82 41", "popIntoTemp: 1"),
                arguments("82 C1", "popIntoLit: Transcript"),
                arguments("83 22", "send: #printString (1 args)"),
                arguments("84 02 03", "send: #initialize (2 args)"),
                arguments("84 20 03", "superSend: #initialize (0 args)"),
                arguments("84 40 64", "pushRcvr: 100"), arguments("84 60 01", "pushConstant: Transcript"),
                arguments("84 80 01", "pushLit: Transcript"), arguments("84 A0 07", "storeIntoRcvr: 7"),
                arguments("84 C0 07", "popIntoRcvr: 7"), arguments("84 E0 01", "storeIntoLit: Transcript"),
                arguments("85 03", "superSend: #initialize (0 args)"),
                arguments("85 23", "superSend: #initialize (1 args)"),
                arguments("86 42", "send: #printString (1 args)"), arguments("86 C5", "send: literal 5 (3 args)"),
                arguments("87", "pop"), arguments("88", "dup"), arguments("89", "pushThisContext"),
                arguments("8A 03", "pushNewArray: 3"), arguments("8A 82", "pushConsArray: 2"),
                arguments("8B", "unknown bytecode 139"),
                arguments("8C 01 02", "pushTemp: 1 inVectorAt: 2"),
                arguments("8D 01 02", "storeIntoTemp: 1 inVectorAt: 2"),
                arguments("8E 01 02", "popIntoTemp: 1 inVectorAt: 2"),
                arguments("8F 10 00 05", "pushClosure: numArgs 0 numCopied 1 to 19"),
                arguments("8F 21 01 00", "pushClosure: numArgs 1 numCopied 2 to 270"),
                arguments("90", "jumpTo: 12"), arguments("97", "jumpTo: 19"),
                arguments("98", "jumpFalse: 12"), arguments("9F", "jumpFalse: 19"),
                arguments("A4 00", "jumpTo: 12"), arguments("A4 1E", "jumpTo: 42"),
                arguments("A3 FE", "jumpTo: 10"), arguments("A0 00", "jumpTo: -1012"),
                arguments("A7 FF", "jumpTo: 1035"),
                arguments("A8 05", "jumpTrue: 17"), arguments("AB FF", "jumpTrue: 1035"),
                arguments("AC 05", "jumpFalse: 17"), arguments("AF 00", "jumpFalse: 780"),
                arguments("B0", "send: + (special)"), arguments("BA", "send: \\\\ (special)"),
                arguments("BC", "send: bitShift: (special)"), arguments("C0", "send: at: (special)"),
                arguments("C1", "send: at:put: (special)"), arguments("C8", "send: blockCopy: (special)"),
                arguments("CF", "send: y (special)"),
                arguments("D0", "send: #foo (0 args)"), arguments("E2", "send: #printString (1 args)"),
                arguments("F3", "send: #initialize (2 args)"), arguments("FF", "send: literal 15 (2 args)"));
    }

    @ParameterizedTest(name = "<{0}> reads {1}")
    @MethodSource("everyForm")
    void eachFormReadsLikeSqueaksOwnListing(String hex, String text) {
        byte[] bytes = HEX.parseHex(hex.toLowerCase());

        List<Instruction> instructions = Disassembler.disassemble(bytes, PC, LITERALS, true);

        assertThat(instructions).hasSize(1);
        assertThat(instructions.get(0).text()).isEqualTo(text);
        assertThat(instructions.get(0).length()).isEqualTo(bytes.length);
        assertThat(instructions.get(0).bytes()).containsExactly(bytes);
    }

    @ParameterizedTest(name = "closures {0}")
    @ValueSource(booleans = {false, true})
    void everyOpcodeFollowedByTwoZerosDisassemblesWithoutAnException(boolean closures) {
        for (int opcode = 0; opcode < Bytecode.OPCODE_COUNT; opcode++) {
            byte[] bytes = {(byte) opcode, 0, 0};

            List<Instruction> instructions = Disassembler.disassemble(bytes, 1, LiteralNamer.byIndex(), closures);

            assertThat(instructions).isNotEmpty();
            assertThat(instructions.get(0).opcode()).isEqualTo(opcode);
            assertThat(instructions.stream().mapToInt(Instruction::length).sum()).as("opcode %d", opcode).isEqualTo(3);
            for (int i = 1; i < instructions.size(); i++) {
                assertThat(instructions.get(i).pc()).isEqualTo(instructions.get(i - 1).nextPc());
            }
        }
    }

    @ParameterizedTest(name = "closures {0}")
    @ValueSource(booleans = {false, true})
    void randomBytesAlwaysDisassembleIntoInstructionsCoveringEveryByte(boolean closures) {
        Random random = new Random(143);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(24)];
            random.nextBytes(bytes);

            List<Instruction> instructions = Disassembler.disassemble(bytes, 1, LiteralNamer.byIndex(), closures);

            assertThat(instructions.stream().mapToInt(Instruction::length).sum()).isEqualTo(bytes.length);
            assertThat(instructions.stream().filter(i -> i.kind() == Kind.TRUNCATED).count()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void closureOpcodesAreUnknownInAnImageWithoutClosures() {
        for (int opcode : new int[] {138, 139, 140, 141, 142, 143}) {
            Instruction first = Disassembler.disassemble(new byte[] {(byte) opcode, 0, 0, 0}, 1, LITERALS, false).get(0);

            assertThat(first.kind()).isEqualTo(Kind.UNKNOWN);
            assertThat(first.length()).isEqualTo(1);
            assertThat(first.text()).isEqualTo("unknown bytecode " + opcode);
        }
    }

    @Test
    void anInstructionCutOffByTheEndIsReportedAsTruncated() {
        List<Instruction> instructions =
                Disassembler.disassemble(TrailerTest.bytes(0x70, 0x84, 0x00), PC, LITERALS, false);

        assertThat(instructions).hasSize(2);
        Instruction truncated = instructions.get(1);
        assertThat(truncated.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(truncated.pc()).isEqualTo(11);
        assertThat(truncated.length()).isEqualTo(2);
        assertThat(truncated.text()).isEqualTo("truncated bytecode 132 (needs 3 bytes, 2 present)");
    }

    @Test
    void jumpsCarryTheirAbsoluteTargetAndOtherInstructionsNone() {
        List<Instruction> instructions =
                Disassembler.disassemble(TrailerTest.bytes(0x90, 0x9F, 0xA3, 0xFC, 0xAC, 0x02), PC, LITERALS, false);

        assertThat(instructions).extracting(Instruction::target).containsExactly(
                OptionalInt.of(12), OptionalInt.of(20), OptionalInt.of(PC), OptionalInt.of(18));
        assertThat(instructions).extracting(Instruction::kind)
                .containsExactly(Kind.JUMP, Kind.JUMP_IF_FALSE, Kind.JUMP, Kind.JUMP_IF_FALSE);
        assertThat(Disassembler.disassemble(TrailerTest.bytes(0x70), PC, LITERALS, false).get(0).target()).isEmpty();
    }

    @Test
    void returnAPlusOneReadsAsPushAddReturn() {
        // ^ a + 1, with a the first instance variable, in a method without literals
        byte[] bytes = TrailerTest.bytes(0x00, 0x76, 0xB0, 0x7C);
        int initialPc = MethodHeader.of(0, 0, 0, 0, false).initialPc();

        String listing = Disassembler.format(Disassembler.disassemble(bytes, initialPc, LITERALS, false));

        assertThat(listing).isEqualTo("""
                   5 <00> pushRcvr: 0
                   6 <76> pushConstant: 1
                   7 <B0> send: + (special)
                   8 <7C> returnTop
                """);
    }

    @Test
    void ifTrueIfFalseJumpsOverEachBranch() {
        // ^ x ifTrue: [1] ifFalse: [2], with x the first argument
        byte[] bytes = TrailerTest.bytes(0x10, 0x99, 0x76, 0x90, 0x77, 0x7C);

        List<Instruction> instructions = Disassembler.disassemble(bytes, 5, LITERALS, false);

        assertThat(instructions).extracting(Instruction::text).containsExactly(
                "pushTemp: 0", "jumpFalse: 9", "pushConstant: 1", "jumpTo: 10", "pushConstant: 2", "returnTop");
        assertThat(instructions).extracting(Instruction::pc).containsExactly(5, 6, 7, 8, 9, 10);
    }

    @Test
    void aClosureBodyIsListedInPlaceAndItsEndIsWhereExecutionGoesOn() {
        // [:x | x] value: 3, in a closure image; literals: 3
        byte[] bytes = TrailerTest.bytes(0x8F, 0x01, 0x00, 0x02, 0x10, 0x7D, 0x20, 0xCA, 0x7C);

        String listing = Disassembler.format(Disassembler.disassemble(bytes, 9, LiteralNamer.of(List.of("3")), true));

        assertThat(listing).isEqualTo("""
                   9 <8F 01 00 02> pushClosure: numArgs 1 numCopied 0 to 15
                  13 <10> pushTemp: 0
                  14 <7D> blockReturn
                  15 <20> pushConstant: 3
                  16 <CA> send: value: (special)
                  17 <7C> returnTop
                """);
    }

    @Test
    void formatPrintsPcHexBytesAndText() {
        List<Instruction> instructions = Disassembler.disassemble(TrailerTest.bytes(0x70, 0x84, 0x20, 0x03), 21,
                LITERALS, false);

        assertThat(Disassembler.format(instructions))
                .isEqualTo("  21 <70> pushSelf\n  22 <84 20 03> superSend: #initialize (0 args)\n");
    }
}
