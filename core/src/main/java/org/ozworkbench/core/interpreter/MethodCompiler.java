package org.ozworkbench.core.interpreter;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * Compiles a guest method's V3 bytecodes to a JVM class (a {@link JitCode}), for the methods
 * the interpreter runs often. The class runs the method's bytecodes and those of the blocks the
 * method makes (closures; pre-closure BlockContexts whose argument count is a constant), each
 * in its own context.
 *
 * <p>What it compiles inline: pushes and stores of temps, receiver variables, literals and
 * literal variables, constants, pop and dup, jumps, returns, SmallInteger arithmetic and
 * comparisons, ==, and at:/at:put: when they reach the indexing primitives. Every other
 * bytecode is a <em>slow point</em>: the code writes its stack into the context and has the
 * interpreter do that one bytecode ({@code Interpreter.jitSend} for sends,
 * {@code Interpreter.jitStep} for the rest), which runs the method a send activated compiled
 * too when it can. So a chain of compiled sends runs on the JVM stack, each level's context
 * complete at every send, and whatever the compiled code does not do leaves it for the
 * interpreter.
 *
 * <p>Bytecodes are counted per segment (a straight run that ends at a jump, a return or a slow
 * point), before the segment runs: the interpreter's budget in bytecodes stays exact.
 *
 * <p>A method it cannot compile (an unknown bytecode, stack depths that disagree where paths
 * meet, a stack deeper than its context) gets null and stays interpreted.
 */
final class MethodCompiler {
    private static final String IN = Type.getInternalName(Interpreter.class);
    private static final String CODE = Type.getInternalName(JitCode.class);
    private static final String OBJ = "java/lang/Object";
    private static final String GUEST = Type.getDescriptor(GuestObject.class);

    /**
     * Bytecodes a method with a direct entry has at most: each of its deopt paths copies its temps
     * and stack, so a long method's would outgrow the JVM's 64 KB per method; and a long method
     * gains little by skipping its context.
     */
    private static final int MAX_DIRECT_BYTES = 1000;
    private static final String DEOPT = Type.getInternalName(Interpreter.Deopt.class);
    private static final String SITE = Type.getDescriptor(JitCode.SendSite.class);

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final Interpreter vm;

    MethodCompiler(Interpreter vm) {
        this.vm = vm;
    }

    // ---- decoding ----

    private enum Kind {
        PUSH_RCVR_VAR, PUSH_TEMP, PUSH_LIT, PUSH_LIT_VAR, PUSH_SELF, PUSH_CONST, PUSH_REMOTE,
        STORE_RCVR_VAR, STORE_TEMP, STORE_LIT_VAR, STORE_REMOTE,
        POP, DUP, RETURN, JUMP, JUMP_TRUE, JUMP_FALSE, ARITH, AT, AT_PUT, IDENTICAL, SEND, SPECIAL_SEND, SLOW
    }

    /** One decoded bytecode. */
    private record Insn(int pc, int length, Kind kind, int index, int index2, int popped, int pushed,
                        int target) {
        int next() {
            return pc + length;
        }

        boolean endsSegment() {
            return switch (kind) {
                case RETURN, JUMP, JUMP_TRUE, JUMP_FALSE, ARITH, AT, AT_PUT, SEND, SPECIAL_SEND, SLOW -> true;
                default -> false;
            };
        }

        boolean fallsThrough() {
            return kind != Kind.RETURN && kind != Kind.JUMP;
        }

        /** pushClosure (143): the body after it is a block's, which runs in another context. */
        boolean isClosure() {
            return kind == Kind.SLOW && target >= 0;
        }

        /** Where execution goes on after this bytecode when it does not jump. */
        int successor() {
            return isClosure() ? target : next();
        }
    }

    private static Insn simple(int pc, int length, Kind kind, int index, int popped, int pushed) {
        return new Insn(pc, length, kind, index, 0, popped, pushed, -1);
    }

    private static Insn store(int pc, int length, Kind kind, int index, boolean pop) {
        return new Insn(pc, length, kind, index, 0, pop ? 1 : 0, 0, -1);
    }

    private static Insn slow(int pc, int length, int popped, int pushed) {
        return new Insn(pc, length, Kind.SLOW, 0, 0, popped, pushed, -1);
    }

    private static Insn send(int pc, int length, int argCount) {
        return slow(pc, length, argCount + 1, 1);
    }

    /** A send of literal {@code literal} (the selector), which compiled code makes through Interpreter.jitSend. */
    private static Insn literalSend(int pc, int length, int literal, int argCount) {
        return new Insn(pc, length, Kind.SEND, literal, argCount, argCount + 1, 1, -1);
    }

    /** A send of special selector {@code index} that the interpreter does as an ordinary send. */
    private static Insn specialSend(int pc, int index, int argCount) {
        return new Insn(pc, 1, Kind.SPECIAL_SEND, index, argCount, argCount + 1, 1, -1);
    }

