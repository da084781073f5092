package org.ozworkbench.core.decompiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.Instruction.Kind;
import org.ozworkbench.core.bytecode.Operand;
import org.ozworkbench.core.bytecode.Operand.Type;
import org.ozworkbench.core.decompiler.Code.Assign;
import org.ozworkbench.core.decompiler.Code.Block;
import org.ozworkbench.core.decompiler.Code.Cascade;
import org.ozworkbench.core.decompiler.Code.CascadeInProgress;
import org.ozworkbench.core.decompiler.Code.CascadeReceiver;
import org.ozworkbench.core.decompiler.Code.Lit;
import org.ozworkbench.core.decompiler.Code.Message;
import org.ozworkbench.core.decompiler.Code.Return;
import org.ozworkbench.core.decompiler.Code.Send;
import org.ozworkbench.core.decompiler.Code.TempVector;
import org.ozworkbench.core.decompiler.Code.Var;

/**
 * Rebuilds the statements of a method from its instructions: a symbolic stack turns pushes,
 * stores and sends back into expressions, and the jump shapes the compiler gives inlined messages
 * (CodeGenerator's ifTrue:ifFalse: and its combinations, and:, or:, the ifNil: family, whileTrue(:),
 * whileFalse(:), to:do:, to:by:do:) back into those messages. Blocks are BlockContexts
 * (thisContext, blockCopy:, a jump over the body) before closures, and closures (pushClosure, with
 * a context of their own holding copied values, temporaries and a temp vector) after.
 *
 * <p>A range of instructions is decoded into statements plus the values it leaves on the stack,
 * so an inlined block's body is decoded on its own and its value (if any) found at its end.
 * Anything else throws {@link DecompileException}.
 */
final class CodeDecoder {
    private static final int BLOCK_COPY = Bytecode.SPECIAL_SELECTORS.indexOf("blockCopy:");
    private static final int IDENTICAL = Bytecode.SPECIAL_SELECTORS.indexOf("==");
    private static final String[] SPECIAL_CONSTANTS = {"self", "true", "false", "nil"};
    private static final int FIRST_PUSHED_INTEGER = SPECIAL_CONSTANTS.length;
    /** The if messages of two arms, one of which the method's frame names when it inlined one (Candle). */
    private static final String[] TWO_ARMED_IFS = {"ifTrue:ifFalse:", "ifFalse:ifTrue:", "ifNil:ifNotNil:", "ifNotNil:ifNil:"};

    /** What the decoder asks of the method: names and spelled literals, by index. */
    interface Names {
        Var temp(int index);

        Var instanceVariable(int index);

        Var literalVariable(int index);

        Lit literal(int index);

        String selector(int index);
    }

    private final List<Instruction> code;
    private final List<Operand> operands;
    private final Map<Integer, Integer> indexOfPc = new HashMap<>();
    private final Map<Integer, List<Integer>> backwardJumpsTo = new HashMap<>();
    private final Names names;
    /** Whether the dialect's compiler inlines ifNil: and friends (Squeak 3 does, Squeak 2.2 does not). */
    private final boolean inlinesIfNil;
    /** The selectors the compiler noted it inlined, where the method says (Candle); else null. */
    private final Set<String> inlined;
    /** Whether blocks are closures (6504/6505): each has a context of its own. */
    private final boolean closures;
    private final Frame methodFrame;
    /** The context the code being decoded runs in. */
    private Frame frame;
    /** The number in the name of the next variable of a closure's context or a temp vector. */
    private int nextName;
    /** Every variable of a temp vector (closures). */
    private final Set<Var> remoteVariables = new HashSet<>();

    /**
     * The variables of a context, by slot: each a {@link Var} or (closures) a {@link TempVector}.
     * Slots a block declares in the source (inlined blocks' arguments, to:do: counters) and the
     * limits the compiler adds are not declared with the context's temporaries.
     */
    private static final class Frame {
        final List<Code> slots;
        final Set<Integer> blockTemps = new TreeSet<>();
        final Set<Integer> hiddenTemps = new TreeSet<>();
        /** Temp vector elements an inlined block declares (a to:do: counter a closure reads). */
        final Set<Var> blockRemotes = new HashSet<>();

        Frame(List<Code> slots) {
            this.slots = new ArrayList<>(slots);
        }

