package org.ozworkbench.core.bytecode;

import java.util.List;

/**
 * The V3 bytecode set (V3-FACTS section 10) in one place: the first opcode of every range, the
 * range sizes, the operand bit layouts and the special selector table. The disassembler and the
 * assembler read nothing else, so a change of encoding is a change here.
 *
 * <p>Ranges are named by their first opcode; an opcode {@code b} in a range starting at
 * {@code FIRST} with {@code n} members carries the index {@code b - FIRST}, {@code 0 <= index < n}.
 */
public final class Bytecode {

    // --- one-byte ranges ---------------------------------------------------------------------
    /** 0-15: push receiver inst var n. */
    public static final int PUSH_RECEIVER_VARIABLE = 0;
    /** 16-31: push temp n. */
    public static final int PUSH_TEMPORARY = 16;
    /** 32-63: push literal n. */
    public static final int PUSH_LITERAL_CONSTANT = 32;
    /** 64-95: push the value of literal variable (Association) n. */
    public static final int PUSH_LITERAL_VARIABLE = 64;
    /** 96-103: pop into receiver inst var n. */
    public static final int POP_INTO_RECEIVER_VARIABLE = 96;
    /** 104-111: pop into temp n. */
    public static final int POP_INTO_TEMPORARY = 104;
    /** Members of the short push ranges for receiver variables and temps. */
    public static final int SHORT_VARIABLE_COUNT = 16;
    /** Members of the short push ranges for literals and literal variables. */
    public static final int SHORT_LITERAL_COUNT = 32;
    /** Members of the short pop-into ranges. */
    public static final int SHORT_POP_INTO_COUNT = 8;

    public static final int PUSH_SELF = 112;
    public static final int PUSH_TRUE = 113;
    public static final int PUSH_FALSE = 114;
    public static final int PUSH_NIL = 115;
    /** 116-119: push the SmallIntegers -1, 0, 1, 2. */
    public static final int PUSH_SMALL_INTEGER = 116;
    public static final int SMALLEST_PUSHED_INTEGER = -1;
    public static final int LARGEST_PUSHED_INTEGER = 2;

    public static final int RETURN_SELF = 120;
    public static final int RETURN_TRUE = 121;
    public static final int RETURN_FALSE = 122;
    public static final int RETURN_NIL = 123;
    public static final int RETURN_TOP = 124;
    /** Return top of stack from a block to its caller. */
    public static final int BLOCK_RETURN = 125;
    /** 126 and 127 are unused in V3. */
    public static final int UNUSED_126 = 126;
    public static final int UNUSED_127 = 127;

    // --- extended forms ----------------------------------------------------------------------
    /** 128 x: push; type x>>6, index x&63. */
    public static final int EXTENDED_PUSH = 128;
    /** 129 x: store without pop; type x>>6 (literal constant illegal), index x&63. */
    public static final int EXTENDED_STORE = 129;
    /** 130 x: store and pop; same operand layout as 129. */
    public static final int EXTENDED_STORE_POP = 130;
    /** 131 x: send literal x&31 with x>>5 args. */
    public static final int SINGLE_EXTENDED_SEND = 131;
    /** 132 x y: operation x>>5 (see DOUBLE_*), x&31 args for sends, operand y. */
    public static final int DOUBLE_EXTENDED = 132;
    /** 133 x: super send literal x&31 with x>>5 args. */
    public static final int SINGLE_EXTENDED_SUPER = 133;
    /** 134 x: send literal x&63 with x>>6 args. */
    public static final int SECOND_EXTENDED_SEND = 134;
    public static final int POP = 135;
    public static final int DUP = 136;
    public static final int PUSH_THIS_CONTEXT = 137;

    /** Operand of 128-130: type in the top two bits, index in the low six. */
    public static final int EXTENDED_TYPE_SHIFT = 6;
    public static final int EXTENDED_INDEX_MASK = 63;
    public static final int TYPE_RECEIVER_VARIABLE = 0;
    public static final int TYPE_TEMPORARY = 1;
    public static final int TYPE_LITERAL_CONSTANT = 2;
    public static final int TYPE_LITERAL_VARIABLE = 3;

    /** Operand of 131 and 133: args in the top three bits, literal in the low five. */
    public static final int SINGLE_SEND_ARGS_SHIFT = 5;
    public static final int SINGLE_SEND_LITERAL_MASK = 31;
    public static final int SINGLE_SEND_MAX_ARGS = 7;
    /** Operand of 134: args in the top two bits, literal in the low six. */
    public static final int SECOND_SEND_ARGS_SHIFT = 6;
    public static final int SECOND_SEND_LITERAL_MASK = 63;
    public static final int SECOND_SEND_MAX_ARGS = 3;

    /** First operand of 132: operation in the top three bits, send args in the low five. */
    public static final int DOUBLE_OPERATION_SHIFT = 5;
    public static final int DOUBLE_ARGS_MASK = 31;
    public static final int DOUBLE_SEND = 0;
    public static final int DOUBLE_SUPER_SEND = 1;
    public static final int DOUBLE_PUSH_RECEIVER_VARIABLE = 2;
    public static final int DOUBLE_PUSH_LITERAL_CONSTANT = 3;
    public static final int DOUBLE_PUSH_LITERAL_VARIABLE = 4;
    public static final int DOUBLE_STORE_RECEIVER_VARIABLE = 5;
    public static final int DOUBLE_STORE_POP_RECEIVER_VARIABLE = 6;
    public static final int DOUBLE_STORE_LITERAL_VARIABLE = 7;
    /** Largest index a one-byte operand can carry (132's second byte, 140-142's bytes). */
    public static final int MAX_BYTE_OPERAND = 255;

