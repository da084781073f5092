package org.ozworkbench.core.compiler;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Assignment;
import org.ozworkbench.core.compiler.ast.Expression.Block;
import org.ozworkbench.core.compiler.ast.Expression.Brace;
import org.ozworkbench.core.compiler.ast.Expression.Cascade;
import org.ozworkbench.core.compiler.ast.Expression.Message;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Pragma;
import org.ozworkbench.core.compiler.ast.Statement;

/**
 * Compiles a parsed method to Squeak V3 bytecodes.
 *
 * <p>Without closures (format 6502) it does what the guest's own compiler (Squeak 2.x/3.x
 * {@code Compiler}) does, byte for byte where we can:
 *
 * <ul>
 * <li>blocks are BlockContexts ({@code thisContext}, argument count, {@code blockCopy:}, a
 * two-byte jump over the body); their arguments and temporaries are temporaries of the method,
 * numbered in the order the parser meets them;</li>
 * <li>the guest inlines ifTrue:/ifFalse: and their combinations, and:, or:, whileTrue(:),
 * whileFalse(:), to:do: and to:by:do: when the arguments are literal blocks;</li>
 * <li>literal indices are given in the order of the guest's sizing pass, which is not the order
 * of the code: a send reserves its selector before its receiver and arguments, an
 * ifTrue:ifFalse: its else branch before its then branch before its receiver, a loop its body
 * before its condition.</li>
 * </ul>
 *
 * <p>With closures (formats 6504/6505, e.g. Pharo Candle, which has no compiler of its own to
 * compare with) blocks are BlockClosures ({@code pushClosure}); each block has its own context
 * holding its arguments, copies of the outer temporaries it reads and its own temporaries; an
 * outer temporary that a block captures and that is assigned anywhere lives in a temp vector
 * (an Array made at the start of its scope) so every activation shares it.
 */
final class CodeGenerator {
    private static final int SEND_SPECIAL = 176;
    private static final int PUSH_THIS_CONTEXT = 137;
    private static final int PUSH_CLOSURE = 143;
    private static final int POP = 135;
    private static final int DUP = 136;
    private static final int RETURN_SELF = 120;
    private static final int RETURN_TOP = 124;
    private static final int BLOCK_RETURN = 125;
    private static final int SHORT_JUMP = 143;
    private static final int SHORT_JUMP_IF_FALSE = 151;
    private static final int LONG_JUMP = 164;
    private static final int LONG_JUMP_IF_TRUE = 168;
    private static final int LONG_JUMP_IF_FALSE = 172;
    private static final int SHORT_JUMP_LIMIT = 8;
    private static final int PRIMITIVE_NAMED = 117;
    private static final String PRIMITIVE_ERROR = "primitive:error:";
    private static final String LIMIT_SUFFIX = "LimiT";
    private static final int MAX_BRACE_WITH = 4;

    private final ClassScope scope;
    private final String source;
    private final Flavor flavor;
    private final boolean closures;
    private final LiteralFrame frame = new LiteralFrame();
    private final List<String> specialSelectors;
    /** The selectors inlined, in the order the guest's sizing pass meets them (Candle keeps them as literals). */
    private final Set<String> inlinedSelectors = new LinkedHashSet<>();
    /** How each variable reference is bound, found in the temporaries pass. */
    private final Map<Variable, Binding> bindings = new IdentityHashMap<>();
    /** The temporaries of each block's arguments, recorded in the temporaries pass. */
    private final Map<Block, List<Temp>> blockArgTemps = new IdentityHashMap<>();
    /** The context of each real (not inlined) block, with closures. */
    private final Map<Block, Frame> blockFrames = new IdentityHashMap<>();
    /** The literal index of each super send's own selector. */
    private final Map<Send, Integer> superSelectors = new IdentityHashMap<>();
    /** The hidden limit temporary of each to:do: whose limit is an expression. */
    private final Map<Send, Temp> limitTemps = new IdentityHashMap<>();
    /** Every reference to a temporary from a context other than its own (closures). */
    private final List<Capture> captures = new ArrayList<>();
    private Frame methodFrame;
    /** The temporary of {@code <primitive: n error: name>}, or null. */
    private Temp primitiveErrorTemp;
    /** The temporaries of inlined blocks hoisted so far (closures). */
    private int hoistedCount;
    /** The context the code being generated runs in. */
    private Frame current;
    private boolean superSent;
    /** What the source cannot say: the literal order, a Float's bits (a kernel spec's hint), or nothing. */
    private final MethodHint hint;
    private int depth;
    private int maxDepth;

    /** Which guest compiler to match. */
    enum Flavor {
        /**
         * Squeak 2.2: no ifNil: inlining; the statement before a block's final return is compiled
         * for value when it "prefers" it; frame sizes are tested with >=.
         */
        SQUEAK2,
        /** Squeak 2.8/3.x (Scratch). */
        SQUEAK3,
        /** A closure image (6504/6505): Squeak 3 rules with BlockClosures. */
        CLOSURES
    }

    private CodeGenerator(ClassScope scope, String source, Flavor flavor, MethodHint hint) {
        this.scope = scope;
        this.source = source;
        this.flavor = flavor;
        this.hint = hint;
        this.closures = flavor == Flavor.CLOSURES;
        this.specialSelectors = scope.specialSelectors();
    }

    static CompiledMethodSpec generate(ClassScope scope, MethodNode method, boolean doIt, Flavor flavor, MethodHint hint) {
        try {
            CompiledMethodSpec spec = new CodeGenerator(scope, method.source(), flavor, hint).compile(method, doIt);
            return hint.floats().isEmpty() ? spec : new CompiledMethodSpec(spec.selector(), spec.header(),
                    hint.withFloats(spec.literals(), method.source()), spec.bytecodes(), spec.source());
        } catch (MethodTooLargeException e) {
            throw CompileError.at(method.source(), method.start(), e.getMessage());
        }
    }

    // ---- bindings ----

    /** How a variable reference is compiled. */
    private sealed interface Binding {
    }

    /** A temporary (argument, declared temporary, inlined-block variable or hidden limit). */
    private static final class Temp implements Binding {
        final String name;
        final Frame owner;
        final boolean assignable;
        /** Slot in its owner's context; -1 while unassigned or when the temporary lives in a vector. */
        int index = -1;
        boolean captured;
        boolean written;
        /** With closures: the assignments to it, where and in which loops of its own context. */
        final List<Write> writes = new ArrayList<>();
        /** Slot in its owner's temp vector, or -1. */
        int vectorSlot = -1;
        /** With closures, the order an inlined block's temporary joined its context in; -1 for the context's own. */
        int hoisted = -1;
        /** Declared by a block (pre-closure: such a name may be declared again, sharing the slot). */
        boolean blockDeclared;

        Temp(String name, Frame owner, boolean assignable) {
            this.name = name;
            this.owner = owner;
            this.assignable = assignable;
        }

        boolean remote() {
            return vectorSlot >= 0;
        }
    }

    /** A context: the method's, or (with closures) a real block's. */
    private static final class Frame {
        final Frame parent;
        final int numArgs;
        /** The source offset of a block's context's block; -1 for the method's. */
        int start = -1;
        /** Arguments first, then the other temporaries, in the order the parser meets them. */
        final List<Temp> temps = new ArrayList<>();
        /** With closures: outer temporaries (or temp vectors) this block's context holds copies of. */
        final List<Temp> copied = new ArrayList<>();
        /** With closures: the temporary holding this context's temp vector, if it needs one. */
        Temp vector;
        int slots;