        /** The temporaries to declare: slots from {@code first} on, then the temp vectors' elements. */
        List<Var> declared(int first) {
            List<Var> temps = new ArrayList<>();
            List<Var> remote = new ArrayList<>();
            for (int t = first; t < slots.size(); t++) {
                if (slots.get(t) instanceof TempVector v) {
                    v.elements().stream().filter(e -> !blockRemotes.contains(e)).forEach(remote::add);
                } else if (!blockTemps.contains(t) && !hiddenTemps.contains(t)) {
                    temps.add((Var) slots.get(t));
                }
            }
            temps.addAll(remote);
            return temps;
        }
    }

    /**
     * @param inlined the selectors the method's compiler noted it inlined (Candle keeps them as
     *                literals), or null when the dialect's compiler does not keep them
     */
    CodeDecoder(List<Instruction> code, Names names, boolean inlinesIfNil, boolean closures, int numTemps,
                Set<String> inlined) {
        this.inlinesIfNil = inlinesIfNil;
        this.inlined = inlined;
        this.closures = closures;
        List<Code> slots = new ArrayList<>();
        for (int t = 0; t < numTemps; t++) {
            slots.add(names.temp(t));
        }
        this.methodFrame = new Frame(slots);
        this.frame = methodFrame;
        this.nextName = numTemps + 1;
        this.code = List.copyOf(code);
        this.operands = this.code.stream().map(Operand::of).toList();
        this.names = names;
        for (int i = 0; i < this.code.size(); i++) {
            indexOfPc.put(this.code.get(i).pc(), i);
        }
        for (int j = 0; j < this.code.size(); j++) {
            Instruction in = this.code.get(j);
            if (in.kind() == Kind.JUMP && in.target().getAsInt() <= in.pc()) {
                backwardJumpsTo.computeIfAbsent(index(in.target().getAsInt()), k -> new ArrayList<>()).add(j);
            }
        }
    }

    /** The method's statements. */
    List<Code> method() {
        int start = 0;
        if (closures && code.size() > 1 && code.get(0).opcode() == Bytecode.PUSH_NEW_ARRAY
                && operands.get(1).type() == Type.TEMPORARY && code.get(1).kind() == Kind.POP_INTO) {
            int slot = operands.get(1).index();
            if (slot >= methodFrame.slots.size()) {
                throw new DecompileException("a temp vector in slot " + slot + " of a method with fewer temps");
            }
            methodFrame.slots.set(slot, tempVector(code.get(0)));
            start = 2;
        }
        Seq seq = decode(start, code.size());
        if (!seq.stack.isEmpty()) {
            throw new DecompileException("the method ends with " + seq.stack.size() + " values left on the stack");
        }
        return seq.statements;
    }

    /** The temporaries the method declares, after its {@code numArgs} arguments. */
    List<Var> methodTemporaries(int numArgs) {
        return methodFrame.declared(numArgs);
    }

    private TempVector tempVector(Instruction pushNewArray) {
        int size = pushNewArray.bytes()[1] & Bytecode.NEW_ARRAY_SIZE_MASK;
        List<Var> elements = new ArrayList<>();
        for (int e = 0; e < size; e++) {
            elements.add(fresh(-1));
        }
        remoteVariables.addAll(elements);
        return new TempVector(elements);
    }

    private Var fresh(int slot) {
        return new Var("t" + nextName++, slot);
    }

    /** The variable (or temp vector) in a temp slot of the running context. */
    private Code tempAt(int index) {
        if (!closures) {
            return names.temp(index);
        }
        if (index >= frame.slots.size()) {
            throw new DecompileException("temp " + index + " of a context with " + frame.slots.size());
        }
        return frame.slots.get(index);
    }

    private Var tempVariable(int index) {
        if (tempAt(index) instanceof Var v) {
            return v;
        }
        throw new DecompileException("a store into the temp vector in slot " + index);
    }

    /** The variable of a remote temp bytecode (140-142): element x of the vector in temp y. */
    private Var remote(Instruction in) {
        byte[] bytes = in.bytes();
        int element = bytes[1] & Bytecode.BYTE_MASK;
        if (tempAt(bytes[2] & Bytecode.BYTE_MASK) instanceof TempVector v && element < v.elements().size()) {
            return v.elements().get(element);
        }
        throw new DecompileException("a remote temp outside its temp vector at pc " + in.pc());
    }

    private static boolean isRemote(Instruction in) {
        return in.opcode() >= Bytecode.PUSH_REMOTE_TEMP && in.opcode() <= Bytecode.STORE_POP_REMOTE_TEMP;
    }

