package org.ozworkbench.core.interpreter;

import org.ozworkbench.core.memory.GuestObject;

/**
 * One guest method compiled to a JVM class by {@link MethodCompiler}: its bytecodes run as JVM
 * code on the method's context, with the guest stack in JVM locals between two sends.
 *
 * <p>The context stays the truth: before anything the compiled code does not do itself (a
 * send, a primitive, a checkpoint), it writes its stack and pc into the context, so that the
 * interpreter could take over there. It enters at the bytecodes {@link #entries} marks and
 * answers how it left: {@link #RETURNED} when the method returned (the registers are then the
 * sender's) or {@link #LEFT} when the interpreter must go on from the registers as they are.
 */
abstract class JitCode {
    static final int RETURNED = 0;
    static final int LEFT = 1;

    /** Byte index of a bytecode → whether the compiled code can start there. */
    private final boolean[] entries;
    /** Slots a context needs for this method: its fixed part, temps and deepest stack. */
    final int frameSlots;

    protected JitCode(boolean[] entries, int frameSlots) {
        this.entries = entries;
        this.frameSlots = frameSlots;
    }

    /** Runs the active context (whose method this is) from its pc; see the class comment. */
    abstract int run(Interpreter in);

    final boolean canEnter(int pc, int slots) {
        return pc >= 0 && pc < entries.length && entries[pc] && slots >= frameSlots;
    }

    // ---- called by the generated code ----

    /** The receiver's slots, or null for a receiver without any (the method reads none then). */
    static Object[] slotsOf(Object receiver) {
        return receiver instanceof GuestObject g ? g.pointers() : null;
    }

    /** A literal variable's value (an Association's second slot). */
    static Object valueOf(Object binding) {
        return ((GuestObject) binding).pointers()[1];
    }

    static void setValueOf(Object binding, Object value) {
        ((GuestObject) binding).pointers()[1] = value;
    }

    /** Slot {@code index} of a temp vector. */
    static Object remote(Object vector, int index) {
        return ((GuestObject) vector).pointers()[index];
    }

    static void setRemote(Object vector, int index, Object value) {
        ((GuestObject) vector).pointers()[index] = value;
    }

    // The commonest SmallInteger primitives (Interpreter.smallIntegerOp 1-9), each on its own so
    // that the JIT inlines it into compiled code (the shared switch is too big to be inlined
    // there): the answer, or null when an operand is no SmallInteger or the result overflows
    // (the interpreter then does the bytecode).

    static Object add(Object x, Object y) {
        return x instanceof Integer i && y instanceof Integer j ? Interpreter.smallOrNull((long) i + j) : null;
    }

    static Object subtract(Object x, Object y) {
        return x instanceof Integer i && y instanceof Integer j ? Interpreter.smallOrNull((long) i - j) : null;
    }

    static Object multiply(Object x, Object y) {
        return x instanceof Integer i && y instanceof Integer j ? Interpreter.smallOrNull((long) i * j) : null;
    }

    static Object less(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i < j ? t : f) : null;
    }

    static Object greater(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i > j ? t : f) : null;
    }

    static Object lessOrEqual(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i <= j ? t : f) : null;
    }

    static Object greaterOrEqual(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i >= j ? t : f) : null;
    }

    static Object equal(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i.intValue() == j.intValue() ? t : f) : null;
    }

    static Object notEqual(Object x, Object y, Object t, Object f) {
        return x instanceof Integer i && y instanceof Integer j ? (i.intValue() != j.intValue() ? t : f) : null;
    }
}