    /** Decodes the bytecode at {@code pc}; null for one this compiler refuses. */
    private Insn decode(byte[] code, int pc, int literalCount) {
        int b = code[pc] & 0xFF;
        int x = pc + 1 < code.length ? code[pc + 1] & 0xFF : -1;
        int y = pc + 2 < code.length ? code[pc + 2] & 0xFF : -1;
        if (b < 16) {
            return simple(pc, 1, Kind.PUSH_RCVR_VAR, b, 0, 1);
        }
        if (b < 32) {
            return simple(pc, 1, Kind.PUSH_TEMP, b & 15, 0, 1);
        }
        if (b < 64) {
            return literal(simple(pc, 1, Kind.PUSH_LIT, b & 31, 0, 1), literalCount);
        }
        if (b < 96) {
            return literal(simple(pc, 1, Kind.PUSH_LIT_VAR, b & 31, 0, 1), literalCount);
        }
        if (b < 104) {
            return store(pc, 1, Kind.STORE_RCVR_VAR, b & 7, true);
        }
        if (b < 112) {
            return store(pc, 1, Kind.STORE_TEMP, b & 7, true);
        }
        if (b == 112) {
            return simple(pc, 1, Kind.PUSH_SELF, 0, 0, 1);
        }
        if (b < 120) {
            return simple(pc, 1, Kind.PUSH_CONST, b & 7, 0, 1);
        }
        if (b <= 125) {
            return simple(pc, 1, Kind.RETURN, b, b >= 124 ? 1 : 0, 0);
        }
        if (b < 128) {
            return null;
        }
        if (b < 144 && x < 0) {
            return null;
        }
        switch (b) {
            case 128 -> {
                int type = x >> 6;
                Kind kind = type == 0 ? Kind.PUSH_RCVR_VAR : type == 1 ? Kind.PUSH_TEMP
                        : type == 2 ? Kind.PUSH_LIT : Kind.PUSH_LIT_VAR;
                return literal(simple(pc, 2, kind, x & 63, 0, 1), literalCount);
            }
            case 129, 130 -> {
                int type = x >> 6;
                if (type == 2) {
                    return null;
                }
                Kind kind = type == 0 ? Kind.STORE_RCVR_VAR : type == 1 ? Kind.STORE_TEMP : Kind.STORE_LIT_VAR;
                return literal(store(pc, 2, kind, x & 63, b == 130), literalCount);
            }
            case 131 -> {
                return literal(literalSend(pc, 2, x & 31, x >> 5), literalCount);
            }
            case 133 -> {
                return send(pc, 2, x >> 5);
            }
            case 134 -> {
                return literal(literalSend(pc, 2, x & 63, x >> 6), literalCount);
            }
            case 132 -> {
                if (y < 0) {
                    return null;
                }
                return switch (x >> 5) {
                    case 0 -> literal(literalSend(pc, 3, y, x & 31), literalCount);
                    case 1 -> send(pc, 3, x & 31);
                    case 2 -> simple(pc, 3, Kind.PUSH_RCVR_VAR, y, 0, 1);
                    case 3 -> literal(simple(pc, 3, Kind.PUSH_LIT, y, 0, 1), literalCount);
                    case 4 -> literal(simple(pc, 3, Kind.PUSH_LIT_VAR, y, 0, 1), literalCount);
                    case 5 -> store(pc, 3, Kind.STORE_RCVR_VAR, y, false);
                    case 6 -> store(pc, 3, Kind.STORE_RCVR_VAR, y, true);
                    default -> literal(store(pc, 3, Kind.STORE_LIT_VAR, y, false), literalCount);
                };
            }
            case 135 -> {
                return simple(pc, 1, Kind.POP, 0, 1, 0);
            }
            case 136 -> {
                return simple(pc, 1, Kind.DUP, 0, 1, 2);
            }
            case 137 -> {
                return slow(pc, 1, 0, 1);
            }
            case 138 -> {
                return slow(pc, 2, (x & 128) != 0 ? x & 127 : 0, 1);
            }
            case 140 -> {
                return y < 0 ? null : new Insn(pc, 3, Kind.PUSH_REMOTE, x, y, 0, 1, -1);
            }
            case 141, 142 -> {
                return y < 0 ? null : new Insn(pc, 3, Kind.STORE_REMOTE, x, y, b == 142 ? 1 : 0, 0, -1);
            }
            case 143 -> {
                if (!vm.closures || y < 0 || pc + 3 >= code.length) {
                    return null;
                }
                int size = (y << 8) | (code[pc + 3] & 0xFF);
                // the block's body is skipped: the interpreter runs it in the block's own context
                return new Insn(pc, 4, Kind.SLOW, 0, 0, x >> 4, 1, pc + 4 + size);
            }
            default -> {
            }
        }
        if (b < 144) {
            return null;
        }
        if (b < 152) {
            return new Insn(pc, 1, Kind.JUMP, 0, 0, 0, 0, pc + b - 142);
        }
        if (b < 160) {
            return new Insn(pc, 1, Kind.JUMP_FALSE, 0, 0, 1, 0, pc + 1 + b - 151);
        }
        if (x < 0) {
            return null;
        }
        if (b < 168) {
            return new Insn(pc, 2, Kind.JUMP, 0, 0, 0, 0, pc + 2 + ((b - 164) << 8) + x);
        }
        if (b < 176) {
            return new Insn(pc, 2, b < 172 ? Kind.JUMP_TRUE : Kind.JUMP_FALSE, 0, 0, 1, 0,
                    pc + 2 + ((b & 3) << 8) + x);
        }
        if (b < 192) {
            return b == 187 ? send(pc, 1, 1) : simple(pc, 1, Kind.ARITH, b, 2, 1);
        }
        if (b == 198) {
            return simple(pc, 1, Kind.IDENTICAL, 0, 2, 1);
        }
        if (b == 192) {
            return simple(pc, 1, Kind.AT, 0, 2, 1);
        }
        if (b == 193) {
            return simple(pc, 1, Kind.AT_PUT, 0, 3, 1);
        }
        if (b < 208) {
            // 199 (class), 201 and 202 (value, value:) have the interpreter's own ways
            return b == 199 || b == 201 || b == 202 ? send(pc, 1, vm.specialArgCount(b - 176))
                    : specialSend(pc, b - 176, vm.specialArgCount(b - 176));
        }
        return literal(literalSend(pc, 1, b & 15, (b - 208) >> 4), literalCount);
    }

    private static Insn literal(Insn insn, int literalCount) {
        boolean usesLiteral = insn.kind() == Kind.PUSH_LIT || insn.kind() == Kind.PUSH_LIT_VAR
                || insn.kind() == Kind.STORE_LIT_VAR || insn.kind() == Kind.SEND;
        return usesLiteral && 1 + insn.index() >= literalCount ? null : insn;
    }

    // ---- analysis ----

    /** The reachable bytecodes, the stack depth before each, and where segments start. */
    private static final class Plan {
        final Insn[] insns;
        final int[] depth;
        /** The context slot of the stack's bottom at each bytecode: after the method's temps, or a block's arguments and copied values. */
        final int[] base;
        /** Temps below this slot are read from the temps' context; above it they are in the stack (a closure's own temps). */
        final int[] tempLimit;
        final boolean[] segmentStart;
        final int maxDepth;
        final int frameSlots;

        Plan(Insn[] insns, int[] depth, int[] base, int[] tempLimit, boolean[] segmentStart, int maxDepth,
             int frameSlots) {
            this.insns = insns;
            this.depth = depth;
            this.base = base;
            this.tempLimit = tempLimit;
            this.segmentStart = segmentStart;
            this.maxDepth = maxDepth;
            this.frameSlots = frameSlots;
        }

        /** Bytecodes from the segment start {@code pc} up to the segment's end. */
        int segmentLength(int pc) {
            int n = 0;
            int p = pc;
            while (p < insns.length && insns[p] != null) {
                Insn insn = insns[p];
                n++;
                if (insn.endsSegment() || insn.next() >= insns.length || segmentStart[insn.next()]) {
                    return n;
                }
                p = insn.next();
            }
            return n;
        }
    }