    /** Statements decoded so far and the values on the stack. */
    private static final class Seq {
        final List<Code> statements = new ArrayList<>();
        final Deque<Code> stack = new ArrayDeque<>();
        boolean blockReturned;

        Code pop() {
            if (stack.isEmpty()) {
                throw new DecompileException("a value is taken from an empty stack");
            }
            return stack.pop();
        }

        void emit(Code statement) {
            statements.add(statement);
        }

        /** Values left under a return become statements of their own (Squeak 2.2 leaves them). */
        void flush() {
            Iterator<Code> bottomFirst = stack.descendingIterator();
            while (bottomFirst.hasNext()) {
                statements.add(bottomFirst.next());
            }
            stack.clear();
        }

        boolean endsWithReturn() {
            return stack.isEmpty() && !statements.isEmpty() && statements.get(statements.size() - 1) instanceof Return;
        }

        /** The value an inlined block leaves, or null when it leaves none. */
        Code value() {
            if (stack.size() > 1) {
                throw new DecompileException("an inlined block leaves " + stack.size() + " values");
            }
            return stack.isEmpty() ? null : stack.peek();
        }

        /** As a block: its statements, then its value when it leaves one. */
        Block block() {
            List<Code> body = new ArrayList<>(statements);
            Code value = value();
            if (value != null) {
                body.add(value);
            }
            return new Block(List.of(), body);
        }
    }

    private int index(int pc) {
        Integer i = indexOfPc.get(pc);
        if (i == null) {
            throw new DecompileException("a jump to pc " + pc + ", which is not the start of an instruction");
        }
        return i;
    }

    private Seq decode(int from, int to) {
        Seq seq = new Seq();
        int i = from;
        while (i < to) {
            if (seq.blockReturned) {
                throw new DecompileException("code after a block's return at pc " + code.get(i).pc());
            }
            i = step(seq, i, to);
        }
        return seq;
    }

    private int step(Seq seq, int i, int to) {
        Instruction in = code.get(i);
        int loopEnd = loopJump(i, to);
        if (loopEnd >= 0) {
            return loop(seq, i, loopEnd, to);
        }
        Operand op = operands.get(i);
        if (closures && isRemote(in)) {
            Var v = remote(in);
            switch (in.kind()) {
                case PUSH -> seq.stack.push(v);
                case STORE -> seq.stack.push(new Assign(v, seq.pop()));
                default -> seq.emit(new Assign(v, seq.pop()));
            }
            return i + 1;
        }
        switch (in.kind()) {
            case PUSH -> {
                if (op.type() == Type.THIS_CONTEXT && isBlockCopy(i, to)) {
                    return block(seq, i);
                }
                seq.stack.push(pushed(op, in));
            }
            case PUSH_CLOSURE -> {
                return closure(seq, i);
            }
            case STORE -> seq.stack.push(new Assign(variable(op, in), seq.pop()));
            case POP_INTO -> seq.emit(new Assign(variable(op, in), seq.pop()));
            case POP -> pop(seq);
            case DUP -> {
                return dup(seq, i, to);
            }
            case SEND, SUPER_SEND, SPECIAL_SEND -> send(seq, op, in.kind() == Kind.SUPER_SEND);
            case JUMP_IF_TRUE, JUMP_IF_FALSE -> {
                return conditional(seq, i, to);
            }
            case RETURN -> {
                int b = in.opcode();
                Code value = b == Bytecode.RETURN_TOP ? seq.pop() : Var.named(SPECIAL_CONSTANTS[b - Bytecode.RETURN_SELF]);
                seq.flush();
                seq.emit(new Return(value));
            }
            case BLOCK_RETURN -> {
                Code value = seq.pop();
                seq.flush();
                seq.emit(value);
                seq.blockReturned = true;
            }
            default -> throw new DecompileException("unexpected " + in.text() + " at pc " + in.pc());
        }
        return i + 1;
    }

    private Code pushed(Operand op, Instruction in) {
        return switch (op.type()) {
            case RECEIVER_VARIABLE -> names.instanceVariable(op.index());
            case TEMPORARY -> tempAt(op.index());
            case LITERAL_CONSTANT -> names.literal(op.index());
            case LITERAL_VARIABLE -> names.literalVariable(op.index());
            case THIS_CONTEXT -> Var.named("thisContext");
            case SPECIAL_CONSTANT -> op.index() < FIRST_PUSHED_INTEGER ? Var.named(SPECIAL_CONSTANTS[op.index()])
                    : integer(op.index() - FIRST_PUSHED_INTEGER + Bytecode.SMALLEST_PUSHED_INTEGER);
            default -> throw new DecompileException("unexpected " + in.text() + " at pc " + in.pc());
        };
    }