        Frame(Frame parent, int numArgs) {
            this.parent = parent;
            this.numArgs = numArgs;
        }

        List<Temp> remotes() {
            return temps.stream().filter(Temp::remote).toList();
        }
    }

    /**
     * An assignment to a temporary (closures): its source offset, the context it runs in, and the
     * source extents ({start, end}) of the inlined loops around it in that context.
     */
    private record Write(int at, Frame in, List<int[]> loops) {
    }

    /** An inlined loop being bound: its source extent and the context it runs in. */
    private record Loop(int start, int end, Frame in) {
    }

    /** A reference to {@code temp} from code running in {@code from}. */
    private record Capture(Temp temp, Frame from) {
    }

    private record InstVar(int index) implements Binding {
    }

    private record LiteralVariable(Literal.Binding literal) implements Binding {
    }

    private enum Pseudo implements Binding { SELF, SUPER, NIL, TRUE, FALSE, THIS_CONTEXT }

    private static final Map<String, Pseudo> PSEUDO = Map.of("self", Pseudo.SELF, "super", Pseudo.SUPER,
            "nil", Pseudo.NIL, "true", Pseudo.TRUE, "false", Pseudo.FALSE, "thisContext", Pseudo.THIS_CONTEXT);

    private CompiledMethodSpec compile(MethodNode method, boolean doIt) {
        bindTemporaries(method);
        layOutFrames();
        List<Statement> body = effectiveBody(method, doIt);
        int primitive = primitiveOf(method);
        if (primitive == 0 && !doIt && body.size() == 1 && method.arguments().isEmpty()) {
            Integer quick = quickPrimitive(body.get(0));
            if (quick != null) {
                appendSelectorAndClass(method);
                hint.order(frame, source);
                MethodHeader header = MethodHeader.of(method.arguments().size(), methodFrame.slots, frame.size(), quick,
                        false);
                return new CompiledMethodSpec(method.selector(), header, frame.literals(), new byte[0], source);
            }
        }
        reserveStatements(body, false);
        if (scope.selectorAndClassLiterals()) {
            appendSelectorAndClass(method);
        } else if (superSent) {
            frame.append(scope.methodClassLiteral());
        }
        hint.order(frame, source);
        current = methodFrame;
        depth = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (primitiveErrorTemp != null) {
            // The VM stores a failing primitive's error code with the method's first bytecode.
            write(out, asm().storeIntoTemporary(primitiveErrorTemp.index).build());
        }
        write(out, vectorPrologue(methodFrame, true));
        for (int i = 0; i < body.size(); i++) {
            Statement s = body.get(i);
            write(out, s instanceof Statement.Return r ? ret(r.expression())
                    : forValueBeforeReturn(body, i) ? value(s.expression()) : effect(s.expression()));
        }
        byte[] code = out.toByteArray();
        int numTemps = methodFrame.slots;
        int need = Math.max(numTemps + maxDepth, maxBlockNeed);
        // Squeak 2.2's needsFrameSize: tests with >=, later compilers with >.
        int slack = flavor == Flavor.SQUEAK2 ? 1 : 0;
        boolean large = need + slack > scope.smallFrame() || scope.largeFramePrimitives().contains(primitive);
        if (need + slack > scope.largeFrame()) {
            throw CompileError.at(source, method.start(), "stack including temps is too deep: " + need
                    + " slots exceed the large frame of " + scope.largeFrame());
        }
        MethodHeader header;
        try {
            header = MethodHeader.of(method.arguments().size(), numTemps, frame.size(), primitive, large);
        } catch (IllegalArgumentException e) {
            throw CompileError.at(source, method.start(), e.getMessage());
        }
        return new CompiledMethodSpec(method.selector(), header, frame.literals(), code, source);
    }

    /**
     * Where the dialect's compiler ends every method with them (Candle): the inlined selectors not
     * otherwise literals (in the order of the compiler's Set of them), the method's selector and its
     * class binding.
     */
    private void appendSelectorAndClass(MethodNode method) {
        if (!scope.selectorAndClassLiterals()) {
            return;
        }
        List<String> inlined = GuestSetOrder.of(new ArrayList<>(inlinedSelectors), scope.inlinedSelectorHashes(),
                selector -> !frame.contains(new Literal.Selector(selector))
                        && !frame.contains(new Literal.Constant(new LiteralValue.SymbolValue(selector))));
        for (String selector : inlined) {
            frame.appendUnshared(new Literal.Selector(selector));
        }
        frame.appendUnshared(new Literal.Selector(method.selector()));
        frame.append(scope.methodClassLiteral());
    }

    private static final int QUICK_RETURN_SELF = 256;
    private static final int QUICK_RETURN_INST_VAR = 264;
    private static final int MAX_QUICK_INST_VAR = 255;

    /**
     * The quick primitive of a method that only answers self, true, false, nil, -1, 0, 1, 2 or an
     * instance variable, and takes no arguments: the guest compiler gives it no bytecodes at all.
     */
    private Integer quickPrimitive(Statement only) {
        if (!(only instanceof Statement.Return r)) {
            return null;
        }
        Expression e = r.expression();
        if (e instanceof Variable v) {
            Binding b = bindingOf(v);
            if (b instanceof InstVar iv && iv.index() <= MAX_QUICK_INST_VAR) {
                return QUICK_RETURN_INST_VAR + iv.index();
            }
            if (b instanceof Pseudo p) {
                return switch (p) {
                    case SELF -> QUICK_RETURN_SELF;
                    case TRUE -> QUICK_RETURN_SELF + 1;
                    case FALSE -> QUICK_RETURN_SELF + 2;
                    case NIL -> QUICK_RETURN_SELF + 3;
                    default -> null;
                };
            }
            return null;
        }
        if (e instanceof Expression.Literal l) {
            Integer n = specialConstant(l.value());
            return n == null ? null : QUICK_RETURN_SELF + 5 + n;
        }
        return null;
    }

    /** The statements to compile: an implicit {@code ^self} ends a method, a doIt answers its last value. */
    private List<Statement> effectiveBody(MethodNode method, boolean doIt) {
        List<Statement> body = new ArrayList<>(method.body());
        boolean returns = !body.isEmpty() && (body.get(body.size() - 1) instanceof Statement.Return
                || closures && !doIt && isReturningIf(body.get(body.size() - 1).expression()));
        if (!returns) {
            if (doIt && !body.isEmpty()) {
                Statement last = body.remove(body.size() - 1);
                body.add(new Statement.Return(last.expression(), last.start(), last.end()));
            } else {
                body.add(new Statement.Return(new Variable("self", method.end(), method.end()), method.end(),
                        method.end()));
            }
        }
        return body;
    }

    private int primitiveOf(MethodNode method) {
        for (Pragma p : method.pragmas()) {
            if ((p.keyword().equals("primitive:") && p.arguments().size() == 1 || p.keyword().equals(PRIMITIVE_ERROR))
                    && p.arguments().get(0) instanceof LiteralValue.IntegerValue n) {
                return n.value().intValueExact();
            }
            if (p.keyword().startsWith("primitive:")) {
                List<LiteralValue> description = new ArrayList<>();
                LiteralValue name = asSymbol(p.arguments().get(0));
                LiteralValue module = p.arguments().size() > 1 ? asSymbol(p.arguments().get(1))
                        : new LiteralValue.ConstantValue("nil");
                description.add(module);
                description.add(name);
                description.add(new LiteralValue.IntegerValue(BigInteger.ZERO));
                description.add(new LiteralValue.IntegerValue(BigInteger.ZERO));
                frame.reserve(new Literal.Constant(new LiteralValue.ArrayValue(description)));
                return PRIMITIVE_NAMED;
            }
        }
        return 0;
    }