    /**
     * Follows every path from the method's first bytecode, and from the first bytecode of each
     * block it makes (a block's body runs in its own context, which this code enters too), with
     * the stack depth, the stack's base and the temps' limit at each bytecode.
     */
    private Plan plan(byte[] code, int literalCount, int methodBase) {
        int n = code.length;
        Flow flow = new Flow(n);
        flow.reach(0, 0, methodBase, methodBase);
        Insn[] insns = new Insn[n];
        boolean[] start = new boolean[n];
        start[0] = true;
        int max = 0;
        int slots = 0;
        while (!flow.work.isEmpty()) {
            int pc = flow.work.pop();
            int depth = flow.depth[pc];
            int base = flow.base[pc];
            int limit = flow.tempLimit[pc];
            Insn insn = decode(code, pc, literalCount);
            if (insn == null || depth < insn.popped() || !tempsInReach(insn, depth, base, limit)) {
                return null;
            }
            insns[pc] = insn;
            int after = depth - insn.popped() + insn.pushed();
            max = Math.max(max, Math.max(after, depth));
            slots = Math.max(slots, base + Math.max(after, depth));
            if (insn.kind() == Kind.JUMP || insn.kind() == Kind.JUMP_TRUE || insn.kind() == Kind.JUMP_FALSE) {
                if (!flow.reach(insn.target(), after, base, limit)) {
                    return null;
                }
                start[insn.target()] = true;
            }
            if (insn.fallsThrough()) {
                int next = insn.successor();
                if (!flow.reach(next, after, base, limit)) {
                    return null;
                }
                if (insn.endsSegment()) {
                    start[next] = true;
                }
            }
            int body = blockBody(code, insns, insn, literalCount);
            if (body >= 0) {
                // closure images: the closure's arguments and copied values, then its own temps,
                // on its context's stack; pre-closure: the arguments on the stack, every temp in
                // the home context
                int x = code[pc + 1] & 0xFF;
                boolean reached = insn.isClosure()
                        ? flow.reach(body, 0, Interpreter.TEMP0 + (x & 15) + (x >> 4), Interpreter.TEMP0 + (x & 15) + (x >> 4))
                        : flow.reach(body, insns[pc - 1].index() - 5, Interpreter.TEMP0, Integer.MAX_VALUE);
                if (!reached) {
                    return null;
                }
                start[body] = true;
            }
        }
        return new Plan(insns, flow.depth, flow.base, flow.tempLimit, start, max, slots);
    }

    /**
     * Where the body of the block {@code insn} makes starts, or -1: after a pushClosure; or, in
     * a pre-closure method, after the jump that follows {@code pushConstant: n; send: blockCopy:}
     * (n, the block's argument count, from 0 to 2: other blocks stay interpreted).
     */
    private int blockBody(byte[] code, Insn[] insns, Insn insn, int literalCount) {
        if (insn.isClosure()) {
            return insn.next();
        }
        if (vm.closures || insn.kind() != Kind.SPECIAL_SEND || insn.index() != 200 - 176 || insn.pc() == 0) {
            return -1;
        }
        Insn count = insns[insn.pc() - 1];
        if (count == null || count.kind() != Kind.PUSH_CONST || count.index() < 5) {
            return -1;
        }
        Insn jump = insn.next() < code.length ? decode(code, insn.next(), literalCount) : null;
        return jump != null && jump.kind() == Kind.JUMP && jump.next() < code.length ? jump.next() : -1;
    }

    /** The paths' state at each bytecode reached so far, and the bytecodes still to follow. */
    private static final class Flow {
        final int[] depth;
        final int[] base;
        final int[] tempLimit;
        final ArrayDeque<Integer> work = new ArrayDeque<>();

        Flow(int length) {
            depth = new int[length];
            base = new int[length];
            tempLimit = new int[length];
            Arrays.fill(depth, -1);
        }

        /** Reaches {@code pc} with this state: false when it is outside the code or another path reached it otherwise. */
        boolean reach(int pc, int stackDepth, int stackBase, int limit) {
            if (pc < 0 || pc >= depth.length) {
                return false;
            }
            if (depth[pc] == -1) {
                depth[pc] = stackDepth;
                base[pc] = stackBase;
                tempLimit[pc] = limit;
                work.push(pc);
                return true;
            }
            return depth[pc] == stackDepth && base[pc] == stackBase && tempLimit[pc] == limit;
        }
    }

    /** Whether a temp the bytecode reads or writes is below the limit or in the stack as it is (a closure's own temps). */
    private static boolean tempsInReach(Insn insn, int depth, int base, int limit) {
        int slot = switch (insn.kind()) {
            case PUSH_TEMP, STORE_TEMP -> Interpreter.TEMP0 + insn.index();
            case PUSH_REMOTE, STORE_REMOTE -> Interpreter.TEMP0 + insn.index2();
            default -> -1;
        };
        return slot < limit || slot - base < depth - insn.popped();
    }

    // ---- code generation ----