    private static Lit integer(int n) {
        return new Lit(Integer.toString(n), n);
    }

    private Var variable(Operand op, Instruction in) {
        return switch (op.type()) {
            case RECEIVER_VARIABLE -> names.instanceVariable(op.index());
            case TEMPORARY -> tempVariable(op.index());
            case LITERAL_VARIABLE -> names.literalVariable(op.index());
            default -> throw new DecompileException("a store into " + in.text() + " at pc " + in.pc());
        };
    }

    private void send(Seq seq, Operand op, boolean superSend) {
        List<Code> args = new ArrayList<>();
        for (int a = 0; a < op.args(); a++) {
            args.add(0, seq.pop());
        }
        Code receiver = seq.pop();
        String selector = op.type() == Type.SPECIAL_SEND ? Bytecode.SPECIAL_SELECTORS.get(op.index())
                : names.selector(op.index());
        if (superSend) {
            if (!(receiver instanceof Var v && v.name().equals("self"))) {
                throw new DecompileException("a super send to something other than self");
            }
            receiver = Var.named("super");
        }
        if (receiver instanceof CascadeInProgress cascade) {
            List<Message> messages = new ArrayList<>(cascade.messages);
            messages.add(new Message(selector, args));
            seq.stack.push(new Cascade(cascade.receiver, messages));
        } else {
            seq.stack.push(new Send(receiver, selector, args));
        }
    }

    private static void pop(Seq seq) {
        Code top = seq.pop();
        if (top instanceof Send s && s.receiver() instanceof CascadeReceiver r && seq.stack.peek() == r.cascade()) {
            r.cascade().messages.add(new Message(s.selector(), s.arguments()));
            return;
        }
        seq.emit(top);
    }

    /** A dup starts a cascade message, or an inlined ifNil:/ifNotNil: for value. */
    private int dup(Seq seq, int i, int to) {
        if (i + 4 < to && code.get(i + 1).opcode() == Bytecode.PUSH_NIL
                && code.get(i + 2).opcode() == Bytecode.SPECIAL_SEND + IDENTICAL
                && (code.get(i + 3).kind() == Kind.JUMP_IF_FALSE || code.get(i + 3).kind() == Kind.JUMP_IF_TRUE)
                && code.get(i + 4).kind() == Kind.POP) {
            Instruction jump = code.get(i + 3);
            int end = index(jump.target().getAsInt());
            checkWithin(end, to, jump);
            Seq arm = decode(i + 5, end);
            if (arm.value() == null && !arm.endsWithReturn()) {
                throw new DecompileException("an ifNil: arm without a value at pc " + jump.pc());
            }
            Code receiver = seq.pop();
            String selector = jump.kind() == Kind.JUMP_IF_FALSE ? "ifNil:" : "ifNotNil:";
            seq.stack.push(new Send(receiver, selector, List.of(arm.block())));
            return end;
        }
        Code top = seq.stack.peek();
        if (top == null) {
            throw new DecompileException("a dup of an empty stack at pc " + code.get(i).pc());
        }
        CascadeInProgress cascade;
        if (top instanceof CascadeInProgress c) {
            cascade = c;
        } else {
            seq.pop();
            cascade = new CascadeInProgress(top);
            seq.stack.push(cascade);
        }
        seq.stack.push(new CascadeReceiver(cascade));
        return i + 1;
    }

    private void checkWithin(int target, int to, Instruction jump) {
        if (target > to) {
            throw new DecompileException("a jump at pc " + jump.pc() + " out of its construct");
        }
    }

    // ---- blocks ----

    /** thisContext, the argument count, blockCopy:, a jump over the body. */
    private boolean isBlockCopy(int i, int to) {
        return i + 3 < to && argumentCount(i + 1) >= 0
                && code.get(i + 2).opcode() == Bytecode.SPECIAL_SEND + BLOCK_COPY
                && code.get(i + 3).kind() == Kind.JUMP && code.get(i + 3).target().getAsInt() > code.get(i + 3).pc();
    }

