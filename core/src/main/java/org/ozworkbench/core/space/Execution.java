package org.ozworkbench.core.space;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.Injection;
import org.ozworkbench.core.interpreter.Interpreter;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.RunRecorder;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;

/**
 * Guest code run by the host (paper 3.4, 3.5, 5.2): the guest's processes under a budget, an
 * interruption from any thread that leaves the active process as it was, a CPU quota, and
 * expressions evaluated in the guest by an injected process. A run and a surgery never overlap.
 *
 * <pre>{@code
 * Execution ex = space.execution();
 * Evaluation e = ex.evaluate("3 + 4", Budget.bytecodes(1_000_000));   // Value "7"
 * RunResult r = ex.run(Budget.time(Duration.ofMillis(200)));
 * }</pre>
 */
public final class Execution {
    /** The budget {@link #evaluate(String)} gives an expression and its printString. */
    public static final Budget DEFAULT_BUDGET = Budget.bytecodes(200_000_000L).and(Duration.ofSeconds(20));
    private static final String ERROR_MARK = "ozw-guest-error";
    private static final int STACK_FRAMES = 12;
    private static final long MEGABYTE = 1024 * 1024;
    /** A process this many contexts deep when memory runs out is named as the likely cause. */
    private static final int DEEP_STACK = 100_000;

    private final ObjectSpace space;
    private Interpreter interpreter;
    private volatile boolean running;
    private Duration quota;
    private GuestObject printer;
    private List<GuestObject> breakpoints = List.of();
    /** True while {@link #evaluateInSurgery} runs: the run belongs to the open surgery. */
    private boolean recording;

    Execution(ObjectSpace space) {
        this.space = space;
    }

    /** The interpreter, made on first use. */
    public Interpreter interpreter() {
        if (interpreter == null) {
            interpreter = new Interpreter(space.memory(), m -> space.mirror(m) instanceof MethodMirror mm
                    ? space.methodLocation(mm).map(Object::toString).orElse("an uninstalled method")
                    : "a method");
        }
        return interpreter;
    }

    /** Whether guest code is running now (a surgery cannot begin then). */
    public boolean isRunning() {
        return running;
    }

    /**
     * Limits the guest to {@code perSecond} of processor time in every second of a run (e.g. 300
     * ms): the run sleeps the rest of each second. Null lifts the quota.
     */
    public void quota(Duration perSecond) {
        if (perSecond != null && (perSecond.isNegative() || perSecond.isZero() || perSecond.compareTo(Duration.ofSeconds(1)) > 0)) {
            throw new IllegalArgumentException("a CPU quota is between 1 ms and 1 s per second, not " + perSecond);
        }
        this.quota = perSecond;
    }

    /** See {@link Interpreter#heapCeiling(long)}. */
    public void heapCeiling(long bytes) {
        interpreter().heapCeiling(bytes);
    }

    /**
     * Methods whose activation stops {@link #run} with {@link RunResult.Breakpoint} (not
     * evaluations, which catch their errors themselves). No arguments clears them.
     */
    public void breakOn(MethodMirror... methods) {
        List<GuestObject> list = new ArrayList<>();
        for (MethodMirror m : methods) {
            list.add(space.unwrapObject(m));
        }
        breakpoints = List.copyOf(list);
    }

    /** Stops a run at its next bytecode boundary. Safe from any thread. */
    public void interrupt() {
        interpreter().interrupt();
    }

    /** Runs the guest's processes from the active one until the budget is spent or the guest stops (see {@link RunResult}). */
    public RunResult run(Budget budget) {
        return runAwaiting(budget, null);
    }

    private RunResult runAwaiting(Budget budget, Injection awaited) {
        if (!recording) {
            space.openSurgery().ifPresent(s -> {
                throw new IllegalStateException("cannot run the guest while surgery '" + s.label() + "' is open");
            });
        }
        Interpreter vm = interpreter();
        vm.breakOn(awaited == null ? breakpoints : List.of());
        running = true;
        try {
            if (quota == null) {
                return vm.run(budget, awaited);
            }
            return runWithQuota(vm, budget, awaited);
        } finally {
            running = false;
        }
    }

