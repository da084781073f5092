package org.ozworkbench.core.bytecode;

import static org.ozworkbench.core.bytecode.Bytecode.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.ozworkbench.core.bytecode.Instruction.Kind;

/**
 * Decodes V3 bytecodes (V3-FACTS section 10) into {@link Instruction}s with Squeak-like text.
 *
 * <p>Decoding is linear (a closure's body is listed in place, as Squeak does) and total: every byte
 * sequence decodes without an exception. Unused opcodes, closure opcodes in a non-closure image and
 * illegal operands become {@link Kind#UNKNOWN} instructions; an instruction cut off by the end of
 * the bytes becomes a {@link Kind#TRUNCATED} one holding the bytes present.
 */
public final class Disassembler {

    private static final String[] OPERAND_BY_TYPE = {"Rcvr", "Temp", "Constant", "Lit"};
    private static final String[] SPECIAL_CONSTANTS = {"self", "true", "false", "nil", "-1", "0", "1", "2"};
    private static final String[] RETURNS = {"returnSelf", "returnTrue", "returnFalse", "returnNil", "returnTop",
        "blockReturn"};

    private final LiteralNamer literals;
    private final boolean closures;

    private Disassembler(LiteralNamer literals, boolean closures) {
        this.literals = literals;
        this.closures = closures;
    }

    /**
     * Decodes {@code bytecodes}, whose first byte has the 1-based pc {@code firstPc} (for a whole
     * method, {@link MethodHeader#initialPc()}).
     *
     * @param literals names the literals that instructions reference
     * @param closures whether the image has closures: only then are 138 and 140-143 decoded
     */
    public static List<Instruction> disassemble(byte[] bytecodes, int firstPc, LiteralNamer literals,
                                                boolean closures) {
        Disassembler disassembler = new Disassembler(literals, closures);
        List<Instruction> out = new ArrayList<>();
        int index = 0;
        while (index < bytecodes.length) {
            int opcode = bytecodes[index] & BYTE_MASK;
            int length = Bytecode.length(opcode, closures);
            int pc = firstPc + index;
            if (index + length > bytecodes.length) {
                byte[] present = Arrays.copyOfRange(bytecodes, index, bytecodes.length);
                out.add(new Instruction(pc, present, Kind.TRUNCATED, "truncated bytecode " + opcode
                        + " (needs " + length + " bytes, " + present.length + " present)", OptionalInt.empty()));
                break;
            }
            out.add(disassembler.decode(pc, Arrays.copyOfRange(bytecodes, index, index + length)));
            index += length;
        }
        return List.copyOf(out);
    }

    /** One {@code \n}-terminated line per instruction, {@code   21 <70> pushSelf}: pc, hex bytes, text. */
    public static String format(List<Instruction> instructions) {
        StringBuilder sb = new StringBuilder();
        for (Instruction instruction : instructions) {
            sb.append(String.format("%4d <%s> %s", instruction.pc(), instruction.hex(), instruction.text())).append('\n');
        }
        return sb.toString();
    }