    private int argumentCount(int i) {
        Operand op = operands.get(i);
        if (code.get(i).kind() != Kind.PUSH) {
            return -1;
        }
        if (op.type() == Type.SPECIAL_CONSTANT && op.index() >= FIRST_PUSHED_INTEGER) {
            return op.index() - FIRST_PUSHED_INTEGER + Bytecode.SMALLEST_PUSHED_INTEGER;
        }
        if (op.type() == Type.LITERAL_CONSTANT && names.literal(op.index()).value() instanceof Integer n) {
            return n;
        }
        return -1;
    }

    private int block(Seq seq, int i) {
        int numArgs = argumentCount(i + 1);
        Instruction jump = code.get(i + 3);
        int start = i + 4;
        int end = index(jump.target().getAsInt());
        if (start + numArgs > end) {
            throw new DecompileException("a block at pc " + jump.pc() + " shorter than its arguments");
        }
        List<Var> args = new ArrayList<>();
        for (int a = 0; a < numArgs; a++) {
            Operand op = operands.get(start + a);
            if (code.get(start + a).kind() != Kind.POP_INTO || op.type() != Type.TEMPORARY) {
                throw new DecompileException("a block whose arguments are not stored at pc " + code.get(start + a).pc());
            }
            args.add(0, names.temp(op.index()));
            frame.blockTemps.add(op.index());
        }
        Seq body = decode(start + numArgs, end);
        if (!body.blockReturned && !body.endsWithReturn()) {
            throw new DecompileException("a block without a return at pc " + jump.pc());
        }
        seq.stack.push(new Block(args, body.statements));
        return end;
    }

    /**
     * A closure: its copied values were pushed, then pushClosure; its body starts by pushing nil
     * for each of its temporaries (the last may be its temp vector) and ends with a block return.
     */
    private int closure(Seq seq, int i) {
        Instruction in = code.get(i);
        int x = in.bytes()[1] & Bytecode.BYTE_MASK;
        int numArgs = x & Bytecode.CLOSURE_ARGS_MASK;
        int numCopied = x >> Bytecode.CLOSURE_COPIED_SHIFT;
        int end = index(in.target().getAsInt());
        List<Code> slots = new ArrayList<>();
        List<Var> args = new ArrayList<>();
        for (int a = 0; a < numArgs; a++) {
            Var arg = fresh(a);
            args.add(arg);
            slots.add(arg);
        }
        List<Code> copied = new ArrayList<>();
        for (int c = 0; c < numCopied; c++) {
            copied.add(0, seq.pop());
        }
        for (Code c : copied) {
            if (!(c instanceof Var || c instanceof TempVector)) {
                throw new DecompileException("a closure at pc " + in.pc() + " copying a value that is no variable");
            }
            slots.add(c);
        }
        int start = i + 1;
        int numTemps = highestTemp(start, end) + 1 - slots.size();
        for (int t = 0; t < numTemps; t++, start++) {
            Instruction prologue = start < end ? code.get(start) : in;
            if (prologue.opcode() == Bytecode.PUSH_NIL) {
                slots.add(fresh(slots.size()));
            } else if (prologue.opcode() == Bytecode.PUSH_NEW_ARRAY && t == numTemps - 1) {
                slots.add(tempVector(prologue));
            } else {
                throw new DecompileException("a closure at pc " + in.pc() + " whose temporaries do not start as nil");
            }
        }
        Frame outer = frame;
        frame = new Frame(slots);
        Seq body;
        List<Var> temps;
        try {
            body = decode(start, end);
            temps = frame.declared(numArgs + numCopied);
        } finally {
            frame = outer;
        }
        if (!body.blockReturned && !body.endsWithReturn()) {
            throw new DecompileException("a closure without a return at pc " + in.pc());
        }
        seq.stack.push(new Block(args, temps, body.statements));
        return end;
    }

    /** The highest temp slot the code of one closure body refers to (its nested closures skipped). */
    private int highestTemp(int from, int to) {
        int highest = -1;
        for (int k = from; k < to; k++) {
            Instruction in = code.get(k);
            if (in.kind() == Kind.PUSH_CLOSURE) {
                k = index(in.target().getAsInt()) - 1;
            } else if (isRemote(in)) {
                highest = Math.max(highest, in.bytes()[2] & Bytecode.BYTE_MASK);
            } else if (operands.get(k).type() == Type.TEMPORARY) {
                highest = Math.max(highest, operands.get(k).index());
            }
        }
        return highest;
    }

    // ---- inlined conditionals ----