    private RunResult runWithQuota(Interpreter vm, Budget budget, Injection awaited) {
        long startCount = vm.bytecodesExecuted();
        long deadline = System.nanoTime() + budget.time().toNanos();
        while (true) {
            long left = budget.bytecodes() == Long.MAX_VALUE ? Long.MAX_VALUE
                    : budget.bytecodes() - (vm.bytecodesExecuted() - startCount);
            long timeLeft = deadline - System.nanoTime();
            if (left <= 0 || timeLeft <= 0) {
                return new RunResult.BudgetSpent(vm.bytecodesExecuted() - startCount,
                        left <= 0 ? RunResult.Limit.BYTECODES : RunResult.Limit.TIME);
            }
            long sliceStart = System.nanoTime();
            Duration slice = Duration.ofNanos(Math.min(quota.toNanos(), timeLeft));
            RunResult r = vm.run(new Budget(left, slice), awaited);
            if (!(r instanceof RunResult.BudgetSpent)) {
                return r;
            }
            long rest = 1_000_000_000L - (System.nanoTime() - sliceStart);
            try {
                Thread.sleep(Math.max(0, Math.min(rest, deadline - System.nanoTime())) / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RunResult.Interrupted(vm.bytecodesExecuted() - startCount);
            }
        }
    }

    // ---- evaluation ----

    /** Evaluates {@code expression} with {@link #DEFAULT_BUDGET}. */
    public Evaluation evaluate(String expression) {
        return evaluate(expression, DEFAULT_BUDGET);
    }

    /**
     * Compiles {@code expression} in the host as a doIt of nil, runs it in a new process at the
     * active process's priority (which steps aside and is the active process again afterwards),
     * then asks the guest for the answer's printString under what is left of the budget. A guest
     * error is caught in the guest (ifError:) and comes back with its stack.
     *
     * @throws org.ozworkbench.core.compiler.parser.SyntaxError for a syntax error
     */
    public Evaluation evaluate(String expression, Budget budget) {
        // syntax errors name positions in the expression as given, not in its guarded doIt
        Parser.parseDoIt(expression, space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK);
        ClassMirror nilClass = space.nilObject().classMirror();
        Compiler compiler = Compiler.on(space);
        MethodMirror doIt = compiler.createDoIt(nilClass, guarded(expression));
        GuestObject method = space.unwrapObject(doIt);
        interpreter().watchUnwinding(errorMark(method));
        RunResult result = runMethod(method, space.memory().nil(), List.of(), budget);
        GuestObject unwound = interpreter().takeUnwoundStack();
        long bytecodes = result.bytecodes();
        if (!(result instanceof RunResult.Completed done)) {
            return new Evaluation.Unfinished(result, describe(result));
        }
        Object value = done.value();
        Optional<List<Object>> error = errorOf(value, space.unwrapObject(doIt));
        if (error.isPresent()) {
            List<Object> e = error.get();
            return new Evaluation.GuestError(textOf(e.get(1)), stackOf(unwound, method), bytecodes);
        }
        Optional<String> printString = Optional.empty();
        RunResult printed = printStringOf(value, budget);
        bytecodes += printed.bytecodes();
        if (printed instanceof RunResult.Completed p && p.value() instanceof GuestObject s && s.isBytes()) {
            printString = Optional.of(textOf(s));
        }
        var guestValue = space.valueOf(value);
        return new Evaluation.Value(guestValue, hostValue(value), printString, bytecodes);
    }

    /**
     * Evaluates {@code expression} as part of the open surgery (a file-in's doIt): what the guest
     * does becomes membrane changes of that surgery, so it is journaled, undone if the surgery
     * aborts and redone by a replay (see {@link RunRecorder}). When the expression fails, does not
     * finish, or does something a surgery cannot record, the space is left as before the run and
     * the answer says why (an {@link Evaluation.GuestError} or {@link Evaluation.Unfinished}) or
     * {@link RunRecorder.UnrecordableRun} is thrown.
     */
    public Evaluation evaluateInSurgery(String expression, Budget budget) {
        if (space.openSurgery().isEmpty()) {
            throw new IllegalStateException("evaluateInSurgery needs an open surgery");
        }
        Evaluation result;
        List<RunRecorder.Store> stores;
        try (RunRecorder recorder = RunRecorder.before(space.memory(), space.membrane())) {
            recording = true;
            try {
                result = evaluate(expression, budget);
            } finally {
                recording = false;
            }
            stores = recorder.restore();
            if (!(result instanceof Evaluation.Value)) {
                return result;
            }
            // the doIt's method and literals are not left in the space when nothing holds them
            recorder.dropUnreferencedCreations(stores);
            if (printer != null && printer.isDropped()) {
                printer = null;
            }
        }
        RunRecorder.record(space.membrane(), stores);
        return result;
    }

    /** The doIt: the user's statements in a block guarded by ifError:, the error answered as (mark, message, context). */
    private String guarded(String expression) {
        DoItSource source = DoItSource.split(expression);
        String array = arrayClassName();
        return "| " + source.temporaries() + " ozwErrorReport |\n^ [" + source.statements()
                + "\n] ifError: [:ozwMessage :ozwReceiver |\n"
                + "\tozwErrorReport := " + array + " new: 3.\n"
                + "\tozwErrorReport at: 1 put: '" + ERROR_MARK + "'; at: 2 put: ozwMessage; at: 3 put: thisContext.\n"
                + "\tozwErrorReport]";
    }

    private String arrayClassName() {
        Object arrayClass = space.memory().specialObject(SpecialObject.CLASS_ARRAY.index());
        return space.classMirror((GuestObject) arrayClass).name();
    }

    private GuestObject errorMark(GuestObject doIt) {
        for (Object literal : doIt.pointers()) {
            if (literal instanceof GuestObject s && s.isBytes() && ERROR_MARK.equals(textOf(s))) {
                return s;
            }
        }
        throw new IllegalStateException("the doIt has no error mark literal");
    }

    private Optional<List<Object>> errorOf(Object value, GuestObject doIt) {
        if (!(value instanceof GuestObject a) || a.cls() != space.memory().specialObject(SpecialObject.CLASS_ARRAY.index())
                || a.pointerCount() != 3 || !(a.pointers()[0] instanceof GuestObject mark)) {
            return Optional.empty();
        }
        for (Object literal : doIt.pointers()) {
            if (literal == mark) {
                return Optional.of(List.of(a.pointers()));
            }
        }
        return Optional.empty();
    }

    private String textOf(Object o) {
        if (o instanceof GuestObject g && g.isBytes() && !g.isCompiledMethod()) {
            return new String(g.bytes(), 0, g.byteCount(), StandardCharsets.ISO_8859_1);
        }
        return space.valueOf(o) instanceof ObjectMirror m ? m.describe() : String.valueOf(o);
    }

    /**
     * The frames of a caught error, innermost first, as the user reads them: without the
     * handler block that caught it (on top) and without the guard under the doIt (at the
     * bottom); the doIt's own frames are named DoIt.
     */
    private List<String> stackOf(Object context, GuestObject doIt) {
        List<String> frames = new ArrayList<>();
        if (!(context instanceof GuestObject c) || !(space.mirror(c) instanceof ContextMirror top)) {
            return frames;
        }
        List<ContextMirror> chain = top.senderChain(64);
        int last = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (inDoIt(chain.get(i), doIt) && chain.get(i).isBlockActivation()) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            ContextMirror frame = chain.get(i);
            if (i == 0 && frame.isBlockActivation() && !inDoIt(frame, doIt)) {
                continue;
            }
            frames.add(inDoIt(frame, doIt) ? "[] in DoIt @" + frame.pc().map(String::valueOf).orElse("nil")
                    : frame.frameDescription());
        }
        return frames.size() > STACK_FRAMES ? frames.subList(0, STACK_FRAMES) : frames;
    }

