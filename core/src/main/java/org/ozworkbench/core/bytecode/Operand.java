package org.ozworkbench.core.bytecode;

import static org.ozworkbench.core.bytecode.Bytecode.*;

/**
 * What a push, store or send instruction refers to, read from its bytes with the layouts of
 * {@link Bytecode}: the structured counterpart of an {@link Instruction}'s text, for tools that
 * rebuild expressions from the bytecodes (the decompiler).
 *
 * @param type  what {@code index} indexes
 * @param index the slot, literal or special constant; for a send, the literal of its selector
 *              (for a special send, the index into {@link Bytecode#SPECIAL_SELECTORS})
 * @param args  for a send, its argument count; else 0
 */
public record Operand(Type type, int index, int args) {

    /** What an operand names. */
    public enum Type {
        RECEIVER_VARIABLE, TEMPORARY, LITERAL_CONSTANT, LITERAL_VARIABLE,
        /** {@code self}, {@code true}, {@code false}, {@code nil}, -1, 0, 1, 2: index 0..7 in that order. */
        SPECIAL_CONSTANT,
        THIS_CONTEXT,
        SEND, SUPER_SEND, SPECIAL_SEND,
        /** Anything else: returns, jumps, pop, dup, closure bytecodes. */
        NONE
    }

    private static final Type[] BY_EXTENDED_TYPE = {
        Type.RECEIVER_VARIABLE, Type.TEMPORARY, Type.LITERAL_CONSTANT, Type.LITERAL_VARIABLE};
    private static final Operand NONE = new Operand(Type.NONE, 0, 0);

    /** The operand of {@code instruction}; {@link Type#NONE} for instructions without one. */
    public static Operand of(Instruction instruction) {
        byte[] bytes = instruction.bytes();
        int b = instruction.opcode();
        int x = bytes.length > 1 ? bytes[1] & BYTE_MASK : 0;
        int y = bytes.length > 2 ? bytes[2] & BYTE_MASK : 0;
        if (instruction.kind() == Instruction.Kind.UNKNOWN || instruction.kind() == Instruction.Kind.TRUNCATED) {
            return NONE;
        }
        if (b < PUSH_TEMPORARY) {
            return new Operand(Type.RECEIVER_VARIABLE, b - PUSH_RECEIVER_VARIABLE, 0);
        }
        if (b < PUSH_LITERAL_CONSTANT) {
            return new Operand(Type.TEMPORARY, b - PUSH_TEMPORARY, 0);
        }
        if (b < PUSH_LITERAL_VARIABLE) {
            return new Operand(Type.LITERAL_CONSTANT, b - PUSH_LITERAL_CONSTANT, 0);
        }
        if (b < POP_INTO_RECEIVER_VARIABLE) {
            return new Operand(Type.LITERAL_VARIABLE, b - PUSH_LITERAL_VARIABLE, 0);
        }
        if (b < POP_INTO_TEMPORARY) {
            return new Operand(Type.RECEIVER_VARIABLE, b - POP_INTO_RECEIVER_VARIABLE, 0);
        }
        if (b < PUSH_SELF) {
            return new Operand(Type.TEMPORARY, b - POP_INTO_TEMPORARY, 0);
        }
        if (b < RETURN_SELF) {
            return new Operand(Type.SPECIAL_CONSTANT, b - PUSH_SELF, 0);
        }
        if (b >= SPECIAL_SEND && b < SHORT_SEND) {
            int index = b - SPECIAL_SEND;
            return new Operand(Type.SPECIAL_SEND, index, specialSelectorArgCount(index));
        }
        if (b >= SHORT_SEND) {
            return new Operand(Type.SEND, (b - SHORT_SEND) % SHORT_SEND_LITERAL_COUNT,
                    (b - SHORT_SEND) / SHORT_SEND_LITERAL_COUNT);
        }
        return switch (b) {
            case EXTENDED_PUSH, EXTENDED_STORE, EXTENDED_STORE_POP ->
                    new Operand(BY_EXTENDED_TYPE[x >> EXTENDED_TYPE_SHIFT], x & EXTENDED_INDEX_MASK, 0);
            case SINGLE_EXTENDED_SEND -> new Operand(Type.SEND, x & SINGLE_SEND_LITERAL_MASK,
                    x >> SINGLE_SEND_ARGS_SHIFT);
            case SINGLE_EXTENDED_SUPER -> new Operand(Type.SUPER_SEND, x & SINGLE_SEND_LITERAL_MASK,
                    x >> SINGLE_SEND_ARGS_SHIFT);
            case SECOND_EXTENDED_SEND -> new Operand(Type.SEND, x & SECOND_SEND_LITERAL_MASK,
                    x >> SECOND_SEND_ARGS_SHIFT);
            case DOUBLE_EXTENDED -> doubleExtended(x, y);
            case PUSH_THIS_CONTEXT -> new Operand(Type.THIS_CONTEXT, 0, 0);
            default -> NONE;
        };
    }

    private static Operand doubleExtended(int x, int y) {
        int args = x & DOUBLE_ARGS_MASK;
        return switch (x >> DOUBLE_OPERATION_SHIFT) {
            case DOUBLE_SEND -> new Operand(Type.SEND, y, args);
            case DOUBLE_SUPER_SEND -> new Operand(Type.SUPER_SEND, y, args);
            case DOUBLE_PUSH_RECEIVER_VARIABLE, DOUBLE_STORE_RECEIVER_VARIABLE, DOUBLE_STORE_POP_RECEIVER_VARIABLE ->
                    new Operand(Type.RECEIVER_VARIABLE, y, 0);
            case DOUBLE_PUSH_LITERAL_CONSTANT -> new Operand(Type.LITERAL_CONSTANT, y, 0);
            default -> new Operand(Type.LITERAL_VARIABLE, y, 0);
        };
    }
}