    private int conditional(Seq seq, int i, int to) {
        Instruction jump = code.get(i);
        boolean onFalse = jump.kind() == Kind.JUMP_IF_FALSE;
        int elseStart = index(jump.target().getAsInt());
        if (elseStart <= i) {
            throw new DecompileException("a conditional jump backwards at pc " + jump.pc());
        }
        checkWithin(elseStart, to, jump);
        Code condition = seq.pop();
        Instruction beforeElse = code.get(elseStart - 1);
        if (beforeElse.kind() == Kind.JUMP && elseStart - 1 > i && beforeElse.target().getAsInt() > beforeElse.pc()) {
            int end = index(beforeElse.target().getAsInt());
            checkWithin(end, to, beforeElse);
            Seq then = decode(i + 1, elseStart - 1);
            Seq otherwise = decode(elseStart, end);
            Code value = nilTest(ifSend(condition, onFalse, then.block(), otherwise.block()), false);
            boolean thenAnswers = then.value() != null;
            boolean elseAnswers = otherwise.value() != null;
            if (!thenAnswers && !elseAnswers) {
                seq.emit(value);
            } else if ((thenAnswers || then.endsWithReturn()) && (elseAnswers || otherwise.endsWithReturn())) {
                seq.stack.push(value);
            } else {
                throw new DecompileException("an if whose arms do not both answer a value at pc " + jump.pc());
            }
            return end;
        }
        Seq then = decode(i + 1, elseStart);
        if (then.value() != null) {
            throw new DecompileException("a one-armed if answering a value at pc " + jump.pc());
        }
        if (then.endsWithReturn()) {
            int pop = popAfterReturns(elseStart, to);
            if (pop >= 0) {
                Seq otherwise = decodeIfWhole(elseStart, pop);
                if (otherwise != null && otherwise.endsWithReturn()) {
                    seq.emit(nilTest(ifSend(condition, onFalse, then.block(), otherwise.block()), false));
                    return pop + 1;
                }
            }
            // Only where the frame says which ifs the compiler inlined (Candle): older compilers leave a
            // store and a pop elsewhere too (a to:do:'s step), and their own Decompiler reads one arm.
            int valuePop = inlined == null ? -1 : storePopAfter(elseStart, to);
            if (valuePop >= 0 && noted(TWO_ARMED_IFS)) {
                Seq otherwise = decodeIfWhole(elseStart, valuePop);
                if (otherwise != null && otherwise.stack.size() == 1 && otherwise.stack.peek() instanceof Assign) {
                    seq.emit(nilTest(ifSend(condition, onFalse, then.block(), otherwise.block()), false));
                    return valuePop + 1;
                }
            }
        }
        seq.emit(nilTest(new Send(condition, onFalse ? "ifTrue:" : "ifFalse:", List.of(then.block())), true));
        return elseStart;
    }

    /**
     * {@code x == nil ifTrue: [...]} (and its and:/or: forms) as the ifNil: family where the
     * compiler inlines it the same way, as the guest's Decompiler prints it: ifNil: alone only for
     * effect (for value, ifNil: has a shape of its own). Where the method's literals name the
     * selectors inlined (Candle), the first of those messages they name.
     */
    private Code nilTest(Code ifSend, boolean forEffect) {
        if (!inlinesIfNil || !(ifSend instanceof Send s) || !(s.receiver() instanceof Send test)
                || !test.selector().equals("==") || !(test.arguments().get(0) instanceof Var v)
                || !v.name().equals("nil")) {
            return ifSend;
        }
        Block nil = new Block(List.of(), List.of(Var.named("nil")));
        Block yes = new Block(List.of(), List.of(Var.named("true")));
        Block no = new Block(List.of(), List.of(Var.named("false")));
        List<Code> args = s.arguments();
        // Each if as the ifNil: messages that compile to it: {onNil, onNotNil} arms, or one arm.
        List<Block> arms = switch (s.selector()) {
            case "ifTrue:" -> List.of((Block) args.get(0), nil);
            case "ifFalse:" -> List.of(nil, (Block) args.get(0));
            case "ifTrue:ifFalse:" -> List.of((Block) args.get(0), (Block) args.get(1));
            case "or:" -> List.of(yes, (Block) args.get(0));
            case "and:" -> List.of((Block) args.get(0), no);
            default -> null;
        };
        if (arms == null) {
            return ifSend;
        }
        Receiver receiver = new Receiver(test.receiver(), arms.get(0), arms.get(1));
        List<Code> candidates = new ArrayList<>();
        if (s.selector().equals("ifTrue:") && forEffect) {
            candidates.add(new Send(test.receiver(), "ifNil:", args));
        }
        if (s.selector().equals("ifFalse:")) {
            candidates.add(new Send(test.receiver(), "ifNotNil:", args));
        }
        candidates.add(receiver.send("ifNil:ifNotNil:"));
        candidates.add(receiver.send("ifNotNil:ifNil:"));
        if (inlined == null) {
            return candidates.get(0);
        }
        return candidates.stream().filter(c -> inlined.contains(((Send) c).selector())).findFirst().orElse(ifSend);
    }