    private boolean inDoIt(ContextMirror frame, GuestObject doIt) {
        return frame.method().map(m -> space.unwrapObject(m) == doIt).orElse(false);
    }

    private Optional<Object> hostValue(Object value) {
        try {
            Object host = space.toHost(space.valueOf(value));
            return host instanceof ObjectMirror ? Optional.empty() : Optional.ofNullable(host);
        } catch (RuntimeException notLiteral) {
            return Optional.empty();
        }
    }

    private RunResult printStringOf(Object value, Budget budget) {
        if (printer == null) {
            ClassMirror nilClass = space.nilObject().classMirror();
            printer = space.unwrapObject(Compiler.on(space).createMethod(nilClass,
                    "ozwPrintString: anObject\n\t^ [anObject printString] ifError: [:m :r | 'printString failed: ' , m]"));
        }
        return runMethod(printer, space.memory().nil(), List.of(value), budget);
    }

    /**
     * Runs {@code method} with this receiver and arguments in a new process at the active
     * process's priority until it returns (the answer is in {@link RunResult.Completed}) or the
     * budget ends. Either way the process is gone afterwards and the process that was active is
     * active again with its stack as it was.
     */
    public RunResult runMethod(GuestObject method, Object receiver, List<Object> arguments, Budget budget) {
        Injection injection = Injection.start(interpreter(), method, receiver, arguments);
        try {
            return runAwaiting(budget, injection);
        } finally {
            injection.end();
            if (!recording) {
                space.memory().heap().adopt();
            }
        }
    }

    private static String describe(RunResult r) {
        if (r instanceof RunResult.BudgetSpent b) {
            return "budget exhausted after " + b.bytecodes() + " bytecodes ("
                    + (b.limit() == RunResult.Limit.TIME ? "the time limit" : "the bytecode limit") + ")";
        }
        if (r instanceof RunResult.OutOfMemory o) {
            return "guest out of memory: the heap ceiling of " + o.ceilingBytes() / MEGABYTE + " MB was reached ("
                    + o.heapBytes() / MEGABYTE + " MB still used after a full collection)"
                    + (o.stackDepth() >= DEEP_STACK ? ", with the active process " + o.stackDepth()
                    + (o.stackDepth() >= Interpreter.COUNTED_DEPTH ? " or more" : "") + " contexts deep: a recursion"
                    + " without end?" : "");
        }
        if (r instanceof RunResult.Interrupted) {
            return "interrupted by the host";
        }
        if (r instanceof RunResult.Quit q) {
            return q.toDebugger() ? "the guest exited to the debugger" : "the guest quit";
        }
        if (r instanceof RunResult.Fatal f) {
            return "guest failure: " + f.reason();
        }
        if (r instanceof RunResult.Breakpoint) {
            return "stopped at a breakpoint";
        }
        if (r instanceof RunResult.Idle) {
            return "the guest went idle before answering: every process waits (on a semaphore, or on a Delay"
                    + " whose timer process the image starts only in its startup)";
        }
        return "no process could run";
    }
}