    private Instruction decode(int pc, byte[] bytes) {
        int b = bytes[0] & BYTE_MASK;
        int x = operand(bytes, 1);
        int next = pc + bytes.length; // jump offsets count from the next instruction
        Decoded d;
        if (b < PUSH_TEMPORARY) {
            d = push(TYPE_RECEIVER_VARIABLE, b - PUSH_RECEIVER_VARIABLE);
        } else if (b < PUSH_LITERAL_CONSTANT) {
            d = push(TYPE_TEMPORARY, b - PUSH_TEMPORARY);
        } else if (b < PUSH_LITERAL_VARIABLE) {
            d = push(TYPE_LITERAL_CONSTANT, b - PUSH_LITERAL_CONSTANT);
        } else if (b < POP_INTO_RECEIVER_VARIABLE) {
            d = push(TYPE_LITERAL_VARIABLE, b - PUSH_LITERAL_VARIABLE);
        } else if (b < POP_INTO_TEMPORARY) {
            d = variable(Kind.POP_INTO, "popInto", TYPE_RECEIVER_VARIABLE, b - POP_INTO_RECEIVER_VARIABLE);
        } else if (b < PUSH_SELF) {
            d = variable(Kind.POP_INTO, "popInto", TYPE_TEMPORARY, b - POP_INTO_TEMPORARY);
        } else if (b == PUSH_SELF) {
            d = new Decoded(Kind.PUSH, "pushSelf");
        } else if (b < RETURN_SELF) {
            d = new Decoded(Kind.PUSH, "pushConstant: " + SPECIAL_CONSTANTS[b - PUSH_SELF]);
        } else if (b < BLOCK_RETURN) {
            d = new Decoded(Kind.RETURN, RETURNS[b - RETURN_SELF]);
        } else if (b == BLOCK_RETURN) {
            d = new Decoded(Kind.BLOCK_RETURN, RETURNS[b - RETURN_SELF]);
        } else if (b < SHORT_JUMP) {
            d = decodeExtended(pc, bytes);
        } else if (b < SHORT_JUMP_IF_FALSE) {
            d = jump(Kind.JUMP, next + b - SHORT_JUMP + 1);
        } else if (b < LONG_JUMP) {
            d = jump(Kind.JUMP_IF_FALSE, next + b - SHORT_JUMP_IF_FALSE + 1);
        } else if (b < LONG_JUMP_IF_TRUE) {
            d = jump(Kind.JUMP, next + ((b - LONG_JUMP_ZERO) << JUMP_HIGH_SHIFT) + x);
        } else if (b < LONG_JUMP_IF_FALSE) {
            d = jump(Kind.JUMP_IF_TRUE, next + ((b - LONG_JUMP_IF_TRUE) << JUMP_HIGH_SHIFT) + x);
        } else if (b < SPECIAL_SEND) {
            d = jump(Kind.JUMP_IF_FALSE, next + ((b - LONG_JUMP_IF_FALSE) << JUMP_HIGH_SHIFT) + x);
        } else if (b < SHORT_SEND) {
            d = new Decoded(Kind.SPECIAL_SEND, "send: " + SPECIAL_SELECTORS.get(b - SPECIAL_SEND) + " (special)");
        } else {
            int args = (b - SHORT_SEND) / SHORT_SEND_LITERAL_COUNT;
            d = send(Kind.SEND, (b - SHORT_SEND) % SHORT_SEND_LITERAL_COUNT, args);
        }
        return new Instruction(pc, bytes, d.kind, d.text, d.target);
    }

    /** 126-143: unused codes, the extended forms, pop/dup/thisContext and the closure codes. */
    private Decoded decodeExtended(int pc, byte[] bytes) {
        int b = bytes[0] & BYTE_MASK;
        int x = operand(bytes, 1);
        int y = operand(bytes, 2);
        int type = x >> EXTENDED_TYPE_SHIFT;
        int index = x & EXTENDED_INDEX_MASK;
        return switch (b) {
            case EXTENDED_PUSH -> push(type, index);
            case EXTENDED_STORE -> type == TYPE_LITERAL_CONSTANT
                    ? unknown(b, "storeIntoConstant: " + literals.name(index))
                    : variable(Kind.STORE, "storeInto", type, index);
            case EXTENDED_STORE_POP -> type == TYPE_LITERAL_CONSTANT
                    ? unknown(b, "popIntoConstant: " + literals.name(index))
                    : variable(Kind.POP_INTO, "popInto", type, index);
            case SINGLE_EXTENDED_SEND ->
                    send(Kind.SEND, x & SINGLE_SEND_LITERAL_MASK, x >> SINGLE_SEND_ARGS_SHIFT);
            case DOUBLE_EXTENDED -> decodeDoubleExtended(x, y);
            case SINGLE_EXTENDED_SUPER ->
                    send(Kind.SUPER_SEND, x & SINGLE_SEND_LITERAL_MASK, x >> SINGLE_SEND_ARGS_SHIFT);
            case SECOND_EXTENDED_SEND ->
                    send(Kind.SEND, x & SECOND_SEND_LITERAL_MASK, x >> SECOND_SEND_ARGS_SHIFT);
            case POP -> new Decoded(Kind.POP, "pop");
            case DUP -> new Decoded(Kind.DUP, "dup");
            case PUSH_THIS_CONTEXT -> new Decoded(Kind.PUSH, "pushThisContext");
            default -> closures ? decodeClosure(pc, bytes) : unknown(b, null);
        };
    }