    /** The receiver of an ifNil: message and its arms for nil and for anything else. */
    private record Receiver(Code value, Block onNil, Block onNotNil) {
        Send send(String selector) {
            return new Send(value, selector, selector.equals("ifNil:ifNotNil:") ? List.of(onNil, onNotNil)
                    : List.of(onNotNil, onNil));
        }
    }

    /** Whether the method's compiler noted it inlined one of {@code selectors}, or does not say (not Candle). */
    private boolean noted(String... selectors) {
        return inlined == null || Arrays.stream(selectors).anyMatch(inlined::contains);
    }

    /** The range decoded, or null when it is not a whole construct (a jump leaves it, say). */
    private Seq decodeIfWhole(int from, int to) {
        Frame running = frame;
        Set<Integer> before = new TreeSet<>(running.blockTemps);
        Set<Integer> hiddenBefore = new TreeSet<>(running.hiddenTemps);
        try {
            return decode(from, to);
        } catch (DecompileException e) {
            frame = running;
            running.blockTemps.retainAll(before);
            running.hiddenTemps.retainAll(hiddenBefore);
            return null;
        }
    }

    /**
     * Where an if whose two arms both return ends: the compiler compiles it for value and pops the
     * value no one gets (nested ones pop once each), so the pop after the last return.
     */
    private int popAfterReturns(int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (code.get(k).kind() == Kind.POP && code.get(k - 1).kind() == Kind.RETURN) {
                while (k + 1 < to && code.get(k + 1).kind() == Kind.POP) {
                    k++;
                }
                return k;
            }
        }
        return -1;
    }

    /**
     * Where a two-armed if whose first arm returns, compiled for value and its value popped, ends:
     * the compiler leaves the second arm's last assignment's value on the stack ({@code store}, then
     * {@code pop} after the if), where a statement after a one-armed if would {@code popInto}. The
     * first such pop after {@code from} outside blocks, or -1.
     */
    private int storePopAfter(int from, int to) {
        for (int k = from + 1; k < to; k++) {
            Instruction in = code.get(k);
            if (in.kind() == Kind.PUSH_CLOSURE) {
                k = index(in.target().getAsInt()) - 1;
            } else if (in.kind() == Kind.POP && code.get(k - 1).kind() == Kind.STORE) {
                return k;
            }
        }
        return -1;
    }

    /** The if message for two arms, choosing and:, or:, ifTrue:, ifFalse: where they compile the same. */
    private static Code ifSend(Code condition, boolean onFalse, Block then, Block otherwise) {
        if (!onFalse) {
            return new Send(condition, "ifFalse:ifTrue:", List.of(then, otherwise));
        }
        if (isOnly(otherwise, "false")) {
            return new Send(condition, "and:", List.of(then));
        }
        if (isOnly(then, "true")) {
            return new Send(condition, "or:", List.of(otherwise));
        }
        if (isOnly(otherwise, "nil")) {
            return new Send(condition, "ifTrue:", List.of(then));
        }
        if (isOnly(then, "nil")) {
            return new Send(condition, "ifFalse:", List.of(otherwise));
        }
        return new Send(condition, "ifTrue:ifFalse:", List.of(then, otherwise));
    }

    private static boolean isOnly(Block b, String name) {
        return b.statements().size() == 1 && b.statements().get(0) instanceof Var v && v.name().equals(name);
    }

    // ---- inlined loops ----

    /** The backward jump that closes a loop starting at {@code i}, the outermost first; -1 if none. */
    private int loopJump(int i, int to) {
        List<Integer> jumps = backwardJumpsTo.get(i);
        if (jumps == null) {
            return -1;
        }
        int best = -1;
        for (int j : jumps) {
            if (j > i && j < to && j > best) {
                best = j;
            }
        }
        return best;
    }

    private int loop(Seq seq, int head, int back, int to) {
        int exitPc = code.get(back).nextPc();
        int test = -1;
        for (int c = head; c < back; c++) {
            Instruction in = code.get(c);
            if ((in.kind() == Kind.JUMP_IF_FALSE || in.kind() == Kind.JUMP_IF_TRUE) && in.target().getAsInt() == exitPc) {
                test = c;
                break;
            }
        }
        if (test < 0) {
            throw new DecompileException("a loop without an exit at pc " + code.get(head).pc());
        }
        boolean whileTrue = code.get(test).kind() == Kind.JUMP_IF_FALSE;
        Seq condition = decode(head, test);
        if (condition.value() == null) {
            throw new DecompileException("a loop condition without a value at pc " + code.get(head).pc());
        }
        Seq body = decode(test + 1, back);
        if (body.value() != null) {
            throw new DecompileException("a loop body that leaves a value at pc " + code.get(test).pc());
        }
        Code loop = whileTrue && noted("to:do:", "to:by:do:") ? toDo(seq, condition, body) : null;
        if (loop == null) {
            String selector = whileTrue ? "whileTrue" : "whileFalse";
            // An empty body compiles as no body at all: the text says which the method's literals name.
            loop = body.statements.isEmpty() && noted(selector) ? new Send(condition.block(), selector, List.of())
                    : new Send(condition.block(), selector + ":", List.of(body.block()));
        }
        int next = back + 1;
        boolean nilFollows = next < to && code.get(next).opcode() == Bytecode.PUSH_NIL;
        boolean returned = next + 1 < to && code.get(next + 1).opcode() == Bytecode.RETURN_TOP;
        if (nilFollows && (returned || !seq.stack.isEmpty())) {
            seq.stack.push(loop);
            return next + 1;
        }
        seq.emit(loop);
        return next;
    }

    /**
     * {@code i := start. [i <= limit] whileTrue: [body. i := i + step]} as the compiler makes it
     * for to:do: and to:by:do:, with the limit in a temp of its own when it is an expression;
     * null when the loop has another shape.
     */
    private Code toDo(Seq seq, Seq condition, Seq body) {
        if (!condition.statements.isEmpty() || !seq.stack.isEmpty() || seq.statements.isEmpty()
                || body.statements.isEmpty()
                || !(condition.value() instanceof Send test) || !(test.receiver() instanceof Var counter)
                || counter.temp() < 0 && !remoteVariables.contains(counter)
                || !(test.selector().equals("<=") || test.selector().equals(">="))) {
            return null;
        }
        Code last = body.statements.get(body.statements.size() - 1);
        if (!(last instanceof Assign step && step.variable().equals(counter) && step.value() instanceof Send plus
                && plus.selector().equals("+") && plus.receiver().equals(counter)
                && plus.arguments().get(0) instanceof Lit increment && increment.value() instanceof Number n)) {
            return null;
        }
        double sign = Math.signum(n.doubleValue());
        if (sign == 0 || (sign > 0) != test.selector().equals("<=")) {
            return null;
        }
        Code init = seq.statements.get(seq.statements.size() - 1);
        if (!(init instanceof Assign start && start.variable().equals(counter))) {
            return null;
        }
        seq.statements.remove(seq.statements.size() - 1);
        Code limit = test.arguments().get(0);
        if (limit instanceof Var limitTemp && counter.temp() >= 0 && limitTemp.temp() > counter.temp()
                && !seq.statements.isEmpty()
                && seq.statements.get(seq.statements.size() - 1) instanceof Assign hidden
                && hidden.variable().equals(limitTemp) && !isSimpleLimit(hidden.value())) {
            seq.statements.remove(seq.statements.size() - 1);
            limit = hidden.value();
            frame.hiddenTemps.add(limitTemp.temp());
        }
        if (counter.temp() >= 0) {
            frame.blockTemps.add(counter.temp());
        } else {
            frame.blockRemotes.add(counter);
        }
        Block loopBody = new Block(List.of(counter), body.statements.subList(0, body.statements.size() - 1));
        boolean byOne = n instanceof Integer one && one == 1;
        return byOne ? new Send(start.value(), "to:do:", List.of(limit, loopBody))
                : new Send(start.value(), "to:by:do:", List.of(limit, increment, loopBody));
    }

    /** A limit the compiler pushes as it is, without a temp of its own. */
    private static boolean isSimpleLimit(Code limit) {
        return limit instanceof Var || limit instanceof Lit l && l.value() instanceof Number;
    }
}