    /** The guest compiler keeps a named primitive's module and function names as Symbols. */
    private static LiteralValue asSymbol(LiteralValue v) {
        return v instanceof LiteralValue.StringValue str ? new LiteralValue.SymbolValue(str.value()) : v;
    }

    // ---- pass 1: temporaries and variable bindings, in parse order ----

    private final Deque<Map<String, Binding>> scopes = new ArrayDeque<>();
    /** The frame the parser is in: with closures, the innermost real block; else the method. */
    private Frame parsing;
    /** The inlined loops around the code being bound, innermost first. */
    private final Deque<Loop> loops = new ArrayDeque<>();

    private void bindTemporaries(MethodNode method) {
        methodFrame = new Frame(null, method.arguments().size());
        parsing = methodFrame;
        scopes.push(new HashMap<>());
        for (String a : method.arguments()) {
            declare(a, false, method.start());
        }
        primitiveErrorTemp = primitiveErrorName(method).map(name -> declare(name, true, method.start())).orElse(null);
        for (String t : method.temporaries()) {
            declare(t, true, method.start());
        }
        for (Statement s : method.body()) {
            bindIn(s.expression());
        }
        scopes.pop();
    }

    /** The temporary {@code <primitive: 118 error: ec>} names, which gets the primitive's error code. */
    private static Optional<String> primitiveErrorName(MethodNode method) {
        return method.pragmas().stream().filter(p -> p.keyword().equals(PRIMITIVE_ERROR) && p.arguments().size() == 2
                        && p.arguments().get(1) instanceof LiteralValue.SymbolValue)
                .map(p -> ((LiteralValue.SymbolValue) p.arguments().get(1)).value()).findFirst();
    }

    private Temp declare(String name, boolean assignable, int at) {
        Map<String, Binding> innermost = scopes.peek();
        if (innermost.containsKey(name)) {
            throw CompileError.at(source, at, "Name is already defined: " + name);
        }
        Temp t = newTemp(name, assignable);
        innermost.put(name, t);
        return t;
    }

    /**
     * A block's argument or temporary. Without closures the guest's parser keeps one table of
     * names for the whole method: a block's names stay bound after the block, and a later block
     * declaring the same name gets the same temporary.
     */
    private Temp declareInBlock(String name, boolean assignable, int at) {
        if (!closures) {
            Binding existing = scopes.getLast().get(name);
            if (existing instanceof Temp t && t.blockDeclared) {
                return t;
            }
            if (existing != null) {
                throw CompileError.at(source, at, "Name is already defined: " + name);
            }
            Temp t = newTemp(name, assignable);
            t.blockDeclared = true;
            scopes.getLast().put(name, t);
            return t;
        }
        return declare(name, assignable, at);
    }

    private Temp newTemp(String name, boolean assignable) {
        Frame owner = closures ? parsing : methodFrame;
        Temp t = new Temp(name, owner, assignable);
        owner.temps.add(t);
        return t;
    }

    private void bindIn(Expression e) {
        if (e instanceof Variable v) {
            Binding b = resolve(v);
            noteReference(b);
            bindings.put(v, b);
        } else if (e instanceof Assignment a) {
            bindIn(a.value());
            Binding target = resolve(a.variable());
            if (target instanceof Temp t && !t.assignable || target instanceof Pseudo) {
                throw CompileError.at(source, a.variable().start(), "Cannot store into " + a.variable().name());
            }
            if (target instanceof Temp t) {
                t.written = true;
                List<int[]> around = loops.stream().filter(l -> l.in() == parsing)
                        .map(l -> new int[] {l.start(), l.end()}).toList();
                t.writes.add(new Write(a.start(), parsing, around));
            }
            noteReference(target);
            bindings.put(a.variable(), target);
        } else if (e instanceof Send s) {
            Macro m = macroOf(s);
            boolean macro = m != Macro.NONE;
            boolean loop = isWhile(m) || m == Macro.TO_DO || m == Macro.TO_BY_DO;
            if (loop) {
                loops.push(new Loop(s.start(), s.end(), parsing));
            }
            bindIn(s.receiver(), macro);
            List<Expression> args = new ArrayList<>(s.arguments());
            if (closures && m == Macro.IF_NOT_NIL_IF_NIL) {
                // The closure compiler turns ifNotNil:ifNil: into an ifNil:ifNotNil: first.
                Collections.reverse(args);
            }
            for (Expression arg : args) {
                bindIn(arg, macro);
            }
            if (loop) {
                loops.pop();
            }
            if (toDoShape(s)) {
                Block body = (Block) s.arguments().get(s.arguments().size() - 1);
                blockArgTemps.get(body).get(0).written = true;
                if (!isSimpleLimit(s.arguments().get(0))) {
                    String name = body.arguments().get(0) + LIMIT_SUFFIX;
                    limitTemps.put(s, closures ? hoist(newTemp(name, true)) : declareInBlock(name, true, s.start()));
                }
            }
        } else if (e instanceof Cascade c) {
            bindIn(c.receiver());
            for (Message m : c.messages()) {
                m.arguments().forEach(this::bindIn);
            }
        } else if (e instanceof Block b) {
            bindBlock(b, false);
        } else if (e instanceof Brace br) {
            br.elements().forEach(this::bindIn);
        }
    }

    /** An argument or receiver of a send: a literal block of an inlined send shares its context. */
    private void bindIn(Expression e, boolean inlinedIfBlock) {
        if (inlinedIfBlock && e instanceof Block b) {
            bindBlock(b, true);
        } else {
            bindIn(e);
        }
    }

    private void bindBlock(Block b, boolean inlined) {
        Frame outer = parsing;
        if (closures && !inlined) {
            parsing = new Frame(outer, b.arguments().size());
            parsing.start = b.start();
            blockFrames.put(b, parsing);
        }
        scopes.push(new HashMap<>());
        List<Temp> args = new ArrayList<>();
        for (String a : b.arguments()) {
            args.add(declareInBlock(a, !closures, b.start()));
        }
        blockArgTemps.put(b, args);
        List<Temp> declared = new ArrayList<>(args);
        for (String t : b.temporaries()) {
            declared.add(declareInBlock(t, true, b.start()));
        }
        for (Statement st : b.body()) {
            bindIn(st.expression());
        }
        if (closures && inlined) {
            declared.forEach(this::hoist);
        }
        scopes.pop();
        parsing = outer;
    }

    /**
     * With closures, the temporaries of an inlined block join their context's once the block is
     * bound, so an inner block's come before an outer one's.
     */
    private Temp hoist(Temp t) {
        t.hoisted = hoistedCount++;
        return t;
    }

    private void noteReference(Binding b) {
        if (closures && b instanceof Temp t && t.owner != parsing) {
            t.captured = true;
            captures.add(new Capture(t, parsing));
        }
    }

