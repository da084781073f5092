package org.ozworkbench.core.interpreter;

/** Why {@link Interpreter#run} handed control back to the host. */
public sealed interface RunResult {
    /** Bytecodes executed during the run. */
    long bytecodes();

    /** Which limit of a {@link Budget} was reached. */
    enum Limit { BYTECODES, TIME }

    /** The budget was spent: its bytecodes or its time, as {@code limit} says. */
    record BudgetSpent(long bytecodes, Limit limit) implements RunResult {
        /** The bytecodes of the budget were spent. */
        public BudgetSpent(long bytecodes) {
            this(bytecodes, Limit.BYTECODES);
        }
    }

    /** The host asked to stop ({@link Interpreter#interrupt()}). */
    record Interrupted(long bytecodes) implements RunResult {
    }

    /** Only the idle process wants to run and no timer is due: the guest waits for the world. */
    record Idle(long bytecodes) implements RunResult {
    }

    /** No process at all is runnable: the real VM would stop with a fatal error here. */
    record NoRunnableProcess(long bytecodes) implements RunResult {
    }

    /** The process the host was waiting for returned from its bottom context, with this value. */
    record Completed(long bytecodes, Object value) implements RunResult {
    }

    /** The guest asked to quit (primitive 113) or to exit to the debugger (primitive 114). */
    record Quit(long bytecodes, boolean toDebugger) implements RunResult {
    }

    /** A method of {@link Interpreter#breakOn} was activated: {@code context} is its new activation, active and not yet run. */
    record Breakpoint(long bytecodes, org.ozworkbench.core.memory.GuestObject context) implements RunResult {
    }

    /**
     * The guest's live objects outgrew the host heap the run allows ({@link Interpreter#heapCeiling}):
     * {@code heapBytes} still used after a full collection, over {@code ceilingBytes}; the active
     * process was {@code stackDepth} contexts deep then (counted up to {@link Interpreter#COUNTED_DEPTH}),
     * which tells a recursion without end from a guest that made too many objects.
     */
    record OutOfMemory(long bytecodes, long heapBytes, long ceilingBytes, int stackDepth) implements RunResult {
    }

    /** The guest reached a state the VM cannot go on from (e.g. doesNotUnderstand: not understood). */
    record Fatal(long bytecodes, String reason) implements RunResult {
    }
}
