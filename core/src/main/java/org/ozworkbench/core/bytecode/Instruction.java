package org.ozworkbench.core.bytecode;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One decoded bytecode instruction.
 *
 * @param pc     1-based pc of the opcode (V3-FACTS section 8)
 * @param bytes  the opcode and its operand bytes (for a truncated instruction, those present)
 * @param kind   what the instruction does
 * @param text   Squeak-like text, e.g. {@code pushTemp: 0}, {@code send: #printString (0 args)}
 * @param target for jumps the absolute pc jumped to; for {@code pushClosure} the pc after the block
 *               body, where execution continues; empty otherwise
 */
public record Instruction(int pc, byte[] bytes, Kind kind, String text, OptionalInt target) {

    /** What an instruction does, coarsely: enough to follow control flow and to colour a listing. */
    public enum Kind {
        PUSH, STORE, POP_INTO, POP, DUP,
        SEND, SUPER_SEND, SPECIAL_SEND,
        JUMP, JUMP_IF_TRUE, JUMP_IF_FALSE,
        RETURN, BLOCK_RETURN,
        PUSH_CLOSURE,
        /** An unused opcode, a closure opcode in a non-closure image, or an illegal operand. */
        UNKNOWN,
        /** The bytes end before the instruction's operands do. */
        TRUNCATED
    }

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    public Instruction {
        bytes = bytes.clone();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an instruction has at least its opcode byte");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(target, "target");
    }

    /** The instruction's bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The opcode, 0..255. */
    public int opcode() {
        return bytes[0] & Bytecode.BYTE_MASK;
    }

    /** pc of the next instruction in the byte stream. */
    public int nextPc() {
        return pc + bytes.length;
    }

    /** The bytes in upper-case hex, space separated: {@code 8F 10 00 05}. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction other && pc == other.pc && Arrays.equals(bytes, other.bytes)
                && kind == other.kind && text.equals(other.text) && target.equals(other.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pc, Arrays.hashCode(bytes), kind, text, target);
    }

    @Override
    public String toString() {
        return pc + " <" + hex() + "> " + text;
    }
}