    /** The compiled form of {@code method}, or null when it stays interpreted. */
    JitCode compile(GuestObject method) {
        byte[] code = method.bytes();
        Object[] literals = method.pointers();
        int header = (Integer) literals[0];
        int numTemps = (header >> 18) & 63;
        Plan plan = code.length == 0 ? null : plan(code, literals.length, Interpreter.TEMP0 + numTemps);
        if (plan == null) {
            return null;
        }
        int frameSlots = plan.frameSlots;
        int contextSize = Interpreter.TEMP0 + (((header >> 17) & 1) != 0 ? Interpreter.LARGE_FRAME : Interpreter.SMALL_FRAME);
        if (frameSlots > contextSize) {
            return null;
        }
        boolean[] entries = plan.segmentStart.clone();
        int numArgs = Interpreter.argCountOf(method);
        boolean direct = directEligible(plan, numArgs);
        List<JitCode.SendSite> sites = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = generate(plan, direct ? numArgs : -1, numTemps, sites);
        } catch (MethodTooLargeException e) {
            // the direct entry's deopt paths made the class too big for the JVM: it goes without one
            direct = false;
            sites.clear();
            bytes = generate(plan, -1, numTemps, sites);
        }
        try {
            Class<?> c = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            JitCode jit = (JitCode) c.getDeclaredConstructor(boolean[].class, int.class).newInstance(entries, frameSlots);
            jit.method = method;
            jit.literals = literals;
            jit.largeFrame = ((header >> 17) & 1) != 0;
            jit.sites = sites.toArray(new JitCode.SendSite[0]);
            jit.directOk = direct;
            return jit;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the compiled form of " + vm.describeMethod(method) + " does not load", e);
        }
    }

    /**
     * Whether the method can run without a context (a direct entry): at most
     * {@link JitCode#DIRECT_ARGS} arguments, no blocks, and no bytecode that needs its context
     * (thisContext, a super send, an Array made by 138, a remote temp, a block return, and the
     * sends the interpreter does its own way: class, value, value:).
     */
    private static boolean directEligible(Plan plan, int numArgs) {
        if (numArgs > JitCode.DIRECT_ARGS || plan.insns.length > MAX_DIRECT_BYTES) {
            return false;
        }
        for (Insn insn : plan.insns) {
            if (insn == null) {
                continue;
            }
            boolean refused = switch (insn.kind()) {
                case SLOW, PUSH_REMOTE, STORE_REMOTE -> true;
                case RETURN -> insn.index() == 125;
                case SPECIAL_SEND -> insn.index() == 200 - 176;
                default -> false;
            };
            if (refused) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class of a compiled method: run(Interpreter) on its context, and, when {@code directArgs}
     * is not -1, the direct entry too; {@code sites} gets the direct entry's send sites.
     */
    private byte[] generate(Plan plan, int directArgs, int numTemps, List<JitCode.SendSite> sites) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return OBJ;
            }
        };
        String name = IN.substring(0, IN.lastIndexOf('/') + 1) + "Compiled";
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, CODE, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "([ZI)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitVarInsn(ILOAD, 2);
        init.visitMethodInsn(INVOKESPECIAL, CODE, "<init>", "([ZI)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(0, "run", "(L" + IN + ";)I", null, null);
        mv.visitCode();
        new Emitter(mv, plan, -1, numTemps, sites).emit();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        if (directArgs >= 0) {
            MethodVisitor dv = cw.visitMethod(0, "direct", JitCode.DIRECT_DESCRIPTOR, null, null);
            dv.visitCode();
            new Emitter(dv, plan, directArgs, numTemps, sites).emit();
            dv.visitMaxs(0, 0);
            dv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * Writes the body of run(Interpreter) for one plan, or of the direct entry (temps and stack in
     * JVM locals, no context).
     */
    private static final class Emitter {
        private final MethodVisitor mv;
        private final Plan plan;
        private final Label[] segment;
        private final Label[] body;
        /** Code placed after the method's body: slow paths, refills, exits, in the order asked for. */
        private final List<Runnable> stubs = new ArrayList<>();
        /** Whether this is the direct entry; its argument count and the method's temps. */
        private final boolean direct;
        private final int numArgs;
        private final int numTemps;
        private final List<JitCode.SendSite> sites;

        // The JVM locals: 0 is the JitCode itself. run(Interpreter) has the interpreter, then the
        // context and its registers; the direct entry its parameters (depth, receiver, arguments),
        // then the temps. The guest stack's slots come last.
        private final int vmLocal;
        private final int meLocal;
        private final int frameLocal;
        private final int rcvrLocal;
        private final int litsLocal;
        private final int rcvrSlotsLocal;
        private final int cdLocal;
        private final int trueLocal;
        private final int falseLocal;
        private final int nilLocal;
        private final int scratchLocal;
        /** The context slots temps are read from: the frame's own, or a pre-closure block's home's. */
        private final int tempsLocal;
        private final int depthLocal;
        private final int temp0Local;
        private final int stack0Local;
        // the direct entry's deopt paths' arguments: a bytecode's index, the stack's depth there,
        // the countdown or a send's next bytecode, whether the method answers for it or the send's argument count
        private final int atLocal;
        private final int depthAtLocal;
        private final int argLocal;
        private final int countedLocal;
        private final Label deoptPath = new Label();
        private final Label sendDeoptPath = new Label();
        Emitter(MethodVisitor mv, Plan plan, int directArgs, int numTemps, List<JitCode.SendSite> sites) {
            this.mv = mv;
            this.plan = plan;
            this.direct = directArgs >= 0;
            this.numArgs = directArgs;
            this.numTemps = numTemps;
            this.sites = sites;
            vmLocal = 1;
            if (direct) {
                depthLocal = 2;
                rcvrLocal = 3;
                int next = 4 + JitCode.DIRECT_ARGS;
                litsLocal = next++;
                rcvrSlotsLocal = next++;
                cdLocal = next++;
                trueLocal = next++;
                falseLocal = next++;
                nilLocal = next++;
                scratchLocal = next++;
                temp0Local = next;
                stack0Local = next + numTemps;
                atLocal = stack0Local + plan.maxDepth;
                depthAtLocal = atLocal + 1;
                argLocal = atLocal + 2;
                countedLocal = atLocal + 3;
                meLocal = -1;
                frameLocal = -1;
                tempsLocal = -1;
            } else {
                meLocal = 2;
                frameLocal = 3;
                rcvrLocal = 4;
                litsLocal = 5;
                rcvrSlotsLocal = 6;
                cdLocal = 7;
                trueLocal = 8;
                falseLocal = 9;
                nilLocal = 10;
                scratchLocal = 11;
                tempsLocal = 12;
                stack0Local = 13;
                depthLocal = -1;
                temp0Local = -1;
                atLocal = -1;
                depthAtLocal = -1;
                argLocal = -1;
                countedLocal = -1;
            }
            int n = plan.insns.length;
            this.segment = new Label[n];
            this.body = new Label[n];
            for (int pc = 0; pc < n; pc++) {
                if (plan.insns[pc] != null && plan.segmentStart[pc]) {
                    segment[pc] = new Label();
                    body[pc] = new Label();
                }
            }
        }

        void emit() {
            if (direct) {
                directPrologue();
            } else {
                prologue();
            }
            int n = plan.insns.length;
            int previousEnd = -1;
            for (int pc = 0; pc < n; pc++) {
                Insn insn = plan.insns[pc];
                if (insn == null) {
                    continue;
                }
                if (previousEnd >= 0 && previousEnd != pc) {
                    // the previous bytecode falls through somewhere else (a closure's skipped body)
                    mv.visitJumpInsn(GOTO, segment[previousEnd]);
                }
                if (plan.segmentStart[pc]) {
                    countSegment(pc);
                }
                emitInsn(insn, plan.depth[pc]);
                previousEnd = insn.fallsThrough() ? insn.successor() : -1;
            }
            if (previousEnd >= 0) {
                mv.visitJumpInsn(GOTO, segment[previousEnd]);
            }
            // a stub may not add stubs: each is complete code
            stubs.forEach(Runnable::run);
            if (direct) {
                deoptPaths();
            }
        }

        private void prologue() {
            field(vmLocal, "activeContext", GUEST, meLocal);
            field(vmLocal, "frame", "[Ljava/lang/Object;", frameLocal);
            field(vmLocal, "temps", "[Ljava/lang/Object;", tempsLocal);
            field(vmLocal, "receiver", "Ljava/lang/Object;", rcvrLocal);
            field(vmLocal, "literals", "[Ljava/lang/Object;", litsLocal);
            sharedLocals();
            for (int i = 0; i < plan.maxDepth; i++) {
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, stack0Local + i);
            }
            // enter at the context's pc
            int n = plan.insns.length;
            Label[] targets = new Label[n];
            Label none = new Label();
            Label[] entryStubs = new Label[n];
            for (int pc = 0; pc < n; pc++) {
                if (segment[pc] != null) {
                    entryStubs[pc] = new Label();
                    targets[pc] = entryStubs[pc];
                } else {
                    targets[pc] = none;
                }
            }
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "pc", "I");
            mv.visitTableSwitchInsn(0, n - 1, none, targets);
            for (int pc = 0; pc < n; pc++) {
                if (entryStubs[pc] != null) {
                    mv.visitLabel(entryStubs[pc]);
                    reload(plan.depth[pc], plan.base[pc]);
                    mv.visitJumpInsn(GOTO, segment[pc]);
                }
            }
            mv.visitLabel(none);
            leave();
        }

        /** The locals both entries start with: true, false and nil, the receiver's slots, the countdown, the scratch slot. */
        private void sharedLocals() {
            field(vmLocal, "trueObject", GUEST, trueLocal);
            field(vmLocal, "falseObject", GUEST, falseLocal);
            field(vmLocal, "nil", GUEST, nilLocal);
            mv.visitVarInsn(ALOAD, rcvrLocal);
            mv.visitMethodInsn(INVOKESTATIC, CODE, "slotsOf", "(Ljava/lang/Object;)[Ljava/lang/Object;", false);
            mv.visitVarInsn(ASTORE, rcvrSlotsLocal);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "countdown", "I");
            mv.visitVarInsn(ISTORE, cdLocal);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, scratchLocal);
        }

        /** The direct entry's start: its locals from the parameters, the temps nil; then the method's first bytecode. */
        private void directPrologue() {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, CODE, "literals", "[Ljava/lang/Object;");
            mv.visitVarInsn(ASTORE, litsLocal);
            sharedLocals();
            for (int i = 0; i < numTemps; i++) {
                mv.visitVarInsn(ALOAD, i < numArgs ? rcvrLocal + 1 + i : nilLocal);
                mv.visitVarInsn(ASTORE, temp0Local + i);
            }
            for (int i = 0; i < plan.maxDepth; i++) {
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, stack0Local + i);
            }
            setInt(atLocal, 0);
            setInt(depthAtLocal, 0);
            setInt(argLocal, 0);
            setInt(countedLocal, 0);
        }

        private void field(int owner, String name, String descriptor, int local) {
            mv.visitVarInsn(ALOAD, owner);
            mv.visitFieldInsn(GETFIELD, IN, name, descriptor);
            mv.visitVarInsn(ASTORE, local);
        }

        /** Counts the segment's bytecodes before it runs; asks for a new batch when too few are left. */
        private void countSegment(int pc) {
            int length = plan.segmentLength(pc);
            int depth = plan.depth[pc];
            int base = plan.base[pc];
            Label refill = new Label();
            mv.visitLabel(segment[pc]);
            mv.visitIincInsn(cdLocal, -length);
            mv.visitVarInsn(ILOAD, cdLocal);
            mv.visitJumpInsn(IFLT, refill);
            mv.visitLabel(body[pc]);
            if (direct) {
                stub(() -> {
                    mv.visitLabel(refill);
                    mv.visitIincInsn(cdLocal, length);
                    mv.visitVarInsn(ALOAD, vmLocal);
                    mv.visitVarInsn(ILOAD, cdLocal);
                    push(length);
                    mv.visitMethodInsn(INVOKEVIRTUAL, IN, "directRefill", "(II)I", false);
                    Label checkpoint = new Label();
                    mv.visitInsn(DUP);
                    mv.visitJumpInsn(IFLT, checkpoint);
                    mv.visitVarInsn(ISTORE, cdLocal);
                    mv.visitIincInsn(cdLocal, -length);
                    mv.visitJumpInsn(GOTO, body[pc]);
                    mv.visitLabel(checkpoint);
                    mv.visitInsn(POP);
                    deoptHere(pc, depth, false, false);
                });
                return;
            }
            stub(() -> {
                mv.visitLabel(refill);
                mv.visitIincInsn(cdLocal, length);
                spill(depth, base);
                setRegisters(pc, depth, base);
                mv.visitVarInsn(ALOAD, vmLocal);
                mv.visitVarInsn(ILOAD, cdLocal);
                push(length);
                mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitRefill", "(II)I", false);
                mv.visitInsn(DUP);
                mv.visitVarInsn(ISTORE, cdLocal);
                Label left = new Label();
                mv.visitJumpInsn(IFLT, left);
                mv.visitIincInsn(cdLocal, -length);
                mv.visitJumpInsn(GOTO, body[pc]);
                mv.visitLabel(left);
                leave();
            });
        }

        private void stub(Runnable r) {
            stubs.add(r);
        }

        private void emitInsn(Insn insn, int depth) {
            switch (insn.kind()) {
                case PUSH_RCVR_VAR -> {
                    mv.visitVarInsn(ALOAD, rcvrSlotsLocal);
                    push(insn.index());
                    mv.visitInsn(AALOAD);
                    store(depth);
                }
                case PUSH_TEMP -> {
                    loadTemp(insn, insn.index());
                    store(depth);
                }
                case PUSH_LIT -> {
                    literal(insn.index());
                    store(depth);
                }
                case PUSH_LIT_VAR -> {
                    literal(insn.index());
                    mv.visitMethodInsn(INVOKESTATIC, CODE, "valueOf", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                    store(depth);
                }
                case PUSH_SELF -> {
                    mv.visitVarInsn(ALOAD, rcvrLocal);
                    store(depth);
                }
                case PUSH_CONST -> {
                    int k = insn.index();
                    if (k == 1) {
                        mv.visitVarInsn(ALOAD, trueLocal);
                    } else if (k == 2) {
                        mv.visitVarInsn(ALOAD, falseLocal);
                    } else if (k == 3) {
                        mv.visitVarInsn(ALOAD, nilLocal);
                    } else {
                        push(k - 5);
                        mv.visitMethodInsn(INVOKESTATIC, IN, "small", "(I)Ljava/lang/Integer;", false);
                    }
                    store(depth);
                }
                case PUSH_REMOTE -> {
                    loadTemp(insn, insn.index2());
                    push(insn.index());
                    mv.visitMethodInsn(INVOKESTATIC, CODE, "remote", "(Ljava/lang/Object;I)Ljava/lang/Object;", false);
                    store(depth);
                }
                case STORE_RCVR_VAR -> {
                    mv.visitVarInsn(ALOAD, rcvrSlotsLocal);
                    push(insn.index());
                    load(depth - 1);
                    mv.visitInsn(AASTORE);
                }
                case STORE_TEMP -> {
                    int slot = Interpreter.TEMP0 + insn.index();
                    if (direct) {
                        load(depth - 1);
                        mv.visitVarInsn(ASTORE, temp0Local + insn.index());
                    } else if (slot < plan.tempLimit[insn.pc()]) {
                        mv.visitVarInsn(ALOAD, tempsLocal);
                        push(slot);
                        load(depth - 1);
                        mv.visitInsn(AASTORE);
                    } else {
                        load(depth - 1);
                        store(slot - plan.base[insn.pc()]);
                    }
                }
                case STORE_LIT_VAR -> {
                    literal(insn.index());
                    load(depth - 1);
                    mv.visitMethodInsn(INVOKESTATIC, CODE, "setValueOf", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                }
                case STORE_REMOTE -> {
                    loadTemp(insn, insn.index2());
                    push(insn.index());
                    load(depth - 1);
                    mv.visitMethodInsn(INVOKESTATIC, CODE, "setRemote", "(Ljava/lang/Object;ILjava/lang/Object;)V", false);
                }
                case POP -> {
                }
                case DUP -> {
                    load(depth - 1);
                    store(depth);
                }
                case RETURN -> emitReturn(insn, depth);
                case JUMP -> mv.visitJumpInsn(GOTO, segment[insn.target()]);
                case JUMP_TRUE, JUMP_FALSE -> emitConditional(insn, depth);
                case ARITH -> emitArithmetic(insn, depth);
                case AT -> {
                    mv.visitVarInsn(ALOAD, vmLocal);
                    load(depth - 2);
                    load(depth - 1);
                    mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitAt", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
                    answerOrSlowPath(insn, depth);
                }
                case AT_PUT -> {
                    Label slow = new Label();
                    mv.visitVarInsn(ALOAD, vmLocal);
                    load(depth - 3);
                    load(depth - 2);
                    load(depth - 1);
                    mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitAtPut", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Z", false);
                    mv.visitJumpInsn(IFEQ, slow);
                    load(depth - 1);
                    store(depth - 3);
                    stub(() -> {
                        mv.visitLabel(slow);
                        slowPath(insn, depth);
                    });
                }
                case IDENTICAL -> {
                    Label yes = new Label();
                    Label done = new Label();
                    load(depth - 2);
                    load(depth - 1);
                    mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(ObjectMemory.class), "identical",
                            "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
                    mv.visitJumpInsn(IFNE, yes);
                    mv.visitVarInsn(ALOAD, falseLocal);
                    mv.visitJumpInsn(GOTO, done);
                    mv.visitLabel(yes);
                    mv.visitVarInsn(ALOAD, trueLocal);
                    mv.visitLabel(done);
                    store(depth - 2);
                }
                case SEND, SPECIAL_SEND -> emitSend(insn, depth);
                case SLOW -> slowPath(insn, depth);
                default -> throw new IllegalStateException(insn.toString());
            }
        }

        private void emitReturn(Insn insn, int depth) {
            if (direct) {
                mv.visitVarInsn(ALOAD, vmLocal);
                mv.visitVarInsn(ILOAD, cdLocal);
                mv.visitFieldInsn(PUTFIELD, IN, "countdown", "I");
                switch (insn.index()) {
                    case 120 -> mv.visitVarInsn(ALOAD, rcvrLocal);
                    case 121 -> mv.visitVarInsn(ALOAD, trueLocal);
                    case 122 -> mv.visitVarInsn(ALOAD, falseLocal);
                    case 123 -> mv.visitVarInsn(ALOAD, nilLocal);
                    default -> load(depth - 1);
                }
                mv.visitInsn(ARETURN);
                return;
            }
            mv.visitVarInsn(ALOAD, vmLocal);
            switch (insn.index()) {
                case 120 -> mv.visitVarInsn(ALOAD, rcvrLocal);
                case 121 -> mv.visitVarInsn(ALOAD, trueLocal);
                case 122 -> mv.visitVarInsn(ALOAD, falseLocal);
                case 123 -> mv.visitVarInsn(ALOAD, nilLocal);
                default -> load(depth - 1);
            }
            push(insn.next());
            push(plan.base[insn.pc()] + depth - 1);
            mv.visitVarInsn(ILOAD, cdLocal);
            mv.visitMethodInsn(INVOKEVIRTUAL, IN, insn.index() == 125 ? "jitBlockReturn" : "jitReturn",
                    "(Ljava/lang/Object;III)V", false);
            push(JitCode.RETURNED);
            mv.visitInsn(IRETURN);
        }

        private void emitConditional(Insn insn, int depth) {
            int jumpOn = insn.kind() == Kind.JUMP_TRUE ? trueLocal : falseLocal;
            int other = insn.kind() == Kind.JUMP_TRUE ? falseLocal : trueLocal;
            Label notBoolean = new Label();
            load(depth - 1);
            mv.visitVarInsn(ALOAD, jumpOn);
            mv.visitJumpInsn(IF_ACMPEQ, segment[insn.target()]);
            load(depth - 1);
            mv.visitVarInsn(ALOAD, other);
            mv.visitJumpInsn(IF_ACMPEQ, segment[insn.next()]);
            mv.visitJumpInsn(GOTO, notBoolean);
            // neither true nor false: the interpreter sends #mustBeBoolean (this bytecode, counted, did not run)
            if (direct) {
                stub(() -> {
                    mv.visitLabel(notBoolean);
                    deoptHere(insn.pc(), depth, true, true);
                });
                return;
            }
            stub(() -> {
                mv.visitLabel(notBoolean);
                mv.visitIincInsn(cdLocal, 1);
                spill(depth, plan.base[insn.pc()]);
                setRegisters(insn.pc(), depth, plan.base[insn.pc()]);
                leave();
            });
        }

        private void emitArithmetic(Insn insn, int depth) {
            String binary = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
            String comparison = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
            String helper = switch (insn.index()) {
                case 176 -> "add";
                case 177 -> "subtract";
                case 184 -> "multiply";
                case 178 -> "less";
                case 179 -> "greater";
                case 180 -> "lessOrEqual";
                case 181 -> "greaterOrEqual";
                case 182 -> "equal";
                case 183 -> "notEqual";
                default -> null;
            };
            if (helper == null) {
                mv.visitVarInsn(ALOAD, vmLocal);
                push(Interpreter.smallIntegerPrimitive(insn.index()));
                load(depth - 2);
                load(depth - 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitArithmetic", "(I" + binary.substring(1), false);
            } else {
                load(depth - 2);
                load(depth - 1);
                boolean compares = insn.index() >= 178 && insn.index() <= 183;
                if (compares) {
                    mv.visitVarInsn(ALOAD, trueLocal);
                    mv.visitVarInsn(ALOAD, falseLocal);
                }
                mv.visitMethodInsn(INVOKESTATIC, CODE, helper, compares ? comparison : binary, false);
            }
            answerOrSlowPath(insn, depth);
        }

        /** With a helper's answer on the JVM stack: null sends the interpreter down the slow path, else it replaces the two operands. */
        private void answerOrSlowPath(Insn insn, int depth) {
            Label slow = new Label();
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, scratchLocal);
            mv.visitJumpInsn(IFNULL, slow);
            mv.visitVarInsn(ALOAD, scratchLocal);
            store(depth - 2);
            stub(() -> {
                mv.visitLabel(slow);
                slowPath(insn, depth);
            });
        }

        /** A send: the stack written back, then Interpreter.jitSend; goes on after it or leaves. */
        private void emitSend(Insn insn, int depth) {
            if (direct) {
                emitDirectSend(insn, depth);
                return;
            }
            int after = depth - insn.popped() + insn.pushed();
            int base = plan.base[insn.pc()];
            handOver(depth, base);
            if (insn.kind() == Kind.SEND) {
                literal(insn.index());
                mv.visitTypeInsn(CHECKCAST, Type.getInternalName(GuestObject.class));
            } else {
                mv.visitVarInsn(ALOAD, vmLocal);
                push(insn.index());
                mv.visitMethodInsn(INVOKEVIRTUAL, IN, "specialSelector", "(I)" + GUEST, false);
            }
            push(insn.index2());
            push(insn.next());
            push(base + depth - 1);
            push(base + after - 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitSend", "(" + GUEST + GUEST + "IIII)Z", false);
            resumeOrLeave(insn, after, base);
        }

        /** Has the interpreter execute {@code insn}, then goes on at its successor or leaves. */
        private void slowPath(Insn insn, int depth) {
            if (direct) {
                // an arithmetic or indexing bytecode its helper could not do: the interpreter does it
                deoptHere(insn.pc(), depth, true, true);
                return;
            }
            int after = depth - insn.popped() + insn.pushed();
            int base = plan.base[insn.pc()];
            handOver(depth, base);
            push(insn.pc());
            push(base + depth - 1);
            push(insn.successor());
            push(base + after - 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, IN, "jitStep", "(" + GUEST + "IIII)Z", false);
            resumeOrLeave(insn, after, base);
        }

        /** Writes the stack and the countdown back for the interpreter; leaves it and this context on the JVM stack. */
        private void handOver(int depth, int base) {
            spill(depth, base);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ILOAD, cdLocal);
            mv.visitFieldInsn(PUTFIELD, IN, "countdown", "I");
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ALOAD, meLocal);
        }

        /** With the interpreter's answer on the JVM stack: leaves, or takes the stack back and goes on after {@code insn}. */
        private void resumeOrLeave(Insn insn, int after, int base) {
            Label goOn = new Label();
            mv.visitJumpInsn(IFNE, goOn);
            leave();
            mv.visitLabel(goOn);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "countdown", "I");
            mv.visitVarInsn(ISTORE, cdLocal);
            reload(after, base);
            mv.visitJumpInsn(GOTO, segment[insn.successor()]);
        }

        /**
         * A send in the direct entry: the callee's direct entry through the site's inline cache,
         * its answer in place of receiver and arguments; the send done again by the interpreter
         * when there is none or the host stack is deep; the Deopt caught here makes this
         * activation a context.
         */
        private void emitDirectSend(Insn insn, int depth) {
            int argCount = insn.index2();
            int rcvrIndex = depth - argCount - 1;
            int site = sites.size();
            sites.add(new JitCode.SendSite(argCount));
            Label deep = new Label();
            Label none = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            mv.visitVarInsn(ILOAD, depthLocal);
            push(Interpreter.MAX_DIRECT_DEPTH);
            mv.visitJumpInsn(IF_ICMPGE, deep);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, CODE, "sites", "[" + SITE);
            push(site);
            mv.visitInsn(AALOAD);
            if (insn.kind() == Kind.SEND) {
                literal(insn.index());
                mv.visitTypeInsn(CHECKCAST, Type.getInternalName(GuestObject.class));
            } else {
                mv.visitVarInsn(ALOAD, vmLocal);
                push(insn.index());
                mv.visitMethodInsn(INVOKEVIRTUAL, IN, "specialSelector", "(I)" + GUEST, false);
            }
            load(rcvrIndex);
            mv.visitMethodInsn(INVOKEVIRTUAL, IN, "directTarget", "(" + SITE + GUEST + "Ljava/lang/Object;)L" + CODE + ";", false);
            mv.visitInsn(DUP);
            mv.visitJumpInsn(IFNULL, none);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ILOAD, cdLocal);
            mv.visitFieldInsn(PUTFIELD, IN, "countdown", "I");
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, DEOPT);
            mv.visitLabel(tryStart);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ILOAD, depthLocal);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IADD);
            for (int i = 0; i <= JitCode.DIRECT_ARGS; i++) {
                if (i <= argCount) {
                    load(rcvrIndex + i);
                } else {
                    mv.visitInsn(ACONST_NULL);
                }
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, CODE, "direct", JitCode.DIRECT_DESCRIPTOR, false);
            mv.visitLabel(tryEnd);
            store(rcvrIndex);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "countdown", "I");
            mv.visitVarInsn(ISTORE, cdLocal);
            mv.visitJumpInsn(GOTO, segment[insn.next()]);
            stub(() -> {
                mv.visitLabel(none);
                mv.visitInsn(POP);
                deoptHere(insn.pc(), depth, true, true);
                mv.visitLabel(deep);
                deoptHere(insn.pc(), depth, true, false);
                mv.visitLabel(handler);
                mv.visitInsn(POP);
                setInt(atLocal, insn.pc());
                setInt(depthAtLocal, depth);
                setInt(argLocal, insn.next());
                setInt(countedLocal, argCount);
                mv.visitJumpInsn(GOTO, sendDeoptPath);
            });
        }

        /**
         * Makes this direct activation a context standing at the bytecode at {@code pc} (done
         * again by the interpreter when {@code again}: its count given back) and throws the Deopt.
         */
        private void deoptHere(int pc, int depth, boolean again, boolean counted) {
            setInt(atLocal, pc);
            setInt(depthAtLocal, depth);
            mv.visitVarInsn(ILOAD, cdLocal);
            if (again) {
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IADD);
            }
            mv.visitVarInsn(ISTORE, argLocal);
            setInt(countedLocal, counted ? 1 : 0);
            mv.visitJumpInsn(GOTO, deoptPath);
        }

        /**
         * The two paths every deopt of the direct entry goes: its temps and whole stack copied
         * (Interpreter.deoptFrame and deoptAtSend take as many as the depth says), the Deopt thrown.
         */
        private void deoptPaths() {
            deoptPath(deoptPath, "deoptFrame", "Z");
            deoptPath(sendDeoptPath, "deoptAtSend", "I");
        }

        /** At {@code at}: {@code helper} of the Interpreter called with what the deopt needs, its Deopt thrown. */
        private void deoptPath(Label at, String helper, String lastParameter) {
            mv.visitLabel(at);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, rcvrLocal);
            values();
            mv.visitVarInsn(ILOAD, depthAtLocal);
            mv.visitVarInsn(ILOAD, atLocal);
            mv.visitVarInsn(ILOAD, argLocal);
            mv.visitVarInsn(ILOAD, countedLocal);
            mv.visitMethodInsn(INVOKEVIRTUAL, IN, helper,
                    "(L" + CODE + ";Ljava/lang/Object;[Ljava/lang/Object;III" + lastParameter + ")L" + DEOPT + ";", false);
            mv.visitInsn(ATHROW);
        }

        private void setInt(int local, int value) {
            push(value);
            mv.visitVarInsn(ISTORE, local);
        }

        /** A new Object[] of the direct activation's temps and every stack slot (live or not), on the JVM stack. */
        private void values() {
            int n = numTemps + plan.maxDepth;
            push(n);
            mv.visitTypeInsn(ANEWARRAY, OBJ);
            for (int i = 0; i < n; i++) {
                mv.visitInsn(DUP);
                push(i);
                mv.visitVarInsn(ALOAD, i < numTemps ? temp0Local + i : stack0Local + i - numTemps);
                mv.visitInsn(AASTORE);
            }
        }

        // ---- pieces ----

        private void leave() {
            push(JitCode.LEFT);
            mv.visitInsn(IRETURN);
        }

        /** The interpreter's pc and sp for a stop before the bytecode at {@code pc}; the countdown from cdLocal. */
        private void setRegisters(int pc, int depth, int base) {
            mv.visitVarInsn(ALOAD, vmLocal);
            push(pc);
            mv.visitFieldInsn(PUTFIELD, IN, "pc", "I");
            mv.visitVarInsn(ALOAD, vmLocal);
            push(base + depth - 1);
            mv.visitFieldInsn(PUTFIELD, IN, "sp", "I");
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitVarInsn(ILOAD, cdLocal);
            mv.visitFieldInsn(PUTFIELD, IN, "countdown", "I");
        }

        /** Writes the guest stack (JVM locals) into the context. */
        private void spill(int depth, int base) {
            for (int i = 0; i < depth; i++) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(base + i);
                load(i);
                mv.visitInsn(AASTORE);
            }
        }

        /** Reads the guest stack from the context (after the interpreter had it). */
        private void reload(int depth, int base) {
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "frame", "[Ljava/lang/Object;");
            mv.visitVarInsn(ASTORE, frameLocal);
            mv.visitVarInsn(ALOAD, vmLocal);
            mv.visitFieldInsn(GETFIELD, IN, "temps", "[Ljava/lang/Object;");
            mv.visitVarInsn(ASTORE, tempsLocal);
            for (int i = 0; i < depth; i++) {
                frameSlot(base + i);
                store(i);
            }
        }

        /** Pushes temp {@code index} on the JVM stack: a slot of the temps' context, or a closure's own temp held in the stack. */
        private void loadTemp(Insn insn, int index) {
            int slot = Interpreter.TEMP0 + index;
            if (direct) {
                mv.visitVarInsn(ALOAD, temp0Local + index);
            } else if (slot < plan.tempLimit[insn.pc()]) {
                mv.visitVarInsn(ALOAD, tempsLocal);
                push(slot);
                mv.visitInsn(AALOAD);
            } else {
                load(slot - plan.base[insn.pc()]);
            }
        }

        private void frameSlot(int index) {
            mv.visitVarInsn(ALOAD, frameLocal);
            push(index);
            mv.visitInsn(AALOAD);
        }

        private void literal(int index) {
            mv.visitVarInsn(ALOAD, litsLocal);
            push(1 + index);
            mv.visitInsn(AALOAD);
        }

        private void load(int stackIndex) {
            mv.visitVarInsn(ALOAD, stack0Local + stackIndex);
        }

        private void store(int stackIndex) {
            mv.visitVarInsn(ASTORE, stack0Local + stackIndex);
        }

        private void push(int value) {
            if (value >= -1 && value <= 5) {
                mv.visitInsn(ICONST_0 + value);
            } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, value);
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, value);
            } else {
                mv.visitLdcInsn(value);
            }
        }
    }
}