    /**
     * Gives every temporary its slot. Without closures: the declaration order in the one context.
     * With closures: captured and assigned temporaries go to their context's temp vector, and each
     * block gets copies of the outer temporaries (or vectors) its code reaches.
     */
    private void layOutFrames() {
        if (!closures) {
            for (Temp t : methodFrame.temps) {
                t.index = methodFrame.slots++;
            }
            return;
        }
        List<Frame> frames = new ArrayList<>();
        frames.add(methodFrame);
        frames.addAll(blockFrames.values());
        for (Frame f : frames) {
            f.temps.subList(f.numArgs, f.temps.size()).sort(Comparator.comparingInt(t -> t.hoisted));
        }
        for (Frame f : frames) {
            int slot = 0;
            for (Temp t : f.temps) {
                if (t.captured && needsVector(t)) {
                    t.vectorSlot = slot++;
                }
            }
            if (slot > 0) {
                f.vector = new Temp("<temp vector>", f, false);
            }
        }
        for (Capture c : captures) {
            Temp reached = c.temp().remote() ? c.temp().owner.vector : c.temp();
            for (Frame f = c.from(); f != null && f != c.temp().owner; f = f.parent) {
                if (!f.copied.contains(reached)) {
                    f.copied.add(reached);
                }
            }
        }
        for (Frame f : frames) {
            int slot = 0;
            for (Temp t : f.temps.subList(0, f.numArgs)) {
                t.index = slot++;
            }
            slot += f.copied.size();
            for (Temp t : f.temps.subList(f.numArgs, f.temps.size())) {
                if (!t.remote()) {
                    t.index = slot++;
                }
            }
            if (f.vector != null) {
                f.vector.index = slot++;
            }
            f.slots = slot;
        }
        // The closure compiler sorts a block's copied values by their slots in their own contexts.
        for (Frame f : frames) {
            f.copied.sort(Comparator.comparingInt((Temp t) -> t.index).thenComparingInt(t -> depthOf(t.owner)));
        }
    }

    private static int depthOf(Frame f) {
        int depth = 0;
        for (Frame p = f.parent; p != null; p = p.parent) {
            depth++;
        }
        return depth;
    }