    private Decoded decodeDoubleExtended(int x, int y) {
        int args = x & DOUBLE_ARGS_MASK;
        return switch (x >> DOUBLE_OPERATION_SHIFT) {
            case DOUBLE_SEND -> send(Kind.SEND, y, args);
            case DOUBLE_SUPER_SEND -> send(Kind.SUPER_SEND, y, args);
            case DOUBLE_PUSH_RECEIVER_VARIABLE -> push(TYPE_RECEIVER_VARIABLE, y);
            case DOUBLE_PUSH_LITERAL_CONSTANT -> push(TYPE_LITERAL_CONSTANT, y);
            case DOUBLE_PUSH_LITERAL_VARIABLE -> push(TYPE_LITERAL_VARIABLE, y);
            case DOUBLE_STORE_RECEIVER_VARIABLE -> variable(Kind.STORE, "storeInto", TYPE_RECEIVER_VARIABLE, y);
            case DOUBLE_STORE_POP_RECEIVER_VARIABLE -> variable(Kind.POP_INTO, "popInto", TYPE_RECEIVER_VARIABLE, y);
            default -> variable(Kind.STORE, "storeInto", TYPE_LITERAL_VARIABLE, y);
        };
    }

    /** 138-143 in a closure image (the caller has checked the flag). */
    private static Decoded decodeClosure(int pc, byte[] bytes) {
        int b = bytes[0] & BYTE_MASK;
        int x = operand(bytes, 1);
        int y = operand(bytes, 2);
        return switch (b) {
            case PUSH_NEW_ARRAY -> new Decoded(Kind.PUSH,
                    ((x & NEW_ARRAY_POP_FLAG) != 0 ? "pushConsArray: " : "pushNewArray: ") + (x & NEW_ARRAY_SIZE_MASK));
            case PUSH_REMOTE_TEMP -> new Decoded(Kind.PUSH, "pushTemp: " + x + " inVectorAt: " + y);
            case STORE_REMOTE_TEMP -> new Decoded(Kind.STORE, "storeIntoTemp: " + x + " inVectorAt: " + y);
            case STORE_POP_REMOTE_TEMP -> new Decoded(Kind.POP_INTO, "popIntoTemp: " + x + " inVectorAt: " + y);
            case PUSH_CLOSURE -> closure(pc, x, y << JUMP_HIGH_SHIFT | operand(bytes, 3), bytes.length);
            default -> unknown(b, null);
        };
    }

    /** The body follows the 4-byte instruction; {@code to} is the pc after it, where execution goes on. */
    private static Decoded closure(int pc, int x, int bodySize, int length) {
        int end = pc + length + bodySize;
        return new Decoded(Kind.PUSH_CLOSURE, "pushClosure: numArgs " + (x & CLOSURE_ARGS_MASK)
                + " numCopied " + (x >> CLOSURE_COPIED_SHIFT) + " to " + end, OptionalInt.of(end));
    }

    private Decoded push(int type, int index) {
        return variable(Kind.PUSH, "push", type, index);
    }

    /** {@code pushRcvr: 3}, {@code popIntoTemp: 1}, {@code pushConstant: #foo}, {@code storeIntoLit: X}. */
    private Decoded variable(Kind kind, String verb, int type, int index) {
        String operand = type == TYPE_LITERAL_CONSTANT || type == TYPE_LITERAL_VARIABLE
                ? literals.name(index)
                : Integer.toString(index);
        return new Decoded(kind, verb + OPERAND_BY_TYPE[type] + ": " + operand);
    }

    private Decoded send(Kind kind, int literal, int args) {
        String verb = kind == Kind.SUPER_SEND ? "superSend: " : "send: ";
        return new Decoded(kind, verb + literals.name(literal) + " (" + args + " args)");
    }

    private static Decoded jump(Kind kind, int target) {
        String verb = switch (kind) {
            case JUMP_IF_TRUE -> "jumpTrue: ";
            case JUMP_IF_FALSE -> "jumpFalse: ";
            default -> "jumpTo: ";
        };
        return new Decoded(kind, verb + target, OptionalInt.of(target));
    }

    private static Decoded unknown(int opcode, String illegal) {
        return new Decoded(Kind.UNKNOWN, "unknown bytecode " + opcode + (illegal == null ? "" : " (" + illegal + ")"));
    }

    /** Operand byte n (the opcode is byte 0) as 0..255, or 0 for an instruction without it. */
    private static int operand(byte[] bytes, int n) {
        return n < bytes.length ? bytes[n] & BYTE_MASK : 0;
    }

    private record Decoded(Kind kind, String text, OptionalInt target) {
        Decoded(Kind kind, String text) {
            this(kind, text, OptionalInt.empty());
        }
    }
}
