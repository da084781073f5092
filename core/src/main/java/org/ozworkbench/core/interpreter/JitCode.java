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
    /** Arguments a direct entry takes at most (a send with more goes through a context). */
    static final int DIRECT_ARGS = 4;
    /** The descriptor of {@link #direct}. */
    static final String DIRECT_DESCRIPTOR = "(Lorg/ozworkbench/core/interpreter/Interpreter;ILjava/lang/Object;"
            + "Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";

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

    // ---- the direct entry (see Interpreter's "direct activations") ----

    /** The method compiled, its literals, and whether its context is a large one. */
    GuestObject method;
    Object[] literals;
    boolean largeFrame;
    /** The method's send sites' inline caches, in the order of its send bytecodes. */
    SendSite[] sites;
    /** Whether {@link #direct} may run the method: it has a direct entry and has not been given up on. */
    boolean directOk;
    /** Times its direct activations had to become contexts for something other than a budget checkpoint. */
    int deopts;

    /**
     * Runs the method without a context: receiver and arguments (unused ones null) in, its
     * answer out; {@code depth} direct activations are below it on the host stack. Whatever it
     * cannot do itself makes every direct activation on the host stack a context, by
     * {@link Interpreter.Deopt} (see Interpreter.deoptFrame).
     */
    Object direct(Interpreter in, int depth, Object receiver, Object a0, Object a1, Object a2, Object a3) {
        throw new IllegalStateException("no direct entry");
    }

    /** One send bytecode's inline cache: the selector and receiver class it last saw, and what runs them. */
    static final class SendSite {
        GuestObject selector;
        GuestObject cls;
        JitCode target;
        /** The method found and what the interpreter kept on it then: a method whose bytes change loses it. */
        GuestObject method;
        Object methodJit;
        int epoch = -1;
        final int argCount;

        SendSite(int argCount) {
            this.argCount = argCount;
        }
    }

    /** A quick method (primitive 256-519, no arguments) as a direct target: self, a constant or an instance variable. */
    static final class Quick extends JitCode {
        private final int primitive;

        Quick(int primitive) {
            super(new boolean[0], 0);
            this.primitive = primitive;
            this.directOk = true;
        }

        @Override
        int run(Interpreter in) {
            throw new IllegalStateException("a quick method has no context");
        }

        @Override
        Object direct(Interpreter in, int depth, Object receiver, Object a0, Object a1, Object a2, Object a3) {
            return switch (primitive) {
                case 256 -> receiver;
                case 257 -> in.trueObject;
                case 258 -> in.falseObject;
                case 259 -> in.nil;
                case 260, 261, 262, 263 -> Interpreter.small(primitive - 261);
                default -> ((GuestObject) receiver).pointers()[primitive - 264];
            };
        }
    }

    /**
     * A method whose primitive only computes (arithmetic, indexing, instantiation: see
     * Interpreter.directPrimitive) as a direct target; when the primitive fails, the caller's
     * send is done again by the interpreter.
     */
    static final class Primitive extends JitCode {
        final int primitive;
        final int argCount;

        Primitive(GuestObject method, int primitive, int argCount) {
            super(new boolean[0], 0);
            this.method = method;
            this.primitive = primitive;
            this.argCount = argCount;
            this.directOk = true;
        }

        @Override
        int run(Interpreter in) {
            throw new IllegalStateException("a primitive has no context of its own");
        }

        @Override
        Object direct(Interpreter in, int depth, Object receiver, Object a0, Object a1, Object a2, Object a3) {
            return in.directPrimitive(this, receiver, a0, a1, a2, a3);
        }
    }

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