    /**
     * The closure compiler's rule for a captured temporary: it lives in a temp vector when it is
     * assigned in another context than its own, or after a block that captures it starts, or in an
     * inlined loop that holds such a block; otherwise blocks get copies of it. (The increment of a
     * to:do: counter is not an assignment for this rule.)
     */
    private boolean needsVector(Temp t) {
        for (Write w : t.writes) {
            if (w.in() != t.owner) {
                return true;
            }
            for (Capture c : captures) {
                if (c.temp() != t) {
                    continue;
                }
                Frame block = c.from();
                while (block.parent != t.owner) {
                    block = block.parent;
                }
                int start = block.start;
                if (w.at() > start || w.loops().stream().anyMatch(l -> l[0] <= start && start <= l[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private Binding resolve(Variable v) {
        Pseudo pseudo = PSEUDO.get(v.name());
        if (pseudo != null) {
            return pseudo;
        }
        for (Map<String, Binding> s : scopes) {
            Binding b = s.get(v.name());
            if (b != null) {
                return b;
            }
        }
        int ivar = scope.instanceVariables().lastIndexOf(v.name());
        if (ivar >= 0) {
            return new InstVar(ivar);
        }
        Optional<Literal.Binding> global = scope.variable(v.name());
        if (global.isPresent()) {
            return new LiteralVariable(global.get());
        }
        throw CompileError.at(source, v.start(), "undeclared variable " + v.name() + " in " + scope.className());
    }

    private Binding bindingOf(Variable v) {
        Binding b = bindings.get(v);
        if (b == null) {
            b = PSEUDO.get(v.name());
        }
        if (b == null) {
            throw new IllegalStateException("unbound variable " + v.name() + " at " + v.start());
        }
        return b;
    }

    // ---- macros: the sends the guest's compiler inlines ----

    private enum Macro {
        NONE, IF_TRUE, IF_FALSE, IF_TRUE_IF_FALSE, IF_FALSE_IF_TRUE, AND, OR, WHILE_TRUE, WHILE_FALSE,
        TO_DO, TO_BY_DO, IF_NIL, IF_NOT_NIL, IF_NIL_IF_NOT_NIL, IF_NOT_NIL_IF_NIL
    }

    private static boolean isBlock(Expression e, int args) {
        return e instanceof Block b && b.arguments().size() == args;
    }

    private Macro macroOf(Send s) {
        List<Expression> args = s.arguments();
        boolean superSend = s.receiver() instanceof Variable v && v.name().equals("super");
        if (superSend) {
            return Macro.NONE;
        }
        switch (s.selector()) {
            case "ifTrue:", "ifFalse:", "and:", "or:" -> {
                if (isBlock(args.get(0), 0)) {
                    return switch (s.selector()) {
                        case "ifTrue:" -> Macro.IF_TRUE;
                        case "ifFalse:" -> Macro.IF_FALSE;
                        case "and:" -> Macro.AND;
                        default -> Macro.OR;
                    };
                }
            }
            case "ifTrue:ifFalse:", "ifFalse:ifTrue:" -> {
                if (isBlock(args.get(0), 0) && isBlock(args.get(1), 0)) {
                    return s.selector().equals("ifTrue:ifFalse:") ? Macro.IF_TRUE_IF_FALSE : Macro.IF_FALSE_IF_TRUE;
                }
            }
            case "whileTrue:", "whileFalse:" -> {
                if (isBlock(s.receiver(), 0) && isBlock(args.get(0), 0)) {
                    return s.selector().equals("whileTrue:") ? Macro.WHILE_TRUE : Macro.WHILE_FALSE;
                }
            }
            case "whileTrue", "whileFalse" -> {
                if (isBlock(s.receiver(), 0)) {
                    return s.selector().equals("whileTrue") ? Macro.WHILE_TRUE : Macro.WHILE_FALSE;
                }
            }
            case "ifNil:", "ifNotNil:" -> {
                if (flavor != Flavor.SQUEAK2 && isBlock(args.get(0), 0)) {
                    return s.selector().equals("ifNil:") ? Macro.IF_NIL : Macro.IF_NOT_NIL;
                }
            }
            case "ifNil:ifNotNil:", "ifNotNil:ifNil:" -> {
                if (flavor != Flavor.SQUEAK2 && isBlock(args.get(0), 0) && isBlock(args.get(1), 0)) {
                    return s.selector().equals("ifNil:ifNotNil:") ? Macro.IF_NIL_IF_NOT_NIL : Macro.IF_NOT_NIL_IF_NIL;
                }
            }
            case "to:do:" -> {
                if (toDoShape(s)) {
                    return Macro.TO_DO;
                }
            }
            case "to:by:do:" -> {
                if (toDoShape(s)) {
                    return Macro.TO_BY_DO;
                }
            }
            default -> {
                return Macro.NONE;
            }
        }
        return Macro.NONE;
    }

    private static boolean toDoShape(Send s) {
        if (!s.selector().equals("to:do:") && !s.selector().equals("to:by:do:")) {
            return false;
        }
        if (s.receiver() instanceof Variable v && v.name().equals("super")) {
            return false;
        }
        List<Expression> args = s.arguments();
        if (!isBlock(args.get(args.size() - 1), 1)) {
            return false;
        }
        if (args.size() == 3) {
            return increment(s).signum() != 0;
        }
        return true;
    }

    /** The to:by:do: step, when it is a literal number (else zero: not inlined). */
    private static BigInteger increment(Send s) {
        if (s.arguments().size() == 2) {
            return BigInteger.ONE;
        }
        Expression step = s.arguments().get(1);
        if (step instanceof Expression.Literal l && l.value() instanceof LiteralValue.IntegerValue i) {
            return i.value();
        }
        if (step instanceof Expression.Literal l && l.value() instanceof LiteralValue.FloatValue f && f.value() != 0) {
            return BigInteger.valueOf((long) Math.signum(f.value()));
        }
        return BigInteger.ZERO;
    }

    private static boolean isSimpleLimit(Expression limit) {
        return limit instanceof Variable
                || limit instanceof Expression.Literal l && (l.value() instanceof LiteralValue.IntegerValue
                || l.value() instanceof LiteralValue.FloatValue);
    }

    /** A block whose only statement is nil: the arm the guest leaves out of an if. */
    private static boolean isJustNil(Expression e) {
        return e instanceof Block b && b.arguments().isEmpty() && b.temporaries().isEmpty()
                && (b.body().isEmpty() || b.body().size() == 1 && b.body().get(0) instanceof Statement.Evaluate ev
                && ev.expression() instanceof Variable v && v.name().equals("nil"));
    }

    /** The then and else arms of an inlined if as the guest sees it after its transforms. */
    private record Arms(Expression condition, Block then, Block otherwise) {
    }

    private static Block nilBlock(Expression at) {
        return new Block(List.of(), List.of(), List.of(), at.end(), at.end());
    }

    private static Block constantBlock(String name, Expression at) {
        Variable v = new Variable(name, at.end(), at.end());
        return new Block(List.of(), List.of(), List.of(new Statement.Evaluate(v, at.end(), at.end())), at.end(), at.end());
    }

    private Arms arms(Send s, Macro m) {
        Expression r = s.receiver();
        List<Expression> a = s.arguments();
        return switch (m) {
            case IF_TRUE -> new Arms(r, (Block) a.get(0), nilBlock(s));
            case IF_FALSE -> new Arms(r, nilBlock(s), (Block) a.get(0));
            case IF_TRUE_IF_FALSE -> new Arms(r, (Block) a.get(0), (Block) a.get(1));
            case IF_FALSE_IF_TRUE -> new Arms(r, (Block) a.get(1), (Block) a.get(0));
            case AND -> new Arms(r, (Block) a.get(0), constantBlock("false", s));
            case IF_NOT_NIL -> new Arms(isNil(s), nilBlock(s), (Block) a.get(0));
            case IF_NIL_IF_NOT_NIL -> new Arms(isNil(s), (Block) a.get(0), (Block) a.get(1));
            case IF_NOT_NIL_IF_NIL -> new Arms(isNil(s), (Block) a.get(1), (Block) a.get(0));
            case OR -> new Arms(r, constantBlock("true", s), (Block) a.get(0));
            default -> throw new IllegalStateException(m.name());
        };
    }

    /** {@code receiver == nil}: the guest tests ifNil:ifNotNil: this way. */
    private static Send isNil(Send s) {
        Variable nil = new Variable("nil", s.end(), s.end());
        return new Send(s.receiver(), "==", List.of(nil), s.start(), s.start(), s.end());
    }

    private static boolean isIf(Macro m) {
        return m == Macro.IF_TRUE || m == Macro.IF_FALSE || m == Macro.IF_TRUE_IF_FALSE || m == Macro.IF_FALSE_IF_TRUE
                || m == Macro.AND || m == Macro.OR || m == Macro.IF_NOT_NIL || m == Macro.IF_NIL_IF_NOT_NIL
                || m == Macro.IF_NOT_NIL_IF_NIL;
    }

    /** ifNil: alone; the guest turns ifNotNil: alone into ifNil: [nil] ifNotNil:, an if. */
    private static boolean isIfNil(Macro m) {
        return m == Macro.IF_NIL;
    }

    private static boolean isWhile(Macro m) {
        return m == Macro.WHILE_TRUE || m == Macro.WHILE_FALSE;
    }

    // ---- pass 2: reserving literals in the guest's sizing order ----

    /**
     * Squeak 2.2 compiles the statement just before a block's final return for value (leaving it
     * on the stack the return discards) when it "prefers value": anything but a send, except an
     * inlined ifTrue:ifFalse: whose arms do not both return.
     */
    private boolean forValueBeforeReturn(List<Statement> statements, int i) {
        if (flavor != Flavor.SQUEAK2 || i != statements.size() - 2
                || !(statements.get(statements.size() - 1) instanceof Statement.Return)) {
            return false;
        }
        Expression e = statements.get(i).expression();
        if (!(e instanceof Send s)) {
            return true;
        }
        Macro m = macroOf(s);
        return (m == Macro.IF_TRUE_IF_FALSE || m == Macro.IF_FALSE_IF_TRUE)
                && !(returns(arms(s, m).then()) && returns(arms(s, m).otherwise()));
    }

    private void reserveStatements(List<Statement> statements, boolean lastForValue) {
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (s instanceof Statement.Return r) {
                reserveReturn(r.expression());
            } else if (i == statements.size() - 1 && lastForValue || forValueBeforeReturn(statements, i)) {
                reserveValue(s.expression());
            } else {
                reserveEffect(s.expression());
            }
        }
    }

    private void reserveReturn(Expression e) {
        if (!isSpecialReturn(e)) {
            reserveValue(e);
        }
    }

    /** The body of an inlined block: all but the last for effect, the last for value (or effect). */
    private void reserveEvaluated(Block b, boolean forValue) {
        List<Statement> body = b.body().isEmpty()
                ? List.of(new Statement.Evaluate(new Variable("nil", b.end(), b.end()), b.end(), b.end())) : b.body();
        reserveStatements(body, forValue);
    }

    private void reserveEffect(Expression e) {
        if (e instanceof Variable || e instanceof Expression.Literal) {
            return;
        }
        if (e instanceof Assignment a) {
            reserveAssignment(a);
            return;
        }
        if (e instanceof Send s) {
            reserveSend(s, false);
            return;
        }
        reserveValue(e);
    }

    /** Squeak 2/3 reserve an assignment's value before its variable; the closure compiler the variable first. */
    private void reserveAssignment(Assignment a) {
        if (closures) {
            reserveVariable(a.variable());
        }
        reserveValue(a.value());
        if (!closures) {
            reserveVariable(a.variable());
        }
    }

    private void reserveValue(Expression e) {
        if (e instanceof Variable v) {
            reserveVariable(v);
        } else if (e instanceof Expression.Literal l) {
            reserveConstant(l.value());
        } else if (e instanceof Assignment a) {
            reserveAssignment(a);
        } else if (e instanceof Send s) {
            reserveSend(s, true);
        } else if (e instanceof Cascade c) {
            reserveValue(c.receiver());
            for (Message m : c.messages()) {
                reserveSelector(m.selector(), m.arguments().size(), false);
                m.arguments().forEach(this::reserveValue);
            }
        } else if (e instanceof Block b) {
            reserveEvaluated(b, true);
            if (!closures) {
                reserveSmallInteger(b.arguments().size());
            }
        } else if (e instanceof Brace br) {
            reserveBrace(br);
        }
    }

    /** A send for value or for effect; an inlined one reserves in the guest's sizing order. */
    private void reserveSend(Send s, boolean forValue) {
        Macro m = macroOf(s);
        if (m != Macro.NONE) {
            inlinedSelectors.add(s.selector());
        }
        if (isIf(m)) {
            Arms arms = arms(s, m);
            boolean twoArmed = !isJustNil(arms.then()) && !isJustNil(arms.otherwise());
            if (forValue || twoArmed) {
                reserveEvaluated(arms.otherwise(), true);
                reserveEvaluated(arms.then(), true);
            } else {
                reserveEvaluated(isJustNil(arms.then()) ? arms.otherwise() : arms.then(), false);
            }
            reserveValue(arms.condition());
            return;
        }
        if (isWhile(m) || m == Macro.TO_DO || m == Macro.TO_BY_DO) {
            reserveLoop(s, m);
            return;
        }
        if (isIfNil(m)) {
            reserveEvaluated((Block) s.arguments().get(0), forValue);
            reserveValue(s.receiver());
            return;
        }
        boolean superSend = isSuper(s.receiver());
        if (superSend) {
            // Squeak 2/3 give a super send a copy of the selector node: its own literal, unless the
            // selector was already reserved by an ordinary send. The closure compiler shares it.
            Literal.Selector selector = new Literal.Selector(s.selector());
            superSelectors.put(s, closures || frame.contains(selector) ? frame.reserve(selector)
                    : frame.appendUnshared(selector));
        } else {
            reserveSelector(s.selector(), s.arguments().size(), superSend);
        }
        if (superSend) {
            superSent = true;
        } else {
            reserveValue(s.receiver());
        }
        s.arguments().forEach(this::reserveValue);
    }

    private void reserveLoop(Send s, Macro m) {
        if (isWhile(m)) {
            if (!s.arguments().isEmpty()) {
                reserveEvaluated((Block) s.arguments().get(0), false);
            }
            reserveEvaluated((Block) s.receiver(), true);
            return;
        }
        Block body = (Block) s.arguments().get(s.arguments().size() - 1);
        Expression limit = s.arguments().get(0);
        reserveValue(s.receiver());
        if (limitTemps.containsKey(s)) {
            reserveValue(limit);
        }
        reserveEvaluated(body, false);
        if (s.arguments().size() == 3) {
            reserveValue(s.arguments().get(1));
        }
        if (!limitTemps.containsKey(s)) {
            reserveValue(limit);
        }
    }

    private void reserveBrace(Brace br) {
        int n = br.elements().size();
        if (n <= MAX_BRACE_WITH) {
            reserveSelector(braceWithSelector(n), n, false);
            reserveArrayGlobal(br);
            br.elements().forEach(this::reserveValue);
            return;
        }
        reserveSelector("braceStream:", 1, false);
        reserveArrayGlobal(br);
        reserveSmallInteger(n);
        for (Expression e : br.elements()) {
            reserveValue(e);
        }
        reserveSelector("braceArray", 0, false);
    }

    private void reserveArrayGlobal(Brace br) {
        frame.reserve(arrayBinding(br));
    }

    private Literal.Binding arrayBinding(Brace br) {
        return scope.variable("Array").orElseThrow(() -> CompileError.at(source, br.start(),
                "a brace array needs the global Array"));
    }

    private static String braceWithSelector(int n) {
        return n == 0 ? "braceWithNone" : "braceWith:" + "with:".repeat(n - 1);
    }

    private void reserveVariable(Variable v) {
        if (bindingOf(v) instanceof LiteralVariable lv) {
            frame.reserve(lv.literal());
        }
    }

    private void reserveConstant(LiteralValue value) {
        if (specialConstant(value) == null) {
            frame.reserve(new Literal.Constant(value));
        }
    }

    private void reserveSmallInteger(int n) {
        reserveConstant(new LiteralValue.IntegerValue(BigInteger.valueOf(n)));
    }

    private void reserveSelector(String selector, int args, boolean superSend) {
        if (superSend || specialSelectorIndex(selector, args) < 0) {
            frame.reserve(new Literal.Selector(selector));
        }
    }

    private static boolean isSuper(Expression e) {
        return e instanceof Variable v && v.name().equals("super");
    }

    private static boolean isSpecialReturn(Expression e) {
        return e instanceof Variable v && (v.name().equals("self") || v.name().equals("true")
                || v.name().equals("false") || v.name().equals("nil"));
    }

    /** The one-byte push of -1, 0, 1 or 2, or null when the constant needs the literal frame. */
    private static Integer specialConstant(LiteralValue value) {
        if (value instanceof LiteralValue.IntegerValue i && i.value().bitLength() < 31) {
            int n = i.value().intValue();
            if (n >= -1 && n <= 2) {
                return n;
            }
        }
        return null;
    }

    private int specialSelectorIndex(String selector, int args) {
        int index = specialSelectors.indexOf(selector);
        if (index < 0) {
            return -1;
        }
        return argCount(selector) == args ? index : -1;
    }

    private static int argCount(String selector) {
        char first = selector.charAt(0);
        if (!Character.isLetter(first)) {
            return 1;
        }
        return (int) selector.chars().filter(c -> c == ':').count();
    }

    // ---- pass 3: code, with the guest's stack accounting ----

    private void push(int n) {
        depth += n;
        maxDepth = Math.max(maxDepth, depth);
    }

    private void pop(int n) {
        depth -= n;
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            write(out, p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private Assembler asm() {
        return Assembler.create(closures);
    }

    /** The statements of an inlined block, the last one for value or for effect. */
    private byte[] evaluated(Block b, boolean forValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Statement> body = b.body();
        if (body.isEmpty()) {
            if (forValue) {
                push(1);
                write(out, asm().pushNil().build());
            }
            return out.toByteArray();
        }
        for (int i = 0; i < body.size(); i++) {
            Statement s = body.get(i);
            boolean last = i == body.size() - 1;
            if (s instanceof Statement.Return r) {
                write(out, ret(r.expression()));
            } else if (last && forValue || forValueBeforeReturn(body, i)) {
                write(out, value(s.expression()));
            } else {
                write(out, effect(s.expression()));
            }
        }
        return out.toByteArray();
    }

    /** An inlined two-armed if both of whose arms return: the closure compiler ends a method with it alone. */
    private boolean isReturningIf(Expression e) {
        if (!(e instanceof Send s) || !isIf(macroOf(s))) {
            return false;
        }
        Arms arms = arms(s, macroOf(s));
        return returns(arms.then()) && returns(arms.otherwise());
    }

    /** Whether the block ends with a return; with closures, also with an if both of whose arms do. */
    private boolean returns(Block b) {
        if (b.body().isEmpty()) {
            return false;
        }
        Statement last = b.body().get(b.body().size() - 1);
        return last instanceof Statement.Return || closures && isReturningIf(last.expression());
    }

    private byte[] ret(Expression e) {
        if (e instanceof Variable v && isSpecialReturn(e)) {
            return bytes(RETURN_SELF + switch (v.name()) {
                case "self" -> 0;
                case "true" -> 1;
                case "false" -> 2;
                default -> 3;
            });
        }
        byte[] code = value(e);
        pop(1);
        return concat(code, bytes(RETURN_TOP));
    }

    private byte[] effect(Expression e) {
        if (e instanceof Variable || e instanceof Expression.Literal) {
            return new byte[0];
        }
        if (e instanceof Assignment a) {
            byte[] v = value(a.value());
            pop(1);
            return concat(v, store(a.variable(), true));
        }
        if (e instanceof Send s) {
            Macro m = macroOf(s);
            if (isIf(m)) {
                Arms arms = arms(s, m);
                boolean hasThen = !isJustNil(arms.then());
                boolean hasElse = !isJustNil(arms.otherwise());
                if (!(hasThen && hasElse)) {
                    return ifForEffect(arms, hasThen);
                }
                if (closures && returns(arms.then()) && returns(arms.otherwise())) {
                    // The closure compiler pops no value after an if both of whose arms return.
                    byte[] v = value(e);
                    pop(1);
                    return v;
                }
            } else if (isWhile(m)) {
                return whileLoop(s, m, false);
            } else if (m == Macro.TO_DO || m == Macro.TO_BY_DO) {
                return toDo(s, false);
            } else if (isIfNil(m)) {
                return ifNil(s, m, false);
            }
        }
        byte[] v = value(e);
        pop(1);
        return concat(v, bytes(POP));
    }

    private byte[] value(Expression e) {
        if (e instanceof Variable v) {
            push(1);
            return pushVariable(v);
        }
        if (e instanceof Expression.Literal l) {
            push(1);
            return pushConstant(l.value());
        }
        if (e instanceof Assignment a) {
            byte[] v = value(a.value());
            return concat(v, store(a.variable(), false));
        }
        if (e instanceof Send s) {
            return send(s);
        }
        if (e instanceof Cascade c) {
            return cascade(c);
        }
        if (e instanceof Block b) {
            return block(b);
        }
        if (e instanceof Brace br) {
            return brace(br);
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private byte[] pushVariable(Variable v) {
        Binding b = bindingOf(v);
        if (b instanceof Temp t) {
            return pushTemp(t);
        }
        if (b instanceof InstVar iv) {
            return asm().pushReceiverVariable(iv.index()).build();
        }
        if (b instanceof LiteralVariable lv) {
            return asm().pushLiteralVariable(frame.indexOf(lv.literal())).build();
        }
        return switch ((Pseudo) b) {
            case SELF, SUPER -> asm().pushSelf().build();
            case NIL -> asm().pushNil().build();
            case TRUE -> asm().pushTrue().build();
            case FALSE -> asm().pushFalse().build();
            case THIS_CONTEXT -> bytes(PUSH_THIS_CONTEXT);
        };
    }

    private byte[] pushConstant(LiteralValue value) {
        Integer special = specialConstant(value);
        if (special != null) {
            return asm().pushSmallInteger(special).build();
        }
        return asm().pushLiteralConstant(frame.indexOf(new Literal.Constant(value))).build();
    }

    private byte[] store(Variable v, boolean popIt) {
        Binding b = bindingOf(v);
        Assembler a = asm();
        if (b instanceof Temp t) {
            return storeTemp(t, popIt);
        }
        if (b instanceof InstVar iv) {
            return (popIt ? a.popIntoReceiverVariable(iv.index()) : a.storeIntoReceiverVariable(iv.index())).build();
        }
        if (b instanceof LiteralVariable lv) {
            int i = frame.indexOf(lv.literal());
            return (popIt ? a.popIntoLiteralVariable(i) : a.storeIntoLiteralVariable(i)).build();
        }
        throw CompileError.at(source, v.start(), "Cannot store into " + v.name());
    }

    private byte[] sendBytes(String selector, int args, boolean superSend) {
        if (!superSend) {
            int special = specialSelectorIndex(selector, args);
            if (special >= 0) {
                return bytes(SEND_SPECIAL + special);
            }
        }
        int index = frame.indexOf(new Literal.Selector(selector));
        return (superSend ? asm().superSend(index, args) : asm().send(index, args)).build();
    }

    private byte[] send(Send s) {
        Macro m = macroOf(s);
        if (isIf(m)) {
            return ifForValue(arms(s, m));
        }
        if (isWhile(m)) {
            return whileLoop(s, m, true);
        }
        if (m == Macro.TO_DO || m == Macro.TO_BY_DO) {
            return toDo(s, true);
        }
        if (isIfNil(m)) {
            return ifNil(s, m, true);
        }
        boolean superSend = isSuper(s.receiver());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value(s.receiver()));
        for (Expression arg : s.arguments()) {
            write(out, value(arg));
        }
        pop(s.arguments().size());
        Integer superIndex = superSelectors.get(s);
        write(out, superIndex != null ? asm().superSend(superIndex, s.arguments().size()).build()
                : sendBytes(s.selector(), s.arguments().size(), superSend));
        return out.toByteArray();
    }

    private byte[] cascade(Cascade c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value(c.receiver()));
        List<Message> messages = c.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            boolean last = i == messages.size() - 1;
            if (!last) {
                push(1);
                write(out, bytes(DUP));
            }
            for (Expression arg : m.arguments()) {
                write(out, value(arg));
            }
            pop(m.arguments().size());
            write(out, sendBytes(m.selector(), m.arguments().size(), false));
            if (!last) {
                pop(1);
                write(out, bytes(POP));
            }
        }
        return out.toByteArray();
    }

    // ---- temporaries, as seen from the context the code runs in ----

    /** The slot of {@code t} in the context of {@code f}: its own, or the copy {@code f} holds. */
    private int slotIn(Temp t, Frame f) {
        if (t.owner == f || !closures) {
            return t.index;
        }
        int copy = f.copied.indexOf(t);
        if (copy < 0) {
            throw new IllegalStateException(t.name + " is not reachable from this block");
        }
        return f.numArgs + copy;
    }

    private byte[] pushTemp(Temp t) {
        if (t.remote()) {
            return asm().pushRemoteTemp(t.vectorSlot, slotIn(t.owner.vector, current)).build();
        }
        return asm().pushTemporary(slotIn(t, current)).build();
    }

    private byte[] storeTemp(Temp t, boolean popIt) {
        Assembler a = Assembler.create(closures);
        if (t.remote()) {
            int vector = slotIn(t.owner.vector, current);
            return (popIt ? a.popIntoRemoteTemp(t.vectorSlot, vector) : a.storeIntoRemoteTemp(t.vectorSlot, vector))
                    .build();
        }
        int slot = slotIn(t, current);
        return (popIt ? a.popIntoTemporary(slot) : a.storeIntoTemporary(slot)).build();
    }

    /** With closures: a context's temp vector is made when the context starts. */
    private byte[] vectorPrologue(Frame f, boolean popIntoSlot) {
        if (f.vector == null) {
            return new byte[0];
        }
        push(1);
        Assembler a = Assembler.create(true).pushNewArray(f.remotes().size());
        if (popIntoSlot) {
            pop(1);
            a.popIntoTemporary(f.vector.index);
        }
        return a.build();
    }

    private byte[] block(Block b) {
        return closures ? closure(b) : blockContext(b);
    }

    /** A pre-closure block: thisContext, nargs, blockCopy:, a two-byte jump, the body. */
    private byte[] blockContext(Block b) {
        push(1);
        byte[] head = concat(bytes(PUSH_THIS_CONTEXT), pushArgCount(b.arguments().size()));
        push(1);
        pop(1);
        byte[] copy = bytes(SEND_SPECIAL + Bytecode.SPECIAL_SELECTORS.indexOf("blockCopy:"));
        push(b.arguments().size());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Temp> args = blockArgTemps.get(b);
        for (int i = args.size() - 1; i >= 0; i--) {
            pop(1);
            write(body, asm().popIntoTemporary(args.get(i).index).build());
        }
        write(body, evaluated(b, true));
        if (!returns(b)) {
            write(body, bytes(BLOCK_RETURN));
        }
        pop(1);
        byte[] bodyBytes = body.toByteArray();
        return concat(head, copy, longJump(LONG_JUMP, bodyBytes.length), bodyBytes);
    }

    /** The largest context a block needs: its slots and its deepest stack. */
    private int maxBlockNeed;

    /**
     * A closure: the copied values pushed, {@code pushClosure}, then the body, which runs in the
     * block's own context: its temporaries start as nils (and its temp vector), its value is
     * answered with blockReturn.
     */
    private byte[] closure(Block b) {
        Frame f = blockFrames.get(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Temp copied : f.copied) {
            push(1);
            write(out, pushTemp(copied));
        }
        Frame outer = current;
        int outerDepth = depth;
        int outerMax = maxDepth;
        current = f;
        depth = 0;
        maxDepth = 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Temp t : f.temps.subList(f.numArgs, f.temps.size())) {
            if (!t.remote()) {
                push(1);
                write(body, asm().pushNil().build());
            }
        }
        write(body, vectorPrologue(f, false));
        write(body, evaluated(b, true));
        if (!returns(b)) {
            write(body, bytes(BLOCK_RETURN));
        }
        maxBlockNeed = Math.max(maxBlockNeed, f.numArgs + f.copied.size() + maxDepth);
        current = outer;
        depth = outerDepth;
        maxDepth = outerMax;
        byte[] bodyBytes = body.toByteArray();
        pop(f.copied.size());
        push(1);
        write(out, bytes(PUSH_CLOSURE, f.copied.size() << 4 | f.numArgs, bodyBytes.length >> 8,
                bodyBytes.length & 0xFF));
        write(out, bodyBytes);
        return out.toByteArray();
    }

    private byte[] pushArgCount(int n) {
        return pushConstant(new LiteralValue.IntegerValue(BigInteger.valueOf(n)));
    }

    private byte[] brace(Brace br) {
        int n = br.elements().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        push(1);
        write(out, asm().pushLiteralVariable(frame.indexOf(arrayBinding(br))).build());
        if (n <= MAX_BRACE_WITH) {
            for (Expression e : br.elements()) {
                write(out, value(e));
            }
            pop(n);
            write(out, sendBytes(braceWithSelector(n), n, false));
            return out.toByteArray();
        }
        write(out, value(new Expression.Literal(new LiteralValue.IntegerValue(BigInteger.valueOf(n)), br.start(),
                br.start())));
        pop(1);
        write(out, sendBytes("braceStream:", 1, false));
        for (Expression e : br.elements()) {
            push(1);
            write(out, bytes(DUP));
            write(out, value(e));
            pop(1);
            write(out, sendBytes("nextPut:", 1, false));
            pop(1);
            write(out, bytes(POP));
        }
        write(out, sendBytes("braceArray", 0, false));
        return out.toByteArray();
    }

    // ---- inlined control structures ----

    private byte[] ifForValue(Arms arms) {
        byte[] condition = value(arms.condition());
        pop(1);
        byte[] then = evaluated(arms.then(), true);
        pop(1);
        byte[] otherwise = evaluated(arms.otherwise(), true);
        byte[] jumpOverElse = returns(arms.then()) ? new byte[0] : jump(otherwise.length);
        byte[] thenPart = concat(then, jumpOverElse);
        return concat(condition, branch(false, thenPart.length), thenPart, otherwise);
    }

    private byte[] ifForEffect(Arms arms, boolean thenArm) {
        byte[] condition = value(arms.condition());
        pop(1);
        byte[] arm = evaluated(thenArm ? arms.then() : arms.otherwise(), false);
        return concat(condition, branch(!thenArm, arm.length), arm);
    }

    /**
     * ifNil: / ifNotNil: with one block, as the guest inlines them: the receiver (kept as the value
     * when the block does not run), {@code == nil}, a jump over the block.
     */
    private byte[] ifNil(Send s, Macro m, boolean forValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value(s.receiver()));
        if (forValue) {
            push(1);
            write(out, bytes(DUP));
        }
        push(1);
        write(out, asm().pushNil().build());
        pop(1);
        write(out, sendBytes("==", 1, false));
        pop(1);
        Block arm = (Block) s.arguments().get(0);
        byte[] body;
        if (forValue) {
            pop(1);
            body = concat(bytes(POP), evaluated(arm, true));
        } else {
            body = evaluated(arm, false);
        }
        write(out, branch(m == Macro.IF_NOT_NIL, body.length));
        write(out, body);
        return out.toByteArray();
    }

    private byte[] whileLoop(Send s, Macro m, boolean forValue) {
        Block condition = (Block) s.receiver();
        byte[] test = evaluated(condition, true);
        pop(1);
        byte[] body = s.arguments().isEmpty() ? new byte[0] : evaluated((Block) s.arguments().get(0), false);
        int bodyAndJump = body.length + 2;
        byte[] exit = branch(m == Macro.WHILE_FALSE, bodyAndJump);
        int loopSize = test.length + exit.length + bodyAndJump;
        byte[] code = concat(test, exit, body, longJump(LONG_JUMP, -loopSize));
        if (forValue) {
            push(1);
            code = concat(code, asm().pushNil().build());
        }
        return code;
    }

    private byte[] toDo(Send s, boolean forValue) {
        Block body = (Block) s.arguments().get(s.arguments().size() - 1);
        Temp counter = blockArgTemps.get(body).get(0);
        Expression limit = s.arguments().get(0);
        Temp limitTemp = limitTemps.get(s);
        ByteArrayOutputStream init = new ByteArrayOutputStream();
        if (limitTemp != null) {
            write(init, value(limit));
            pop(1);
            write(init, storeTemp(limitTemp, true));
        }
        write(init, value(s.receiver()));
        pop(1);
        write(init, storeTemp(counter, true));
        BigInteger step = increment(s);
        push(1);
        byte[] test = pushTemp(counter);
        byte[] limitPush;
        if (limitTemp != null) {
            push(1);
            limitPush = pushTemp(limitTemp);
        } else {
            limitPush = value(limit);
        }
        pop(1);
        test = concat(test, limitPush, sendBytes(step.signum() > 0 ? "<=" : ">=", 1, false));
        pop(1);
        byte[] bodyCode = evaluated(body, false);
        push(1);
        byte[] increment = pushTemp(counter);
        byte[] stepPush = s.arguments().size() == 3 ? value(s.arguments().get(1))
                : pushAndCount(new LiteralValue.IntegerValue(BigInteger.ONE));
        pop(1);
        increment = concat(increment, stepPush, sendBytes("+", 1, false));
        pop(1);
        increment = concat(increment, storeTemp(counter, true));
        int blockSize = bodyCode.length + increment.length + 2;
        byte[] exit = branch(false, blockSize);
        int loopSize = test.length + exit.length + blockSize;
        byte[] code = concat(init.toByteArray(), test, exit, bodyCode, increment, longJump(LONG_JUMP, -loopSize));
        if (forValue) {
            push(1);
            code = concat(code, asm().pushNil().build());
        }
        return code;
    }

    private byte[] pushAndCount(LiteralValue v) {
        push(1);
        return pushConstant(v);
    }

    // ---- jumps, as the guest encodes them ----

    /** Unconditional forward jump: nothing for 0, one byte for 1..8, else two bytes. */
    private static byte[] jump(int distance) {
        if (distance == 0) {
            return new byte[0];
        }
        if (distance >= 1 && distance <= SHORT_JUMP_LIMIT) {
            return bytes(SHORT_JUMP + distance);
        }
        return longJump(LONG_JUMP, distance);
    }

    /** Conditional jump that pops: a Pop for distance 0; short only for jump-if-false. */
    private static byte[] branch(boolean onTrue, int distance) {
        if (distance == 0) {
            return bytes(POP);
        }
        if (!onTrue && distance >= 1 && distance <= SHORT_JUMP_LIMIT) {
            return bytes(SHORT_JUMP_IF_FALSE + distance);
        }
        return longJump(onTrue ? LONG_JUMP_IF_TRUE : LONG_JUMP_IF_FALSE, distance);
    }

    private static byte[] longJump(int code, int distance) {
        boolean backward = code == LONG_JUMP && distance < 0;
        if (distance > MethodTooLargeException.MAX_JUMP
                || backward && -distance > MethodTooLargeException.MAX_BACKWARD_JUMP) {
            throw MethodTooLargeException.jumpTooLong(Math.abs(distance));
        }
        return bytes(code + (distance >> 8), distance & 0xFF);
    }

}
