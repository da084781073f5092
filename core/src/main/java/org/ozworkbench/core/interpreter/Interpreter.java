package org.ozworkbench.core.interpreter;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestHeap;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * Runs the guest's processes in the host, bytecode by bytecode, as the Squeak V3 VM would: the
 * pre-closure set (BlockContexts, images 6502) and the closure bytecodes 138-143 (6504/6505).
 * Contexts are guest objects (a MethodContext or BlockContext per activation), so a paused
 * guest's stacks are there for {@link org.ozworkbench.core.mirror.ContextMirror}; processes,
 * semaphores and the scheduler are the guest's own objects, changed as the VM's process
 * primitives change them.
 *
 * <p>The host keeps control: {@link #run} returns when its {@link Budget} is spent, when
 * {@link #interrupt()} is called from another thread (at the next bytecode boundary), when the
 * guest idles or quits, or when a process the host waits for completes. On return the active
 * process's context is stored in its {@code suspendedContext}, as in a saved image, and every
 * object the guest made that the memory reaches is adopted into it ({@link GuestHeap#adopt()});
 * a run that awaits an injected method leaves that to whoever ends the injection, so the
 * injected process's own garbage is not adopted.
 *
 * <p>One thread runs an interpreter; {@link #interrupt()} is the only call another thread may make.
 */
public final class Interpreter {
    // Context slots, fixed by the VM for every V3 dialect (V3-FACTS section 8).
    static final int SENDER = 0;
    /** The default heap ceiling's share of the JVM's maximum heap, leaving the host room to go on. */
    private static final double HEAP_SHARE = 0.8;
    /**
     * The default heap ceiling at most: 2 GiB, a hundred times what Scratch.image takes loaded, so
     * that a runaway guest stops well before the JVM (by default a quarter of the machine's memory)
     * fills the machine.
     */
    public static final long MAX_DEFAULT_HEAP_CEILING = 2L << 30;
    /** Contexts counted when telling how deep a process was: beyond, it is "at least" this. */
    public static final int COUNTED_DEPTH = 10_000_000;
    static final int PC = 1;
    static final int STACKP = 2;
    static final int METHOD = 3;
    static final int CLOSURE_OR_NIL = 4;
    static final int RECEIVER = 5;
    static final int BLOCK_NARGS = 3;
    static final int BLOCK_STARTPC = 4;
    static final int BLOCK_HOME = 5;
    static final int TEMP0 = 6;
    static final int CLOSURE_OUTER = 0;
    static final int CLOSURE_STARTPC = 1;
    static final int CLOSURE_NUM_ARGS = 2;
    static final int CLOSURE_COPIED = 3;
    static final int SMALL_FRAME = 16;
    static final int LARGE_FRAME = 56;
    private static final int METHOD_CACHE_SIZE = 2048;
    /** Bytecodes between two looks at the clock, the interrupt flag and the timer. */
    private static final int CHECK_INTERVAL = 1024;
    /** Words the guest may allocate between two looks at the host heap. */
    private static final long MEMORY_CHECK_WORDS = 16L << 20;

    final ObjectMemory memory;
    final GuestHeap heap;
    final GuestObject nil;
    final GuestObject trueObject;
    final GuestObject falseObject;
    final GuestObject smallIntegerClass;
    final GuestObject methodContextClass;
    final GuestObject blockContextClass;
    final GuestObject blockClosureClass;
    final GuestObject arrayClass;
    final GuestObject messageClass;
    final boolean closures;
    final Primitives primitives;
    final Scheduler scheduler;
    ProcessSwitchListener processSwitches;
    private final Object[] specialSelectors;
    private final Function<GuestObject, String> methodNames;
    /** What bytecodes 113-119 push (112 pushes the receiver). */
    private final Object[] constants;

    // registers of the active context
    GuestObject activeContext;
    Object[] frame;
    Object[] temps;
    GuestObject method;
    byte[] code;
    Object[] literals;
    Object receiver;
    int pc;
    int sp;
    private int pcBias;

    // the budget of the current run, and its bytecodes counted in batches
    private long limit;
    private long deadline;
    private int batch;
    /** Bytecodes left in the batch while compiled code runs (the loop keeps its own in a local). */
    int countdown;
    /** Whether the countdown is the field's (compiled code runs, or a bytecode the loop handed to step): a send may then run direct code. */
    private boolean compiledRunning;

    private final GuestObject[] cacheClass = new GuestObject[METHOD_CACHE_SIZE];
    private final GuestObject[] cacheSelector = new GuestObject[METHOD_CACHE_SIZE];
    private final GuestObject[] cacheMethod = new GuestObject[METHOD_CACHE_SIZE];
    /** Compiled code's at: and at:put: inline caches: the last receiver class and the primitive its lookup found. */
    private GuestObject atClass;
    private int atPrimitive;
    private GuestObject atPutClass;
    private int atPutPrimitive;

    private volatile boolean interruptRequested;
    private LongFunction<RunResult> stop;
    private long executed;
    private Injection awaited;
    private long sends;
    private java.util.Set<GuestObject> breakpoints = java.util.Collections.emptySet();
    private boolean breaking;
    private long heapCeiling = defaultHeapCeiling();
    private long nextMemoryCheck;

    /**
     * An interpreter of {@code memory}'s guest; {@code methodNames} names a method in diagnostics
     * (the space knows where each method is installed).
     */
    public Interpreter(ObjectMemory memory, Function<GuestObject, String> methodNames) {
        this.memory = memory;
        this.methodNames = methodNames;
        this.heap = memory.heap();
        this.nil = memory.nil();
        this.trueObject = memory.trueObject();
        this.falseObject = memory.falseObject();
        this.smallIntegerClass = special(SpecialObject.CLASS_SMALL_INTEGER);
        this.methodContextClass = special(SpecialObject.CLASS_METHOD_CONTEXT);
        this.blockContextClass = special(SpecialObject.CLASS_BLOCK_CONTEXT);
        this.arrayClass = special(SpecialObject.CLASS_ARRAY);
        this.messageClass = special(SpecialObject.CLASS_MESSAGE);
        this.closures = memory.header().format().hasClosures();
        this.blockClosureClass = closures ? special(SpecialObject.CLASS_BLOCK_CLOSURE) : null;
        this.specialSelectors = ((GuestObject) memory.specialObject(SpecialObject.SPECIAL_SELECTORS.index())).pointers();
        this.constants = new Object[] {null, trueObject, falseObject, nil, small(-1), small(0), small(1), small(2)};
        this.primitives = new Primitives(this);
        this.scheduler = new Scheduler(this);
    }

    GuestObject special(SpecialObject which) {
        Object o = memory.specialObject(which.index());
        return o instanceof GuestObject g && g != memory.nil() ? g : null;
    }

    // ---- host control ----

    /**
     * Asks the running guest to stop at the next bytecode boundary; called between two runs, it
     * stops the next run before its first bytecode. Safe from any thread.
     */
    public void interrupt() {
        interruptRequested = true;
    }

    /** Told of each process switch while the guest runs: the process that stops and the one that runs. */
    @FunctionalInterface
    public interface ProcessSwitchListener {
        void switched(GuestObject from, GuestObject to);
    }

    /**
     * Tells {@code listener} of every process switch from now on, on the thread running the guest
     * (null: no one); a tool following a run (the workbench's run events) listens here.
     */
    public void onProcessSwitch(ProcessSwitchListener listener) {
        this.processSwitches = listener;
    }

    /**
     * The host heap the guest may fill: when, after a full collection, the JVM still uses more
     * than this, the run ends with {@link RunResult.OutOfMemory} (the guest's live objects
     * outgrew it). The default ({@link #defaultHeapCeiling}) is 80% of the JVM's maximum heap, so the
     * host keeps room to go on, and at most {@link #MAX_DEFAULT_HEAP_CEILING}.
     */
    public static long defaultHeapCeiling() {
        return Math.min((long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE), MAX_DEFAULT_HEAP_CEILING);
    }

    public void heapCeiling(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a heap ceiling must be positive, not " + bytes);
        }
        this.heapCeiling = bytes;
    }

    /**
     * Methods whose activation ends the run with {@link RunResult.Breakpoint}, the new context
     * active and untouched (e.g. {@code Object>>error:} and {@code Object>>doesNotUnderstand:}:
     * a halt on the guest's first error, as a debugger would). Empty clears them.
     */
    public void breakOn(java.util.Collection<GuestObject> methods) {
        java.util.Set<GuestObject> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.addAll(methods);
        this.breakpoints = set;
        this.breaking = !set.isEmpty();
    }

    /** Bytecodes executed by this interpreter since it was made. */
    public long bytecodesExecuted() {
        return executed;
    }

    /** Message sends (including primitive ones) performed since this interpreter was made. */
    public long sends() {
        return sends;
    }

    /**
     * Runs the scheduler's active process (and whatever it switches to) until the budget is
     * spent or one of the other stops of {@link RunResult} happens. If {@code awaited} is given,
     * the run also ends when its method returns ({@link RunResult.Completed}).
     */
    public RunResult run(Budget budget, Injection awaited) {
        flushMethodCache();
        this.awaited = awaited;
        stop = null;
        long start = executed;
        deadline = budget.timeNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budget.timeNanos();
        limit = budget.bytecodes() == Long.MAX_VALUE ? Long.MAX_VALUE : start + budget.bytecodes();
        jitDepth = 0;
        deopt.top = null;
        deopt.bottom = null;
        scheduler.resumeActiveProcess();
        try {
            loop();
        } catch (StackOverflowError e) {
            stop = n -> new RunResult.Fatal(n, "host stack overflow in a primitive");
        } catch (OutOfMemoryError e) {
            int depth = stackDepth();
            stop = n -> new RunResult.OutOfMemory(n, usedHeap(), heapCeiling, depth);
        } catch (RuntimeException e) {
            // A guest state the VM cannot go on from (a malformed method or context): the real VM
            // would crash; the host reports where and keeps the space as it is.
            if (TRACE_COMPILES) {
                e.printStackTrace();
            }
            String where = method == null ? "?" : describeMethod(method) + " at pc " + guestPc(pc - 1);
            stop = n -> new RunResult.Fatal(n, e + " in " + where);
        } finally {
            if (activeContext != null) {
                scheduler.pauseActiveProcess();
            }
            interruptRequested = false;
            if (awaited == null) {
                heap.adopt();
            }
        }
        return stop.apply(executed - start);
    }

    public RunResult run(Budget budget) {
        return run(budget, null);
    }

    /** Ends the run after the current bytecode (primitives and the scheduler call this). */
    void stopWith(LongFunction<RunResult> result) {
        if (stop == null) {
            stop = result;
        }
    }

    public void flushMethodCache() {
        directEpoch++;
        atClass = null;
        atPutClass = null;
        Arrays.fill(cacheClass, null);
        Arrays.fill(cacheSelector, null);
        Arrays.fill(cacheMethod, null);
    }

    // ---- registers ----

    /** Makes {@code context} the active context, its saved pc and stack pointer the registers. */
    void loadContext(GuestObject context) {
        activeContext = context;
        frame = context.pointers();
        if (!closures && context.cls() == blockContextClass) {
            Object[] home = ((GuestObject) frame[BLOCK_HOME]).pointers();
            method = (GuestObject) home[METHOD];
            receiver = home[RECEIVER];
            temps = home;
        } else {
            method = (GuestObject) frame[METHOD];
            receiver = frame[RECEIVER];
            temps = frame;
        }
        code = method.bytes();
        literals = method.pointers();
        pcBias = 4 * literals.length + 1;
        pc = (Integer) frame[PC] - pcBias;
        sp = (Integer) frame[STACKP] + TEMP0 - 1;
    }

    /** Writes the registers back into the active context. */
    void storeContext() {
        frame[PC] = small(pc + pcBias);
        frame[STACKP] = small(sp - TEMP0 + 1);
    }

    /** The guest pc (1-based, from the method's first header byte) of a byte index into the bytecodes. */
    int guestPc(int index) {
        return index + pcBias;
    }

    void push(Object value) {
        frame[++sp] = value;
    }

    Object pop() {
        return frame[sp--];
    }

    Object top() {
        return frame[sp];
    }

    /** The value {@code depth} below the top of the stack (0 = top). */
    Object stackValue(int depth) {
        return frame[sp - depth];
    }

    void popThenPush(int n, Object value) {
        sp -= n;
        frame[++sp] = value;
    }

    void drop(int n) {
        sp -= n;
    }

    GuestObject bool(boolean b) {
        return b ? trueObject : falseObject;
    }

    GuestObject classOf(Object value) {
        return value instanceof Integer ? smallIntegerClass : ((GuestObject) value).cls();
    }

    // ---- the loop ----

    private void loop() {
        // Bytecodes are counted in batches: executed is brought up to date at every checkpoint
        // and when the loop ends, however it ends. While compiled code runs, the countdown is
        // the field's (compiled code counts too).
        batch = nextBatch();
        int countdown = batch;
        // The registers the commonest bytecodes use, held in locals so that the JIT keeps them in
        // machine registers; every other bytecode runs in step() on the fields, which are
        // written back before it and read again after it.
        Object[] f = frame;
        Object[] t = temps;
        byte[] c = code;
        int p = pc;
        int s = sp;
        try {
            while (stop == null) {
                if (countdown == 0) {
                    pc = p;
                    sp = s;
                    executed += batch;
                    batch = 0;
                    if (executed >= limit) {
                        stopWith(RunResult.BudgetSpent::new);
                        return;
                    }
                    if (checkpoint()) {
                        return;
                    }
                    batch = nextBatch();
                    countdown = batch;
                    // the timer may have switched processes
                    f = frame;
                    t = temps;
                    c = code;
                    p = pc;
                    s = sp;
                }
                countdown--;
                int b = c[p] & 0xFF;
                switch (b >>> 3) {
                    case 0, 1 -> {
                        f[++s] = ((GuestObject) receiver).pointers()[b & 15];
                        p++;
                        continue;
                    }
                    case 2, 3 -> {
                        f[++s] = t[TEMP0 + (b & 15)];
                        p++;
                        continue;
                    }
                    case 4, 5, 6, 7 -> {
                        f[++s] = literals[1 + (b & 31)];
                        p++;
                        continue;
                    }
                    case 12 -> {
                        ((GuestObject) receiver).pointers()[b & 7] = f[s--];
                        p++;
                        continue;
                    }
                    case 13 -> {
                        t[TEMP0 + (b & 7)] = f[s--];
                        p++;
                        continue;
                    }
                    case 14 -> {
                        f[++s] = b == 112 ? receiver : constants[b & 7];
                        p++;
                        continue;
                    }
                    case 16, 17 -> {
                        if (b == 135) {
                            s--;
                            p++;
                            continue;
                        }
                        if (b == 136) {
                            f[s + 1] = f[s];
                            s++;
                            p++;
                            continue;
                        }
                        if (b == 140) {
                            f[++s] = ((GuestObject) t[TEMP0 + (c[p + 2] & 0xFF)]).pointers()[c[p + 1] & 0xFF];
                            p += 3;
                            continue;
                        }
                        if (b == 141 || b == 142) {
                            ((GuestObject) t[TEMP0 + (c[p + 2] & 0xFF)]).pointers()[c[p + 1] & 0xFF] = f[s];
                            if (b == 142) {
                                s--;
                            }
                            p += 3;
                            continue;
                        }
                    }
                    case 20 -> {
                        int offset = ((b - 164) << 8) + (c[p + 1] & 0xFF);
                        p += offset + 2;
                        if (offset >= 0 || !compiling) {
                            continue;
                        }
                        // a loop: its method may have compiled code to go on in, below
                        b = -1;
                    }
                    case 21 -> {
                        Object v = f[s];
                        GuestObject jumpOn = b < 172 ? trueObject : falseObject;
                        if (v == jumpOn) {
                            s--;
                            p += ((b & 3) << 8) + (c[p + 1] & 0xFF) + 2;
                            continue;
                        }
                        if (v == (b < 172 ? falseObject : trueObject)) {
                            s--;
                            p += 2;
                            continue;
                        }
                    }
                    case 22 -> {
                        if (f[s - 1] instanceof Integer x && f[s] instanceof Integer y) {
                            Object r = smallIntegerBytecode(b, x, y);
                            if (r != null) {
                                f[--s] = r;
                                p++;
                                continue;
                            }
                        }
                    }
                    default -> {
                    }
                }
                pc = p;
                sp = s;
                if (b >= 0) {
                    // the countdown is the field's while the bytecode runs: a send may run direct code
                    this.countdown = countdown;
                    compiledRunning = true;
                    step();
                    compiledRunning = false;
                    countdown = this.countdown;
                }
                if (compiling && stop == null) {
                    JitCode compiled = compiledEntry();
                    if (compiled != null) {
                        countdown = runCompiled(compiled, countdown);
                    }
                }
                f = frame;
                t = temps;
                c = code;
                p = pc;
                s = sp;
            }
        } finally {
            // the fields are the registers here: the fast bytecodes never leave the loop
            executed += batch - (compiledRunning ? this.countdown : countdown);
            compiledRunning = false;
        }
    }

    /** The SmallInteger primitive of each arithmetic special bytecode (176-191); 0 for @ (primitive 18 makes a Point). */
    private static final int[] SMALL_INTEGER_PRIMITIVE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 17, 12, 14, 15};

    /** The SmallInteger primitive of arithmetic special bytecode {@code b} (176-191), 0 for none. */
    static int smallIntegerPrimitive(int b) {
        return SMALL_INTEGER_PRIMITIVE[b - 176];
    }

    /** An arithmetic special bytecode (176-191) on two SmallIntegers; null when its primitive fails (or there is none). */
    private Object smallIntegerBytecode(int b, int i, int j) {
        int primitive = smallIntegerPrimitive(b);
        return primitive == 0 ? null : smallIntegerOp(primitive, i, j);
    }

    /**
     * SmallInteger primitive {@code op} (1-17: + - < > <= >= = ~= * / \\ // quo: bitAnd: bitOr:
     * bitXor: bitShift:) on {@code x} and {@code y}: the answer, or null where the primitive fails
     * (the answer is no SmallInteger, a division by zero or an inexact /).
     */
    Object smallIntegerOp(int op, int x, int y) {
        return switch (op) {
            case 1 -> smallOrNull((long) x + y);
            case 2 -> smallOrNull((long) x - y);
            case 3 -> bool(x < y);
            case 4 -> bool(x > y);
            case 5 -> bool(x <= y);
            case 6 -> bool(x >= y);
            case 7 -> bool(x == y);
            case 8 -> bool(x != y);
            case 9 -> smallOrNull((long) x * y);
            case 10 -> y != 0 && x % y == 0 ? smallOrNull(x / y) : null;
            case 11 -> y != 0 ? (Object) small(Math.floorMod(x, y)) : null;
            case 12 -> y != 0 ? smallOrNull(Math.floorDiv(x, y)) : null;
            case 13 -> y != 0 ? smallOrNull(x / y) : null;
            case 14 -> small(x & y);
            case 15 -> small(x | y);
            case 16 -> small(x ^ y);
            default -> Primitives.shift(x, y);
        };
    }

    /** Runs compiled code from the loop (which holds the countdown in a local); answers the countdown after. */
    private int runCompiled(JitCode compiled, int countdown) {
        this.countdown = countdown;
        compiledRunning = true;
        jitDepth = 1;
        compiled.run(this);
        jitDepth = 0;
        compiledRunning = false;
        return this.countdown;
    }

    private int nextBatch() {
        return (int) Math.min(CHECK_INTERVAL, limit - executed);
    }

    /** Executes the bytecode at pc. */
    private void step() {
        int b = code[pc++] & 0xFF;
        switch (b >>> 3) {
            case 0, 1 -> push(((GuestObject) receiver).pointers()[b & 15]);
            case 2, 3 -> push(temps[TEMP0 + (b & 15)]);
            case 4, 5, 6, 7 -> push(literals[1 + (b & 31)]);
            case 8, 9, 10, 11 -> push(((GuestObject) literals[1 + (b & 31)]).pointers()[1]);
            case 12 -> ((GuestObject) receiver).pointers()[b & 7] = pop();
            case 13 -> temps[TEMP0 + (b & 7)] = pop();
            case 14 -> push(b == 112 ? receiver : constants[b & 7]);
            case 15 -> returnBytecode(b);
            case 16, 17 -> extended(b);
            case 18 -> pc += b - 143;
            case 19 -> conditionalJump(falseObject, trueObject, b - 151);
            case 20 -> {
                int offset = ((b - 164) << 8) + (code[pc++] & 0xFF);
                pc += offset;
            }
            case 21 -> {
                int offset = ((b & 3) << 8) + (code[pc++] & 0xFF);
                if (b < 172) {
                    conditionalJump(trueObject, falseObject, offset);
                } else {
                    conditionalJump(falseObject, trueObject, offset);
                }
            }
            case 22, 23 -> arithmetic(b);
            case 24, 25 -> specialSend(b);
            case 26, 27 -> send((GuestObject) literals[1 + (b & 15)], 0);
            case 28, 29 -> send((GuestObject) literals[1 + (b & 15)], 1);
            default -> send((GuestObject) literals[1 + (b & 15)], 2);
        }
    }

    /** The periodic look: host interrupt, time budget, memory, timer. Answers true when the run must end. */
    private boolean checkpoint() {
        if (interruptRequested) {
            interruptRequested = false;
            stopWith(RunResult.Interrupted::new);
            return true;
        }
        long now = System.nanoTime();
        if (now >= deadline) {
            stopWith(n -> new RunResult.BudgetSpent(n, RunResult.Limit.TIME));
            return true;
        }
        if (heap.allocatedWords() >= nextMemoryCheck) {
            nextMemoryCheck = heap.allocatedWords() + MEMORY_CHECK_WORDS;
            if (usedHeap() > heapCeiling) {
                System.gc();
                long live = usedHeap();
                if (live > heapCeiling) {
                    int depth = stackDepth();
                    stopWith(n -> new RunResult.OutOfMemory(n, live, heapCeiling, depth));
                    return true;
                }
            }
        }
        scheduler.checkTimer();
        return stop != null;
    }

    /** How many contexts deep the active process is, counted up to {@link #COUNTED_DEPTH}. */
    private int stackDepth() {
        int depth = 0;
        for (Object c = activeContext; c instanceof GuestObject g && g != memory.nil() && depth < COUNTED_DEPTH;
             c = g.pointers()[SENDER]) {
            depth++;
        }
        return depth;
    }

    private static long usedHeap() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }


    private void conditionalJump(GuestObject jumpOn, GuestObject other, int offset) {
        Object v = pop();
        if (v == jumpOn) {
            pc += offset;
        } else if (v != other) {
            push(v);
            sendSpecial(SpecialObject.SELECTOR_MUST_BE_BOOLEAN, 0);
        }
    }

    private void extended(int b) {
        switch (b) {
            case 128 -> {
                int x = code[pc++] & 0xFF;
                push(variable(x >> 6, x & 63));
            }
            case 129, 130 -> {
                int x = code[pc++] & 0xFF;
                storeVariable(x >> 6, x & 63, top());
                if (b == 130) {
                    drop(1);
                }
            }
            case 131 -> {
                int x = code[pc++] & 0xFF;
                send((GuestObject) literals[1 + (x & 31)], x >> 5);
            }
            case 132 -> doubleExtended();
            case 133 -> {
                int x = code[pc++] & 0xFF;
                superSend((GuestObject) literals[1 + (x & 31)], x >> 5);
            }
            case 134 -> {
                int x = code[pc++] & 0xFF;
                send((GuestObject) literals[1 + (x & 63)], x >> 6);
            }
            case 135 -> drop(1);
            case 136 -> push(top());
            case 137 -> {
                expose(activeContext);
                push(activeContext);
            }
            case 138 -> {
                int x = code[pc++] & 0xFF;
                Object[] slots = new Object[x & 127];
                if ((x & 128) != 0) {
                    System.arraycopy(frame, sp - slots.length + 1, slots, 0, slots.length);
                    drop(slots.length);
                } else {
                    Arrays.fill(slots, nil);
                }
                push(heap.newPointers(arrayClass, 2, slots));
            }
            case 140 -> {
                int i = code[pc++] & 0xFF;
                int j = code[pc++] & 0xFF;
                push(((GuestObject) temps[TEMP0 + j]).pointers()[i]);
            }
            case 141, 142 -> {
                int i = code[pc++] & 0xFF;
                int j = code[pc++] & 0xFF;
                ((GuestObject) temps[TEMP0 + j]).pointers()[i] = top();
                if (b == 142) {
                    drop(1);
                }
            }
            case 143 -> pushClosure();
            default -> sendSpecial(SpecialObject.SELECTOR_CANNOT_INTERPRET, 0);
        }
    }

    private Object variable(int type, int index) {
        return switch (type) {
            case 0 -> ((GuestObject) receiver).pointers()[index];
            case 1 -> temps[TEMP0 + index];
            case 2 -> literals[1 + index];
            default -> ((GuestObject) literals[1 + index]).pointers()[1];
        };
    }

    private void storeVariable(int type, int index, Object value) {
        switch (type) {
            case 0 -> ((GuestObject) receiver).pointers()[index] = value;
            case 1 -> temps[TEMP0 + index] = value;
            case 3 -> ((GuestObject) literals[1 + index]).pointers()[1] = value;
            default -> throw new IllegalStateException("store into a literal in " + describeMethod(method));
        }
    }

    private void doubleExtended() {
        int x = code[pc++] & 0xFF;
        int y = code[pc++] & 0xFF;
        switch (x >> 5) {
            case 0 -> send((GuestObject) literals[1 + y], x & 31);
            case 1 -> superSend((GuestObject) literals[1 + y], x & 31);
            case 2 -> push(((GuestObject) receiver).pointers()[y]);
            case 3 -> push(literals[1 + y]);
            case 4 -> push(((GuestObject) literals[1 + y]).pointers()[1]);
            case 5 -> ((GuestObject) receiver).pointers()[y] = top();
            case 6 -> ((GuestObject) receiver).pointers()[y] = pop();
            default -> ((GuestObject) literals[1 + y]).pointers()[1] = top();
        }
    }

    private void pushClosure() {
        int x = code[pc++] & 0xFF;
        int size = ((code[pc++] & 0xFF) << 8) | (code[pc++] & 0xFF);
        int copied = x >> 4;
        Object[] slots = new Object[CLOSURE_COPIED + copied];
        expose(activeContext);
        slots[CLOSURE_OUTER] = activeContext;
        slots[CLOSURE_STARTPC] = guestPc(pc);
        slots[CLOSURE_NUM_ARGS] = x & 15;
        System.arraycopy(frame, sp - copied + 1, slots, CLOSURE_COPIED, copied);
        drop(copied);
        push(heap.newPointers(blockClosureClass, 3, slots));
        pc += size;
    }

    // ---- arithmetic and special sends ----

    private void arithmetic(int b) {
        Object a = stackValue(1);
        Object c = top();
        if (a instanceof Integer x && c instanceof Integer y) {
            Object r = smallIntegerBytecode(b, x, y);
            if (r != null) {
                popThenPush(2, r);
                return;
            }
        }
        int index = b - 176;
        if (primitives.specialArithmetic(index)) {
            return;
        }
        send((GuestObject) specialSelectors[2 * index], 1);
    }

    static Object smallOrNull(long v) {
        return v >= ObjectMemory.SMALL_INTEGER_MIN && v <= ObjectMemory.SMALL_INTEGER_MAX ? small((int) v) : null;
    }

    private static final int CACHED_MIN = -1024;
    private static final Integer[] CACHED = new Integer[(1 << 15) - CACHED_MIN];

    static {
        for (int i = 0; i < CACHED.length; i++) {
            CACHED[i] = i + CACHED_MIN;
        }
    }

    /**
     * A SmallInteger as the host holds it: one shared Integer per value from -1024 to 32767 (loop
     * counters, indices, characters' values, sums), so the hot paths allocate none for them. Two
     * SmallIntegers are the same object in the guest when equal: compare them with
     * {@link ObjectMemory#identical}, never with == alone.
     */
    static Integer small(int v) {
        int i = v - CACHED_MIN;
        return i >= 0 && i < CACHED.length ? CACHED[i] : Integer.valueOf(v);
    }


    private void specialSend(int b) {
        int index = b - 176;
        switch (b) {
            case 198 -> {
                Object y = pop();
                Object x = pop();
                push(bool(ObjectMemory.identical(x, y)));
            }
            case 199 -> push(classOf(pop()));
            // The real VM's value and value: bytecodes try a block's primitive on any object but
            // a SmallInteger, whose "success" leaves the stack as it was: 3 value answers 3,
            // 3 value: 4 answers 4 (with 3 left beneath it). The host does as it does.
            case 201, 202 -> {
                if (!(stackValue(b - 201) instanceof Integer)) {
                    send((GuestObject) specialSelectors[2 * index], (Integer) specialSelectors[2 * index + 1]);
                }
            }
            default -> send((GuestObject) specialSelectors[2 * index], (Integer) specialSelectors[2 * index + 1]);
        }
    }

    private void sendSpecial(SpecialObject selector, int argCount) {
        send((GuestObject) memory.specialObject(selector.index()), argCount);
    }

    // ---- sends ----

    void send(GuestObject selector, int argCount) {
        Object rcvr = frame[sp - argCount];
        dispatch(selector, argCount, rcvr instanceof Integer ? smallIntegerClass : ((GuestObject) rcvr).cls());
    }

    private void superSend(GuestObject selector, int argCount) {
        GuestObject binding = (GuestObject) literals[literals.length - 1];
        GuestObject methodClass = (GuestObject) binding.pointers()[1];
        dispatch(selector, argCount, (GuestObject) methodClass.pointers()[0]);
    }

    /** Looks {@code selector} up from {@code startClass} and runs what it finds (primitive or activation). */
    void dispatch(GuestObject selector, int argCount, GuestObject startClass) {
        sends++;
        GuestObject m = lookup(startClass, selector);
        if (m == null) {
            doesNotUnderstand(selector, argCount, startClass);
            return;
        }
        executeMethod(m, argCount);
    }

    void executeMethod(GuestObject m, int argCount) {
        int header = (Integer) m.pointers()[0];
        int prim = MethodHeader.primitiveIndexOf(header);
        if (prim != 0) {
            if (prim >= 256 && prim <= 519) {
                quick(prim);
                return;
            }
            if (primitives.call(prim, argCount, m)) {
                return;
            }
        }
        activate(m, argCount, header);
    }

    private void quick(int prim) {
        Object r;
        switch (prim) {
            case 256 -> {
                return;
            }
            case 257 -> r = trueObject;
            case 258 -> r = falseObject;
            case 259 -> r = nil;
            case 260 -> r = -1;
            case 261 -> r = 0;
            case 262 -> r = 1;
            case 263 -> r = 2;
            default -> r = ((GuestObject) top()).pointers()[prim - 264];
        }
        frame[sp] = r;
    }

    GuestObject lookup(GuestObject cls, GuestObject selector) {
        int slot = (cls.hash() * 31 + selector.hash()) & (METHOD_CACHE_SIZE - 1);
        if (cacheClass[slot] == cls && cacheSelector[slot] == selector) {
            return cacheMethod[slot];
        }
        GuestObject found = null;
        for (Object c = cls; c instanceof GuestObject k && k != nil; c = k.pointers()[0]) {
            found = lookupIn(k.pointers()[1], selector);
            if (found != null) {
                break;
            }
        }
        if (found != null) {
            cacheClass[slot] = cls;
            cacheSelector[slot] = selector;
            cacheMethod[slot] = found;
        }
        return found;
    }

    private GuestObject lookupIn(Object dictionary, GuestObject selector) {
        if (!(dictionary instanceof GuestObject md) || !md.isPointers() || md.pointerCount() <= 2) {
            return null;
        }
        Object[] slots = md.pointers();
        int size = slots.length - 2;
        int i = selector.hash() % size;
        for (int probes = 0; probes < size; probes++) {
            Object key = slots[2 + i];
            if (key == selector) {
                Object methods = slots[1];
                Object m = ((GuestObject) methods).pointers()[i];
                return m instanceof GuestObject g && g.isCompiledMethod() ? g : null;
            }
            if (key == nil) {
                return null;
            }
            i = i + 1 == size ? 0 : i + 1;
        }
        return null;
    }

    private void doesNotUnderstand(GuestObject selector, int argCount, GuestObject lookupClass) {
        GuestObject dnu = (GuestObject) memory.specialObject(SpecialObject.SELECTOR_DOES_NOT_UNDERSTAND.index());
        if (selector == dnu) {
            stopWith(n -> new RunResult.Fatal(n, "recursive doesNotUnderstand: in " + describeMethod(method)));
            return;
        }
        Object[] args = new Object[argCount];
        System.arraycopy(frame, sp - argCount + 1, args, 0, argCount);
        GuestObject message = heap.instantiate(messageClass, 0);
        Object[] fields = message.pointers();
        fields[0] = selector;
        fields[1] = heap.newPointers(arrayClass, 2, args);
        if (fields.length > 2) {
            fields[2] = lookupClass;
        }
        popThenPush(argCount, message);
        dispatch(dnu, 1, lookupClass);
    }

    /** Activates {@code m}: a new MethodContext holding the receiver and arguments now on the stack. */
    private void activate(GuestObject m, int argCount, int header) {
        if (m.interpreterCache() instanceof MethodJit jit && jit.code != null && jit.code.directOk && compiledRunning
                && directAllowed()) {
            enterDirect(jit.code, argCount);
            return;
        }
        int numTemps = (header >> 18) & 63;
        GuestObject context = newFrame(((header >> 17) & 1) != 0);
        Object[] f = context.pointers();
        f[SENDER] = activeContext;
        f[PC] = small(4 * m.pointerCount() + 1);
        f[STACKP] = small(numTemps);
        f[METHOD] = m;
        f[CLOSURE_OR_NIL] = nil;
        f[RECEIVER] = frame[sp - argCount];
        // loops, not arraycopy: these copies are a few slots long
        int firstArg = sp - argCount + 1;
        for (int i = 0; i < argCount; i++) {
            f[TEMP0 + i] = frame[firstArg + i];
        }
        // the temps start nil; the slots above them are dead until pushed (the real VM leaves
        // them as they are too): they are cleared only if guest code ever sees the context
        for (int i = TEMP0 + argCount; i < TEMP0 + numTemps; i++) {
            f[i] = nil;
        }
        sp -= argCount + 1;
        storeContext();
        // the registers of the new activation, known without reading them back
        activeContext = context;
        frame = f;
        temps = f;
        method = m;
        receiver = f[RECEIVER];
        code = m.bytes();
        literals = m.pointers();
        pcBias = 4 * literals.length + 1;
        pc = 0;
        sp = TEMP0 + numTemps - 1;
        if (breaking && breakpoints.contains(m)) {
            stopWith(n -> new RunResult.Breakpoint(n, context));
        }
    }

    // ---- frames: contexts the interpreter makes, reused while no guest code has seen them ----

    private static final int FREE_FRAMES = 256;
    private final GuestObject[] freeSmall = new GuestObject[FREE_FRAMES];
    private final GuestObject[] freeLarge = new GuestObject[FREE_FRAMES];
    private int freeSmallCount;
    private int freeLargeCount;
    private long contextsMade;

    /** MethodContexts made (or reused) for activations since this interpreter was made. */
    public long contextsMade() {
        return contextsMade;
    }

    /**
     * A MethodContext for a new activation, marked private: one that returned unseen when there
     * is one (as the real VM recycles its contexts), else a new one. The caller fills every slot.
     */
    GuestObject newFrame(boolean large) {
        contextsMade++;
        GuestObject context;
        if (large ? freeLargeCount > 0 : freeSmallCount > 0) {
            context = large ? freeLarge[--freeLargeCount] : freeSmall[--freeSmallCount];
        } else {
            context = heap.newPointers(methodContextClass, 3, new Object[TEMP0 + (large ? LARGE_FRAME : SMALL_FRAME)]);
        }
        context.frameState(GuestObject.FRAME_PRIVATE);
        return context;
    }

    /** Takes back a private context that returned (no guest code ever saw it), to reuse. */
    private void recycle(GuestObject context) {
        if (context.pointerCount() == TEMP0 + SMALL_FRAME && freeSmallCount < FREE_FRAMES) {
            freeSmall[freeSmallCount++] = context;
        } else if (context.pointerCount() == TEMP0 + LARGE_FRAME && freeLargeCount < FREE_FRAMES) {
            freeLarge[freeLargeCount++] = context;
        }
        context.frameState(GuestObject.FRAME_OTHER);
    }

    /**
     * Guest code may now hold {@code context} (thisContext, a block's home or sender, a process's
     * suspended context): it and its senders must never be reused.
     */
    void expose(Object context) {
        Object c = context;
        while (c instanceof GuestObject g && g.frameState() != GuestObject.FRAME_EXPOSED && g != nil) {
            if (g.frameState() == GuestObject.FRAME_PRIVATE) {
                clearAboveStack(g);
            }
            g.frameState(GuestObject.FRAME_EXPOSED);
            c = g.pointers()[SENDER];
        }
    }

    /** Nils a reused context's dead slots (above its stack pointer), which may hold an earlier activation's values. */
    private void clearAboveStack(GuestObject context) {
        Object[] f = context.pointers();
        int top = context == activeContext ? sp : f[STACKP] instanceof Integer n ? TEMP0 + n - 1 : f.length - 1;
        for (int i = Math.max(top + 1, TEMP0); i < f.length; i++) {
            f[i] = nil;
        }
    }

    static int argCountOf(GuestObject m) {
        return ((Integer) m.pointers()[0] >> 24) & 15;
    }

    boolean isContext(GuestObject o) {
        GuestObject c = o.cls();
        return c == methodContextClass || (c == blockContextClass && c != null);
    }

    /** Activates a method context built by a primitive (block evaluation): the caller's registers are saved first. */
    void activateContext(GuestObject context) {
        storeContext();
        loadContext(context);
    }

    // ---- returns ----

    private void returnBytecode(int b) {
        switch (b) {
            case 120 -> methodReturn(receiver);
            case 121 -> methodReturn(trueObject);
            case 122 -> methodReturn(falseObject);
            case 123 -> methodReturn(nil);
            case 124 -> methodReturn(pop());
            case 125 -> returnTo(pop(), frame[SENDER]);
            default -> sendSpecial(SpecialObject.SELECTOR_CANNOT_INTERPRET, 0);
        }
    }

    /** {@code ^value}: from a method its sender; from a block the home method's sender. */
    private void methodReturn(Object value) {
        if (temps == frame && (closures ? frame[CLOSURE_OR_NIL] == nil : true)) {
            returnTo(value, frame[SENDER]);
            return;
        }
        GuestObject home = homeOf(activeContext);
        Object target = home.pointers()[SENDER];
        if (!(target instanceof GuestObject t) || t == nil || t.pointers()[PC] == nil || !isOnSenderChain(home)) {
            cannotReturn(value);
            return;
        }
        if (closures) {
            GuestObject unwind = unwindContextBetween(activeContext, home);
            if (unwind != null) {
                expose(activeContext);
                push(value);
                push(unwind);
                storeContext();
                send(aboutToReturnThrough(), 2);
                return;
            }
        }
        returnTo(value, target);
    }

    private GuestObject aboutToReturnThrough() {
        Object s = memory.specialObject(48);
        return (GuestObject) s;
    }

    GuestObject homeOf(GuestObject context) {
        GuestObject c = context;
        if (!closures) {
            return c.cls() == blockContextClass ? (GuestObject) c.pointers()[BLOCK_HOME] : c;
        }
        while (c.pointers()[CLOSURE_OR_NIL] instanceof GuestObject closure && closure != nil) {
            c = (GuestObject) closure.pointers()[CLOSURE_OUTER];
        }
        return c;
    }

    private boolean isOnSenderChain(GuestObject home) {
        Object c = activeContext;
        while (c instanceof GuestObject g && g != nil) {
            if (g == home) {
                return true;
            }
            c = g.pointers()[SENDER];
        }
        return false;
    }

    /** The first context strictly between {@code from} and {@code home} whose method is an unwind marker (primitive 198). */
    private GuestObject unwindContextBetween(GuestObject from, GuestObject home) {
        Object c = from.pointers()[SENDER];
        while (c instanceof GuestObject g && g != nil && g != home) {
            if (primitiveIndexOf((GuestObject) g.pointers()[METHOD]) == 198) {
                return g;
            }
            c = g.pointers()[SENDER];
        }
        return null;
    }

    static int primitiveIndexOf(GuestObject m) {
        return MethodHeader.primitiveIndexOf((Integer) m.pointers()[0]);
    }

    private void cannotReturn(Object value) {
        expose(activeContext);
        push(activeContext);
        push(value);
        sendSpecial(SpecialObject.SELECTOR_CANNOT_RETURN, 1);
    }

    /**
     * Returns {@code value} to {@code target}: every context from the active one up to (not
     * including) the target is ended (sender and pc nil), the target becomes active with the
     * value pushed. A return to nil is the end of a process's bottom context.
     */
    void returnTo(Object value, Object target) {
        if (awaited != null && target == awaited.base()) {
            endContextsUpTo(awaited.base());
            scheduler.finishAwaited(value);
            return;
        }
        if (!(target instanceof GuestObject t) || t == nil || t.pointers()[PC] == nil) {
            cannotReturn(value);
            return;
        }
        if (watchedValue != null && value instanceof GuestObject v && v.isPointers() && v.pointerCount() > 0
                && v.pointers()[0] == watchedValue) {
            unwoundStack = copyOfChain(activeContext, t);
        }
        endContextsUpTo(t);
        loadContext(t);
        push(value);
    }

    /** Ends (sender and pc nil) every context from the active one up to, not including, {@code target}. */
    private void endContextsUpTo(GuestObject target) {
        Object c = activeContext;
        while (c instanceof GuestObject g && g != target && g != nil) {
            Object[] f = g.pointers();
            Object next = f[SENDER];
            if (g.frameState() == GuestObject.FRAME_PRIVATE) {
                // no guest object holds it: it is reused (or dropped) as it is
                recycle(g);
            } else {
                f[SENDER] = nil;
                f[PC] = nil;
            }
            c = next;
        }
    }

    // ---- the compiling tier (see MethodCompiler) ----

    /**
     * Entries (calls, loop iterations) of a method before it is compiled: 40, or
     * -Dozw.jit.threshold=N; -Dozw.jit=false compiles none.
     */
    private static final int COMPILE_THRESHOLD = "false".equals(System.getProperty("ozw.jit")) ? 0
            : Integer.getInteger("ozw.jit.threshold", 40);
    /**
     * With -Dozw.jit.trace=true, each method compiled (or refused) and each direct activation made
     * a context is named on standard error, and a host exception that ends a run as Fatal is printed.
     */
    private static final boolean TRACE_COMPILES = Boolean.getBoolean("ozw.jit.trace");
    /** Compiled calls nested on the host stack at most; deeper ones start again from the loop. */
    private static final int MAX_COMPILED_DEPTH = 48;

    private boolean compiling = COMPILE_THRESHOLD > 0;
    private int compileThreshold = COMPILE_THRESHOLD;
    private final MethodCompiler compiler = new MethodCompiler(this);
    private int jitDepth;
    private int compiledMethods;

    /** What the interpreter keeps on a method for the compiling tier. */
    private static final class MethodJit {
        int calls;
        JitCode code;
        boolean refused;
        /** What a direct send runs for it (its compiled code, a quick or pure primitive), once asked. */
        JitCode direct;
    }

    /**
     * Compiles a method to JVM code once it was entered {@code entries} times (calls and loop
     * iterations; 1 compiles every method the first time it runs); 0 compiles none, so every
     * bytecode runs in this interpreter. Methods compiled already stay so.
     */
    public void compileThreshold(int entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("a compile threshold is 0 (never) or more, not " + entries);
        }
        this.compileThreshold = entries;
        this.compiling = entries > 0;
    }

    /** Methods this interpreter compiled to JVM code. */
    public int compiledMethods() {
        return compiledMethods;
    }

    /**
     * The compiled code to run the active context in from its pc (a method's, or a block's
     * whose body is in the method), compiling its method once it ran often enough; null when
     * the method stays interpreted.
     */
    private JitCode compiledEntry() {
        if (activeContext == null) {
            return null;
        }
        GuestObject kind = activeContext.cls();
        if (kind == methodContextClass ? temps != frame : closures || kind != blockContextClass) {
            return null;
        }
        GuestObject m = method;
        MethodJit jit = jitOf(m);
        JitCode code = jit.code;
        if (code == null) {
            if (jit.refused || ++jit.calls < compileThreshold) {
                return null;
            }
            code = compileNow(m, jit);
            if (code == null) {
                return null;
            }
        }
        return code.canEnter(pc, frame.length) ? code : null;
    }

    /** Compiles {@code m} (kept in {@code jit}, or marked refused); its code or null. */
    private JitCode compileNow(GuestObject m, MethodJit jit) {
        JitCode code = compiler.compile(m);
        if (TRACE_COMPILES) {
            System.err.println((code == null ? "ozw: stays interpreted: " : code.directOk ? "ozw: compiled, direct: "
                    : "ozw: compiled: ") + describeMethod(m));
        }
        if (code == null) {
            jit.refused = true;
            return null;
        }
        jit.code = code;
        compiledMethods++;
        return code;
    }

    /**
     * For compiled code: executes the bytecode at {@code at} (the stack written back, its top at
     * {@code stackPointer}) as the interpreter does; a method the bytecode activated runs
     * compiled when it can. Answers whether the compiled caller goes on: its context active
     * again, at {@code resumeAt} with its top at {@code resumeSp}.
     */
    boolean jitStep(GuestObject me, int at, int stackPointer, int resumeAt, int resumeSp) {
        pc = at;
        sp = stackPointer;
        step();
        return goOn(me, resumeAt, resumeSp);
    }

    /**
     * For compiled code: sends {@code selector} (the send bytecode ends at {@code after}), as
     * {@link #jitStep} would execute that bytecode.
     */
    boolean jitSend(GuestObject me, GuestObject selector, int argCount, int after, int stackPointer, int resumeSp) {
        pc = after;
        sp = stackPointer;
        send(selector, argCount);
        return goOn(me, after, resumeSp);
    }

    /** After a bytecode compiled code handed over: runs what it activated compiled when it can; whether the caller goes on. */
    private boolean goOn(GuestObject me, int resumeAt, int resumeSp) {
        if (stop != null) {
            return false;
        }
        if (activeContext != me) {
            JitCode callee = jitDepth < MAX_COMPILED_DEPTH ? compiledEntry() : null;
            if (callee == null) {
                return false;
            }
            jitDepth++;
            int how = callee.run(this);
            jitDepth--;
            if (how != JitCode.RETURNED || stop != null || activeContext != me) {
                return false;
            }
        }
        return pc == resumeAt && sp == resumeSp;
    }

    /** For compiled code: {@code ^value} from a method (the return bytecode ends before {@code after}). */
    void jitReturn(Object value, int after, int stackPointer, int cd) {
        countdown = cd;
        pc = after;
        sp = stackPointer;
        methodReturn(value);
    }

    /** For compiled code: a block's return of {@code value} to its caller (bytecode 125). */
    void jitBlockReturn(Object value, int after, int stackPointer, int cd) {
        countdown = cd;
        pc = after;
        sp = stackPointer;
        returnTo(value, frame[SENDER]);
    }

    /**
     * For compiled code whose batch has fewer than {@code needed} bytecodes left ({@code cd}),
     * its registers written back: the checkpoint the loop would make, then a new batch. Answers
     * the new countdown, or -1 when the interpreter must go on (the run stops, another process
     * runs, or the budget's last bytecodes are to be counted one by one).
     */
    int jitRefill(int cd, int needed) {
        executed += batch - cd;
        batch = cd;
        countdown = cd;
        if (needed > CHECK_INTERVAL || limit - executed < CHECK_INTERVAL) {
            return -1;
        }
        GuestObject me = activeContext;
        if (checkpoint() || activeContext != me) {
            return -1;
        }
        batch = nextBatch();
        countdown = batch;
        return batch;
    }

    /**
     * For compiled code: SmallInteger primitive {@code op} on two SmallIntegers (the arithmetic
     * bytecodes JitCode has no helper of its own for), or null for the interpreter to do the bytecode.
     */
    Object jitArithmetic(int op, Object x, Object y) {
        return x instanceof Integer i && y instanceof Integer j ? smallIntegerOp(op, i, j) : null;
    }

    /**
     * For compiled code: {@code receiver at: index} when the method it finds is the at:
     * primitive (60, or 63 for characters) and the primitive succeeds; else null, and the
     * interpreter sends it. The primitive found is kept for the last receiver class until the
     * method cache is flushed (an inline cache of the at: bytecode).
     */
    Object jitAt(Object receiver, Object index) {
        if (receiver instanceof GuestObject o && index instanceof Integer i) {
            GuestObject cls = o.cls();
            if (cls != atClass) {
                atPrimitive = elementPrimitive(cls, 16);
                atClass = cls;
            }
            int prim = atPrimitive;
            if (prim == 60 && o.format() == ObjectFormat.INDEXABLE_POINTERS) {
                // an Array's kind, as Primitives.elementAt does it, small enough to be inlined into compiled code
                Object[] slots = o.pointers();
                if (i >= 1 && i <= slots.length) {
                    sends++;
                    return slots[i - 1];
                }
                return null;
            }
            if (prim == 60 || prim == 63) {
                Object v = primitives.elementAt(o, i, prim == 63);
                if (v != null) {
                    sends++;
                    return v;
                }
            }
        }
        return null;
    }

    /** For compiled code: {@code receiver at: index put: value} by the at:put: primitive (61 or 64), as {@link #jitAt}. */
    boolean jitAtPut(Object receiver, Object index, Object value) {
        if (receiver instanceof GuestObject o && index instanceof Integer i) {
            GuestObject cls = o.cls();
            if (cls != atPutClass) {
                atPutPrimitive = elementPrimitive(cls, 17);
                atPutClass = cls;
            }
            int prim = atPutPrimitive;
            if (prim == 61 && o.format() == ObjectFormat.INDEXABLE_POINTERS) {
                // as Primitives.storeElement does it, which is too big to be inlined into compiled code
                Object[] slots = o.pointers();
                if (i >= 1 && i <= slots.length) {
                    slots[i - 1] = value;
                    sends++;
                    return true;
                }
                return false;
            }
            if ((prim == 61 || prim == 64) && primitives.storeElement(o, i, value, prim == 64)) {
                sends++;
                return true;
            }
        }
        return false;
    }

    /** The primitive of the method special selector {@code index} finds from {@code cls}; 0 for none. */
    private int elementPrimitive(GuestObject cls, int index) {
        GuestObject m = lookup(cls, specialSelector(index));
        return m == null ? 0 : primitiveIndexOf(m);
    }

    /** A special selector (bytecode 176 + {@code index}), for compiled code's sends. */
    GuestObject specialSelector(int index) {
        return (GuestObject) specialSelectors[2 * index];
    }

    /** The number of arguments of special selector {@code index} (bytecode 176 + index). */
    int specialArgCount(int index) {
        return (Integer) specialSelectors[2 * index + 1];
    }

    // ---- direct activations ----
    //
    // A compiled method without blocks, thisContext or other bytecodes that need its context
    // (MethodCompiler.directEligible) also has a direct entry: a JVM method that takes the
    // receiver and arguments and answers the result, its temps and stack in JVM locals. Compiled
    // code calls it where it would have activated the method (activate, from jitSend), and direct
    // code calls direct code at its send sites through an inline cache (receiver class and the
    // method cache's epoch). Whatever direct code cannot do itself (a budget checkpoint that has
    // something to do, a method without a direct entry, a failing primitive, doesNotUnderstand:,
    // a SmallInteger overflow, a host stack too deep) makes every direct activation on the host
    // stack a context, innermost first, each the sender of the one above it: the innermost
    // throws the interpreter's Deopt after making its own context, each caller catches it at its
    // send site, makes its context (its pc after the send) and throws it on, and activate links
    // the outermost to the context that called it and makes the innermost active. The
    // interpreter goes on from there as if the activations had been contexts all along.

    /** -Dozw.jit.direct=false keeps every activation a context (the compiling tier as it was). */
    private static final boolean DIRECT = !"false".equals(System.getProperty("ozw.jit.direct"));
    /** Direct activations nested on the host stack at most; a deeper send makes them contexts. */
    static final int MAX_DIRECT_DEPTH = 200;
    /** Deopts (other than at budget checkpoints) after which a method loses its direct entry. */
    private static final int DEOPT_LIMIT = 64;
    /** Primitives a direct activation may call: they only compute, read or allocate, never switch contexts. */
    private static final java.util.BitSet PURE_PRIMITIVES = new java.util.BitSet();

    static {
        PURE_PRIMITIVES.set(1, 18);
        PURE_PRIMITIVES.set(21, 38);
        PURE_PRIMITIVES.set(40, 60);
        PURE_PRIMITIVES.set(60, 65);
        PURE_PRIMITIVES.set(70, 72);
        PURE_PRIMITIVES.set(73);
        PURE_PRIMITIVES.set(75);
        PURE_PRIMITIVES.set(105);
        PURE_PRIMITIVES.set(110, 112);
    }

    /** Thrown through direct activations while they become contexts (see above); one per interpreter, without a stack trace. */
    static final class Deopt extends RuntimeException {
        /** The innermost context made so far (null: none yet, the caller's send is to be done again) and the outermost. */
        GuestObject top;
        GuestObject bottom;

        Deopt() {
            super(null, null, false, false);
        }
    }

    private final Deopt deopt = new Deopt();
    private boolean direct = DIRECT;
    /** Bumped whenever the method cache is flushed or a method loses its direct entry: every inline cache is then stale. */
    int directEpoch;

    /**
     * Whether nothing that watches activations one by one (a breakpoint, the base of an awaited
     * injection) is on. An unwinding watch (watchUnwinding) needs no contexts: the unwinding
     * return it watches comes from a block, and a direct activation never runs below one.
     */
    private boolean directAllowed() {
        return direct && !breaking && (awaited == null || activeContext != awaited.base());
    }

    /**
     * Whether compiled methods may run without contexts (direct activations, above): on unless
     * -Dozw.jit.direct=false. Off, every activation makes a context, as the interpreter alone does.
     */
    public void directActivations(boolean on) {
        this.direct = on;
        directEpoch++;
    }

    /** Runs {@code code}'s direct entry for the send whose receiver and arguments are on the stack (see activate). */
    private void enterDirect(JitCode code, int argCount) {
        Object[] f = frame;
        int first = sp - argCount;
        Object r = f[first];
        Object a0 = argCount > 0 ? f[first + 1] : null;
        Object a1 = argCount > 1 ? f[first + 2] : null;
        Object a2 = argCount > 2 ? f[first + 3] : null;
        Object a3 = argCount > 3 ? f[first + 4] : null;
        Object result;
        try {
            result = code.direct(this, 1, r, a0, a1, a2, a3);
        } catch (Deopt d) {
            sp = first - 1;
            storeContext();
            GuestObject top = d.top;
            d.bottom.pointers()[SENDER] = activeContext;
            d.top = null;
            d.bottom = null;
            loadContext(top);
            return;
        }
        f[first] = result;
        sp = first;
    }

    /**
     * For direct code: what runs {@code selector} sent to {@code receiver} at {@code site}, the
     * send counted; null when it has no direct entry (the send is then the interpreter's).
     */
    JitCode directTarget(JitCode.SendSite site, GuestObject selector, Object receiver) {
        GuestObject cls = receiver instanceof Integer ? smallIntegerClass : ((GuestObject) receiver).cls();
        if (cls == site.cls && selector == site.selector && site.epoch == directEpoch
                && site.method.interpreterCache() == site.methodJit) {
            sends++;
            return site.target;
        }
        JitCode target = relink(site, selector, cls);
        if (target != null) {
            sends++;
        }
        return target;
    }

    private JitCode relink(JitCode.SendSite site, GuestObject selector, GuestObject cls) {
        GuestObject m = lookup(cls, selector);
        JitCode target = m == null ? null : directCodeOf(m, site.argCount);
        if (target == null) {
            site.epoch = -1;
            return null;
        }
        site.method = m;
        site.methodJit = m.interpreterCache();
        site.selector = selector;
        site.cls = cls;
        site.target = target;
        site.epoch = directEpoch;
        return target;
    }

    /** What the interpreter keeps on {@code m} for the compiling tier, made the first time it is asked for. */
    private static MethodJit jitOf(GuestObject m) {
        if (m.interpreterCache() instanceof MethodJit known) {
            return known;
        }
        MethodJit jit = new MethodJit();
        m.interpreterCache(jit);
        return jit;
    }

    /** {@code m} as a direct target for a send of {@code argCount} arguments, compiled now when it is not yet; null for none. */
    private JitCode directCodeOf(GuestObject m, int argCount) {
        if (argCount > JitCode.DIRECT_ARGS || !compiling || !direct) {
            return null;
        }
        MethodJit jit = jitOf(m);
        if (jit.direct != null) {
            return jit.direct.directOk ? jit.direct : null;
        }
        int prim = primitiveIndexOf(m);
        if (prim >= 256 && prim <= 519) {
            jit.direct = argCount == 0 ? new JitCode.Quick(prim) : null;
        } else if (prim != 0) {
            if (PURE_PRIMITIVES.get(prim)) {
                jit.direct = new JitCode.Primitive(m, prim, argCount);
            }
        } else {
            if (jit.code == null && !jit.refused) {
                compileNow(m, jit);
            }
            if (jit.code != null && jit.code.directOk) {
                jit.direct = jit.code;
            }
        }
        return jit.direct;
    }

    /**
     * For a direct primitive: runs it on the stack of the active context (the one direct code was
     * entered from), with the receiver and arguments pushed above its top; answers its result,
     * or throws the Deopt that has the caller's send done again when it fails.
     */
    Object directPrimitive(JitCode.Primitive p, Object r, Object a0, Object a1, Object a2, Object a3) {
        Object[] f = frame;
        int s = sp;
        int n = p.argCount;
        if (s + 1 + n >= f.length) {
            sends--;
            throw deopt;
        }
        Object[] saved = Arrays.copyOfRange(f, s + 1, s + 2 + n);
        f[s + 1] = r;
        if (n > 0) {
            f[s + 2] = a0;
        }
        if (n > 1) {
            f[s + 3] = a1;
        }
        if (n > 2) {
            f[s + 4] = a2;
        }
        if (n > 3) {
            f[s + 5] = a3;
        }
        sp = s + 1 + n;
        boolean ok = primitives.call(p.primitive, n, p.method);
        Object result = f[s + 1];
        System.arraycopy(saved, 0, f, s + 1, saved.length);
        sp = s;
        if (!ok) {
            sends--;
            throw deopt;
        }
        return result;
    }

    /**
     * For direct code whose next segment needs {@code needed} bytecodes and whose batch has
     * {@code cd} left: a new batch when the checkpoint has nothing to do (no interrupt, time
     * left, the heap under its ceiling, no timer due, the budget far), else -1, and the direct
     * activations become contexts so that the interpreter makes the checkpoint.
     */
    int directRefill(int cd, int needed) {
        executed += batch - cd;
        batch = cd;
        countdown = cd;
        if (needed > CHECK_INTERVAL || limit - executed < CHECK_INTERVAL || interruptRequested
                || System.nanoTime() >= deadline || scheduler.timerDue()) {
            return -1;
        }
        if (heap.allocatedWords() >= nextMemoryCheck) {
            // the memory look needs no contexts unless the heap is over the ceiling (the checkpoint then collects and looks again)
            if (usedHeap() > heapCeiling) {
                return -1;
            }
            nextMemoryCheck = heap.allocatedWords() + MEMORY_CHECK_WORDS;
        }
        batch = nextBatch();
        countdown = batch;
        return batch;
    }

    /**
     * For direct code: makes its activation a context that stands at byte {@code at} of its
     * method, with its temps and {@code depth} values of {@code values} (temps, then stack) and
     * the countdown {@code cd}, and answers the Deopt to throw; {@code counted} says the method
     * must answer for it (see DEOPT_LIMIT).
     */
    Deopt deoptFrame(JitCode code, Object r, Object[] values, int depth, int at, int cd, boolean counted) {
        countdown = cd;
        if (TRACE_COMPILES) {
            System.err.println("ozw: deopt " + describeMethod(code.method) + " at " + at + (counted ? "" : " (checkpoint)"));
        }
        if (counted && ++code.deopts > DEOPT_LIMIT && code.directOk) {
            code.directOk = false;
            directEpoch++;
        }
        return linkFrame(code, r, values, tempsOf(code) + depth, at);
    }

    /**
     * For direct code whose send ({@code argCount} arguments, from byte {@code sendAt}, the next
     * bytecode at {@code after}, the stack {@code depth} deep with them) threw the Deopt: its
     * activation becomes a context waiting for the send's answer, or, when the callee made none
     * (a failed primitive), one that does the send again; {@code values} as for deoptFrame.
     */
    Deopt deoptAtSend(JitCode code, Object r, Object[] values, int depth, int sendAt, int after, int argCount) {
        if (deopt.top == null) {
            if (TRACE_COMPILES) {
                System.err.println("ozw: deopt " + describeMethod(code.method) + " at send " + sendAt);
            }
            countdown++;
            if (++code.deopts > DEOPT_LIMIT && code.directOk) {
                code.directOk = false;
                directEpoch++;
            }
            return linkFrame(code, r, values, tempsOf(code) + depth, sendAt);
        }
        return linkFrame(code, r, values, tempsOf(code) + depth - argCount - 1, after);
    }

    private static int tempsOf(JitCode code) {
        return ((Integer) code.literals[0] >> 18) & 63;
    }

    private Deopt linkFrame(JitCode code, Object r, Object[] values, int count, int at) {
        GuestObject context = newFrame(code.largeFrame);
        Object[] f = context.pointers();
        Object[] lits = code.literals;
        f[SENDER] = nil;
        f[PC] = small(4 * lits.length + 1 + at);
        f[STACKP] = small(count);
        f[METHOD] = code.method;
        f[CLOSURE_OR_NIL] = nil;
        f[RECEIVER] = r;
        System.arraycopy(values, 0, f, TEMP0, count);
        if (deopt.bottom == null) {
            deopt.top = context;
        } else {
            deopt.bottom.pointers()[SENDER] = context;
        }
        deopt.bottom = context;
        return deopt;
    }

    // ---- diagnostics ----

    private Object watchedValue;
    private GuestObject unwoundStack;

    /**
     * Keeps the stack a return unwinds when it returns a pointer object whose first slot is
     * {@code mark}: the contexts from the active one up to the return's target, copied before
     * the return ends them (a guest error handler's stack, which its non-local return destroys).
     */
    public void watchUnwinding(Object mark) {
        watchedValue = mark;
        unwoundStack = null;
    }

    /** The copy of the last watched stack (innermost context first), or null; forgets it. */
    public GuestObject takeUnwoundStack() {
        GuestObject s = unwoundStack;
        unwoundStack = null;
        watchedValue = null;
        return s;
    }

    private GuestObject copyOfChain(GuestObject from, GuestObject to) {
        storeContext();
        expose(to);
        GuestObject first = null;
        GuestObject previous = null;
        Object c = from;
        while (c instanceof GuestObject g && g != to && g != nil) {
            GuestObject copy = heap.newPointers(g.cls(), g.format(), g.pointers().clone());
            if (previous == null) {
                first = copy;
            } else {
                previous.pointers()[SENDER] = copy;
            }
            previous = copy;
            c = g.pointers()[SENDER];
        }
        if (previous != null) {
            previous.pointers()[SENDER] = to;
        }
        return first;
    }

    String describeMethod(GuestObject m) {
        return methodNames.apply(m);
    }
}