    // --- closure bytecodes (only in closure images) -----------------------------------------
    /** 138 x: push a new Array of x&127 slots, filled by popping them if x&128. */
    public static final int PUSH_NEW_ARRAY = 138;
    public static final int NEW_ARRAY_SIZE_MASK = 127;
    public static final int NEW_ARRAY_POP_FLAG = 128;
    /** 139 is unused in V3 (callPrimitive in Cog/Spur). */
    public static final int UNUSED_139 = 139;
    /** 140 i j: push element i of the temp vector in temp j. */
    public static final int PUSH_REMOTE_TEMP = 140;
    /** 141 i j: store into element i of the temp vector in temp j. */
    public static final int STORE_REMOTE_TEMP = 141;
    /** 142 i j: store and pop into element i of the temp vector in temp j. */
    public static final int STORE_POP_REMOTE_TEMP = 142;
    /** 143 x hi lo: push a BlockClosure, x&15 args, x>>4 copied values, body of hi*256+lo bytes. */
    public static final int PUSH_CLOSURE = 143;
    public static final int CLOSURE_ARGS_MASK = 15;
    public static final int CLOSURE_COPIED_SHIFT = 4;
    public static final int CLOSURE_MAX_ARGS = 15;
    public static final int CLOSURE_MAX_COPIED = 15;
    public static final int CLOSURE_MAX_BODY = 0xFFFF;

    // --- jumps -------------------------------------------------------------------------------
    /** 144-151: jump forward b-143 (1..8). */
    public static final int SHORT_JUMP = 144;
    /** 152-159: pop, jump forward b-151 (1..8) if false. */
    public static final int SHORT_JUMP_IF_FALSE = 152;
    /** Members of each short jump range and so the longest short jump. */
    public static final int SHORT_JUMP_COUNT = 8;
    /** 160-167 y: jump (b-164)*256+y. */
    public static final int LONG_JUMP = 160;
    /** The long jump opcode whose high offset bits are zero. */
    public static final int LONG_JUMP_ZERO = 164;
    /** 168-171 y: pop, jump forward (b&3)*256+y if true. */
    public static final int LONG_JUMP_IF_TRUE = 168;
    /** 172-175 y: pop, jump forward (b&3)*256+y if false. */
    public static final int LONG_JUMP_IF_FALSE = 172;
    public static final int LONG_JUMP_COUNT = 8;
    public static final int LONG_CONDITIONAL_JUMP_COUNT = 4;
    public static final int JUMP_HIGH_SHIFT = 8;
    public static final int JUMP_LOW_MASK = 0xFF;
    public static final int LONG_JUMP_MIN = -1024;
    public static final int LONG_JUMP_MAX = 1023;

    // --- sends -------------------------------------------------------------------------------
    /** 176-207: send special selector b-176. */
    public static final int SPECIAL_SEND = 176;
    /** 208-223 / 224-239 / 240-255: send literal b&15 with 0 / 1 / 2 args. */
    public static final int SHORT_SEND = 208;
    public static final int SHORT_SEND_LITERAL_COUNT = 16;
    public static final int SHORT_SEND_MAX_ARGS = 2;

    public static final int OPCODE_COUNT = 256;
    public static final int BYTE_MASK = 0xFF;

    /** The selectors of 176-207, in order (Smalltalk specialSelectors). */
    public static final List<String> SPECIAL_SELECTORS = List.of(
            "+", "-", "<", ">", "<=", ">=", "=", "~=", "*", "/", "\\\\", "@", "bitShift:", "//", "bitAnd:", "bitOr:",
            "at:", "at:put:", "size", "next", "nextPut:", "atEnd", "==", "class", "blockCopy:", "value", "value:",
            "do:", "new", "new:", "x", "y");

    private Bytecode() {
    }

    /** Index of a special selector in {@link #SPECIAL_SELECTORS}, or -1 if it is not one. */
    public static int specialSelectorIndex(String selector) {
        return SPECIAL_SELECTORS.indexOf(selector);
    }

    /** Number of arguments the special selector at {@code index} takes (a binary selector takes one). */
    public static int specialSelectorArgCount(int index) {
        String selector = SPECIAL_SELECTORS.get(index);
        long colons = selector.chars().filter(c -> c == ':').count();
        boolean binary = !Character.isLetter(selector.charAt(0));
        return binary ? 1 : (int) colons;
    }

    /**
     * Length in bytes (opcode plus operands) of the instruction starting with {@code opcode}.
     * Unused opcodes, and closure opcodes in a non-closure image, count as one byte.
     */
    public static int length(int opcode, boolean closures) {
        int b = opcode & BYTE_MASK;
        if (b >= PUSH_NEW_ARRAY && b <= PUSH_CLOSURE) {
            if (!closures || b == UNUSED_139) {
                return 1;
            }
            return switch (b) {
                case PUSH_NEW_ARRAY -> 2;
                case PUSH_CLOSURE -> 4;
                default -> 3;
            };
        }
        if (b == DOUBLE_EXTENDED) {
            return 3;
        }
        if ((b >= EXTENDED_PUSH && b <= SECOND_EXTENDED_SEND)
                || (b >= LONG_JUMP && b < SPECIAL_SEND)) {
            return 2;
        }
        return 1;
    }
}
