package org.ozworkbench.core.bytecode;

import static org.ozworkbench.core.bytecode.Bytecode.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds V3 bytecodes, choosing for every instruction the shortest encoding, as the Squeak compiler
 * does: the one-byte forms first, then 128-131/133-134 with their small operands, then 132.
 *
 * <p>Jumps go to {@link Label}s, forward or backward; at {@link #build()} each jump gets its short
 * form (forward 1..8, unconditional or if-false) when its distance allows, otherwise the long form.
 * Closure bytecodes (138, 140-143) need an assembler made with {@link #create(boolean) closures}.
 *
 * <p>Operand range errors are reported when the instruction is added ({@link IllegalArgumentException});
 * unbound labels and jumps out of reach when building ({@link IllegalStateException}). Not thread-safe.
 */
public final class Assembler {

    /** A position in the bytecodes; bind it once with {@link #bind(Label)}. */
    public static final class Label {
        private final Assembler owner;
        private final String name;

        private Label(Assembler owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        @Override
        public String toString() {
            return "label " + name;
        }
    }

    private enum JumpKind { ALWAYS, IF_TRUE, IF_FALSE }

    private sealed interface Piece permits Fixed, Jump, Closure, Mark {
    }

    private record Fixed(byte[] bytes) implements Piece {
    }

    private record Jump(JumpKind kind, Label target, boolean forceLong) implements Piece {
    }

    private record Closure(int numArgs, int numCopied, Label end) implements Piece {
    }

    private record Mark(Label label) implements Piece {
    }

    private static final int CLOSURE_LENGTH = 4;
    private static final int LONG_JUMP_LENGTH = 2;

    private final boolean closures;
    private final List<Piece> pieces = new ArrayList<>();
    private final Set<Label> bound = new HashSet<>();
    private int labelCount;

    private Assembler(boolean closures) {
        this.closures = closures;
    }

    /** An assembler for an image without closures. */
    public static Assembler create() {
        return new Assembler(false);
    }

    /** An assembler that accepts the closure bytecodes only if {@code closures}. */
    public static Assembler create(boolean closures) {
        return new Assembler(closures);
    }

    // --- labels and jumps ----------------------------------------------------------------------

    public Label newLabel() {
        return newLabel("L" + (++labelCount));
    }

    /** A label with a name for error messages. */
    public Label newLabel(String name) {
        return new Label(this, name);
    }

    /** Places {@code label} at the current position. */
    public Assembler bind(Label label) {
        checkOwned(label);
        if (!bound.add(label)) {
            throw new IllegalStateException(label + " is already bound");
        }
        return add(new Mark(label));
    }

    public Assembler jump(Label target) {
        return add(new Jump(JumpKind.ALWAYS, checkOwned(target), false));
    }

    /**
     * An unconditional jump always in the 2-byte form, as the Squeak compiler emits it to skip a
     * pre-closure block body after {@code blockCopy:} (V3-FACTS section 8).
     */
    public Assembler longJump(Label target) {
        return add(new Jump(JumpKind.ALWAYS, checkOwned(target), true));
    }

    /** Pops; jumps if it was true. Forward only (V3 has no backward conditional jump). */
    public Assembler jumpIfTrue(Label target) {
        return add(new Jump(JumpKind.IF_TRUE, checkOwned(target), false));
    }

    /** Pops; jumps if it was false. Forward only (V3 has no backward conditional jump). */
    public Assembler jumpIfFalse(Label target) {
        return add(new Jump(JumpKind.IF_FALSE, checkOwned(target), false));
    }

    // --- pushes --------------------------------------------------------------------------------

    public Assembler pushReceiverVariable(int index) {
        checkIndex("receiver variable", index, MAX_BYTE_OPERAND);
        if (index < SHORT_VARIABLE_COUNT) {
            return bytes(PUSH_RECEIVER_VARIABLE + index);
        }
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_PUSH, TYPE_RECEIVER_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_PUSH_RECEIVER_VARIABLE, 0, index);
    }

    public Assembler pushTemporary(int index) {
        checkIndex("temporary", index, EXTENDED_INDEX_MASK);
        if (index < SHORT_VARIABLE_COUNT) {
            return bytes(PUSH_TEMPORARY + index);
        }
        return extended(EXTENDED_PUSH, TYPE_TEMPORARY, index);
    }

    /** Pushes literal {@code index} itself. */
    public Assembler pushLiteralConstant(int index) {
        checkIndex("literal", index, MAX_BYTE_OPERAND);
        if (index < SHORT_LITERAL_COUNT) {
            return bytes(PUSH_LITERAL_CONSTANT + index);
        }
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_PUSH, TYPE_LITERAL_CONSTANT, index);
        }
        return doubleExtended(DOUBLE_PUSH_LITERAL_CONSTANT, 0, index);
    }

    /** Pushes the value of the Association at literal {@code index}. */
    public Assembler pushLiteralVariable(int index) {
        checkIndex("literal variable", index, MAX_BYTE_OPERAND);
        if (index < SHORT_LITERAL_COUNT) {
            return bytes(PUSH_LITERAL_VARIABLE + index);
        }
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_PUSH, TYPE_LITERAL_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_PUSH_LITERAL_VARIABLE, 0, index);
    }

    public Assembler pushSelf() {
        return bytes(PUSH_SELF);
    }

    public Assembler pushTrue() {
        return bytes(PUSH_TRUE);
    }

    public Assembler pushFalse() {
        return bytes(PUSH_FALSE);
    }

    public Assembler pushNil() {
        return bytes(PUSH_NIL);
    }

    /** Pushes -1, 0, 1 or 2 (116-119); other integers must be literals. */
    public Assembler pushSmallInteger(int value) {
        if (value < SMALLEST_PUSHED_INTEGER || value > LARGEST_PUSHED_INTEGER) {
            throw new IllegalArgumentException("only " + SMALLEST_PUSHED_INTEGER + ".." + LARGEST_PUSHED_INTEGER
                    + " have a push bytecode; push " + value + " as a literal");
        }
        return bytes(PUSH_SMALL_INTEGER + value - SMALLEST_PUSHED_INTEGER);
    }

    public Assembler pushThisContext() {
        return bytes(PUSH_THIS_CONTEXT);
    }

    // --- stores --------------------------------------------------------------------------------

    public Assembler storeIntoReceiverVariable(int index) {
        checkIndex("receiver variable", index, MAX_BYTE_OPERAND);
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_STORE, TYPE_RECEIVER_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_STORE_RECEIVER_VARIABLE, 0, index);
    }

    public Assembler storeIntoTemporary(int index) {
        checkIndex("temporary", index, EXTENDED_INDEX_MASK);
        return extended(EXTENDED_STORE, TYPE_TEMPORARY, index);
    }

    public Assembler storeIntoLiteralVariable(int index) {
        checkIndex("literal variable", index, MAX_BYTE_OPERAND);
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_STORE, TYPE_LITERAL_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_STORE_LITERAL_VARIABLE, 0, index);
    }

    public Assembler popIntoReceiverVariable(int index) {
        checkIndex("receiver variable", index, MAX_BYTE_OPERAND);
        if (index < SHORT_POP_INTO_COUNT) {
            return bytes(POP_INTO_RECEIVER_VARIABLE + index);
        }
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_STORE_POP, TYPE_RECEIVER_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_STORE_POP_RECEIVER_VARIABLE, 0, index);
    }

    public Assembler popIntoTemporary(int index) {
        checkIndex("temporary", index, EXTENDED_INDEX_MASK);
        if (index < SHORT_POP_INTO_COUNT) {
            return bytes(POP_INTO_TEMPORARY + index);
        }
        return extended(EXTENDED_STORE_POP, TYPE_TEMPORARY, index);
    }

    /** 130 for a literal below 64; beyond, 132 has no store-pop form, so store then pop (as Squeak does). */
    public Assembler popIntoLiteralVariable(int index) {
        checkIndex("literal variable", index, MAX_BYTE_OPERAND);
        if (index <= EXTENDED_INDEX_MASK) {
            return extended(EXTENDED_STORE_POP, TYPE_LITERAL_VARIABLE, index);
        }
        return doubleExtended(DOUBLE_STORE_LITERAL_VARIABLE, 0, index).pop();
    }

    // --- sends ---------------------------------------------------------------------------------

    /** Sends the selector at literal {@code literalIndex}: 208-255, else 131, else 134, else 132. */
    public Assembler send(int literalIndex, int numArgs) {
        checkIndex("selector literal", literalIndex, MAX_BYTE_OPERAND);
        checkIndex("argument count", numArgs, DOUBLE_ARGS_MASK);
        if (literalIndex < SHORT_SEND_LITERAL_COUNT && numArgs <= SHORT_SEND_MAX_ARGS) {
            return bytes(SHORT_SEND + numArgs * SHORT_SEND_LITERAL_COUNT + literalIndex);
        }
        if (literalIndex <= SINGLE_SEND_LITERAL_MASK && numArgs <= SINGLE_SEND_MAX_ARGS) {
            return bytes(SINGLE_EXTENDED_SEND, numArgs << SINGLE_SEND_ARGS_SHIFT | literalIndex);
        }
        if (literalIndex <= SECOND_SEND_LITERAL_MASK && numArgs <= SECOND_SEND_MAX_ARGS) {
            return bytes(SECOND_EXTENDED_SEND, numArgs << SECOND_SEND_ARGS_SHIFT | literalIndex);
        }
        return doubleExtended(DOUBLE_SEND, numArgs, literalIndex);
    }

    /** Super-sends the selector at literal {@code literalIndex}: 133, else 132. */
    public Assembler superSend(int literalIndex, int numArgs) {
        checkIndex("selector literal", literalIndex, MAX_BYTE_OPERAND);
        checkIndex("argument count", numArgs, DOUBLE_ARGS_MASK);
        if (literalIndex <= SINGLE_SEND_LITERAL_MASK && numArgs <= SINGLE_SEND_MAX_ARGS) {
            return bytes(SINGLE_EXTENDED_SUPER, numArgs << SINGLE_SEND_ARGS_SHIFT | literalIndex);
        }
        return doubleExtended(DOUBLE_SUPER_SEND, numArgs, literalIndex);
    }

    /** Sends one of {@link Bytecode#SPECIAL_SELECTORS} (176-207), e.g. {@code "+"} or {@code "at:put:"}. */
    public Assembler specialSend(String selector) {
        int index = specialSelectorIndex(selector);
        if (index < 0) {
            throw new IllegalArgumentException("#" + selector + " is not a special selector; send it as a literal");
        }
        return bytes(SPECIAL_SEND + index);
    }

    // --- stack and returns ---------------------------------------------------------------------

    public Assembler pop() {
        return bytes(POP);
    }

    public Assembler dup() {
        return bytes(DUP);
    }

    public Assembler returnTop() {
        return bytes(RETURN_TOP);
    }

    public Assembler returnSelf() {
        return bytes(RETURN_SELF);
    }

    public Assembler returnNil() {
        return bytes(RETURN_NIL);
    }

    public Assembler returnTrue() {
        return bytes(RETURN_TRUE);
    }

    public Assembler returnFalse() {
        return bytes(RETURN_FALSE);
    }

    /** Returns the top of stack from a block to its caller (125). */
    public Assembler blockReturn() {
        return bytes(BLOCK_RETURN);
    }

    // --- closures (138, 140-143) ---------------------------------------------------------------

    /** Pushes a new Array of {@code size} nils (138). */
    public Assembler pushNewArray(int size) {
        checkClosures();
        checkIndex("array size", size, NEW_ARRAY_SIZE_MASK);
        return bytes(PUSH_NEW_ARRAY, size);
    }

    /** Pops {@code size} values into a new Array and pushes it (138 with the pop flag). */
    public Assembler pushConsArray(int size) {
        checkClosures();
        checkIndex("array size", size, NEW_ARRAY_SIZE_MASK);
        return bytes(PUSH_NEW_ARRAY, NEW_ARRAY_POP_FLAG | size);
    }

    /** Pushes element {@code index} of the temp vector held in temp {@code vectorTemp} (140). */
    public Assembler pushRemoteTemp(int index, int vectorTemp) {
        return remoteTemp(PUSH_REMOTE_TEMP, index, vectorTemp);
    }

    public Assembler storeIntoRemoteTemp(int index, int vectorTemp) {
        return remoteTemp(STORE_REMOTE_TEMP, index, vectorTemp);
    }

    public Assembler popIntoRemoteTemp(int index, int vectorTemp) {
        return remoteTemp(STORE_POP_REMOTE_TEMP, index, vectorTemp);
    }

    /**
     * Pushes a BlockClosure (143) whose body is the code from here to {@code end}: the caller emits
     * the body (ending in a return) and then binds {@code end}.
     */
    public Assembler pushClosure(int numArgs, int numCopied, Label end) {
        checkClosures();
        checkIndex("block argument count", numArgs, CLOSURE_MAX_ARGS);
        checkIndex("copied value count", numCopied, CLOSURE_MAX_COPIED);
        return add(new Closure(numArgs, numCopied, checkOwned(end)));
    }

    // --- building ------------------------------------------------------------------------------

    /**
     * The bytecodes, without a trailer.
     *
     * @throws IllegalStateException if a label used is not bound, or a jump or block body is out of reach
     */
    public byte[] build() {
        Map<Piece, Boolean> longJumps = new IdentityHashMap<>();
        for (Piece piece : pieces) {
            if (piece instanceof Jump jump) {
                checkBound(jump.target());
                longJumps.put(jump, jump.forceLong() || jump.kind() == JumpKind.IF_TRUE);
            } else if (piece instanceof Closure closure) {
                checkBound(closure.end());
            }
        }
        // Lengthening a jump only moves later code further away, so promotion to long terminates.
        Map<Label, Integer> labels;
        boolean changed;
        do {
            labels = layout(longJumps);
            changed = false;
            int position = 0;
            for (Piece piece : pieces) {
                if (piece instanceof Jump jump && !longJumps.get(jump)) {
                    int distance = labels.get(jump.target()) - (position + 1);
                    if (distance < 1 || distance > SHORT_JUMP_COUNT) {
                        longJumps.put(jump, true);
                        changed = true;
                    }
                }
                position += length(piece, longJumps);
            }
        } while (changed);
        return emit(labels, longJumps);
    }

    private Map<Label, Integer> layout(Map<Piece, Boolean> longJumps) {
        Map<Label, Integer> labels = new IdentityHashMap<>();
        int position = 0;
        for (Piece piece : pieces) {
            if (piece instanceof Mark mark) {
                labels.put(mark.label(), position);
            }
            position += length(piece, longJumps);
        }
        return labels;
    }

    private static int length(Piece piece, Map<Piece, Boolean> longJumps) {
        if (piece instanceof Fixed fixed) {
            return fixed.bytes().length;
        } else if (piece instanceof Jump jump) {
            return longJumps.get(jump) ? LONG_JUMP_LENGTH : 1;
        } else if (piece instanceof Closure) {
            return CLOSURE_LENGTH;
        }
        return 0;
    }

    private byte[] emit(Map<Label, Integer> labels, Map<Piece, Boolean> longJumps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Piece piece : pieces) {
            int position = out.size();
            if (piece instanceof Fixed fixed) {
                out.writeBytes(fixed.bytes());
            } else if (piece instanceof Jump jump && !longJumps.get(jump)) {
                int distance = labels.get(jump.target()) - (position + 1);
                int first = jump.kind() == JumpKind.ALWAYS ? SHORT_JUMP : SHORT_JUMP_IF_FALSE;
                out.write(first + distance - 1);
            } else if (piece instanceof Jump jump) {
                int distance = labels.get(jump.target()) - (position + LONG_JUMP_LENGTH);
                emitLongJump(out, jump, distance);
            } else if (piece instanceof Closure closure) {
                int size = labels.get(closure.end()) - (position + CLOSURE_LENGTH);
                if (size < 0 || size > CLOSURE_MAX_BODY) {
                    throw new IllegalStateException("block body up to " + closure.end() + " has size " + size
                            + ", outside 0.." + CLOSURE_MAX_BODY);
                }
                out.write(PUSH_CLOSURE);
                out.write(closure.numCopied() << CLOSURE_COPIED_SHIFT | closure.numArgs());
                out.write(size >> JUMP_HIGH_SHIFT);
                out.write(size & JUMP_LOW_MASK);
            }
        }
        return out.toByteArray();
    }

    private static void emitLongJump(ByteArrayOutputStream out, Jump jump, int distance) {
        if (jump.kind() == JumpKind.ALWAYS) {
            if (distance < LONG_JUMP_MIN || distance > LONG_JUMP_MAX) {
                throw outOfReach(jump, distance, LONG_JUMP_MIN);
            }
            out.write(LONG_JUMP_ZERO + (distance >> JUMP_HIGH_SHIFT));
        } else {
            if (distance < 0 || distance > LONG_JUMP_MAX) {
                throw outOfReach(jump, distance, 0);
            }
            int first = jump.kind() == JumpKind.IF_TRUE ? LONG_JUMP_IF_TRUE : LONG_JUMP_IF_FALSE;
            out.write(first + (distance >> JUMP_HIGH_SHIFT));
        }
        out.write(distance & JUMP_LOW_MASK);
    }

    private static IllegalStateException outOfReach(Jump jump, int distance, int min) {
        return new IllegalStateException("jump to " + jump.target() + " spans " + distance + " bytes, outside "
                + min + ".." + LONG_JUMP_MAX + (min == 0 ? " (conditional jumps only go forward)" : ""));
    }

    // --- helpers -------------------------------------------------------------------------------

    private Assembler extended(int opcode, int type, int index) {
        return bytes(opcode, type << EXTENDED_TYPE_SHIFT | index);
    }

    private Assembler doubleExtended(int operation, int args, int operand) {
        return bytes(DOUBLE_EXTENDED, operation << DOUBLE_OPERATION_SHIFT | args, operand);
    }

    private Assembler remoteTemp(int opcode, int index, int vectorTemp) {
        checkClosures();
        checkIndex("temp vector element", index, MAX_BYTE_OPERAND);
        checkIndex("temp vector temporary", vectorTemp, MAX_BYTE_OPERAND);
        return bytes(opcode, index, vectorTemp);
    }

    private Assembler bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return add(new Fixed(bytes));
    }

    private Assembler add(Piece piece) {
        pieces.add(piece);
        return this;
    }

    private Label checkOwned(Label label) {
        if (label.owner != this) {
            throw new IllegalArgumentException(label + " belongs to another assembler");
        }
        return label;
    }

    private void checkBound(Label label) {
        if (!bound.contains(label)) {
            throw new IllegalStateException(label + " is used but never bound");
        }
    }

    private void checkClosures() {
        if (!closures) {
            throw new IllegalStateException("closure bytecodes need an assembler created with closures");
        }
    }

    private static void checkIndex(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be in 0.." + max + ", got " + value);
        }
    }
}
