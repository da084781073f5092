package org.ozworkbench.core.decompiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.bytecode.Disassembler;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.LiteralNamer;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.decompiler.Code.Assign;
import org.ozworkbench.core.decompiler.Code.Block;
import org.ozworkbench.core.decompiler.Code.Cascade;
import org.ozworkbench.core.decompiler.Code.Lit;
import org.ozworkbench.core.decompiler.Code.Return;
import org.ozworkbench.core.decompiler.Code.Send;
import org.ozworkbench.core.decompiler.Code.Var;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Turns a CompiledMethod back into Smalltalk source that the host's compiler
 * ({@link org.ozworkbench.core.compiler.Compiler}) compiles, in the same class, to the same method
 * wherever the method came from a compiler of its kind.
 *
 * <pre>{@code
 * Decompiler decompiler = Decompiler.on(space);
 * ClassMirror point = space.classNamed("Point").orElseThrow();
 * String source = decompiler.source(point, "+", point.compiledMethodAt("+").orElseThrow());
 * }</pre>
 *
 * <p>Names are the guest Decompiler's when nothing better is known (the images carry no source):
 * arguments and temporaries {@code t1}, {@code t2}, ... by their slot, block arguments too;
 * instance variables, globals and class variables by their own names. The compiler's inlined
 * messages come back as those messages, {@code <primitive: 60>} and named primitives as pragmas,
 * quick methods as their one return.
 *
 * <p>Both block styles: BlockContexts (6502) and closures (6504/6505, whose own variables take the
 * next free numbers). A method with bytecodes no compiler produces makes {@link #decompile} throw
 * {@link DecompileException} and {@link #source} answer a commented disassembly instead. Instances
 * are cheap and not thread-safe.
 */
public final class Decompiler {
    private static final int NAMED_PRIMITIVE = 117;
    private static final int NAMED_PRIMITIVE_FIELDS = 2;
    /** The operand of an extended store: type in its top two bits (1, a temporary), index in the rest. */
    private static final int EXTENDED_TYPE_SHIFT = 6;
    private static final int EXTENDED_TYPE_TEMPORARY = 1;
    private static final int EXTENDED_INDEX_MASK = 63;
    /** The dialect whose compiler does not inline ifNil: and friends. */
    private static final String SQUEAK2 = "squeak2";
    private static final String TWO_ARMED_IF = "ifTrue:ifFalse:";
    private static final Set<String> IF_SELECTORS = Set.of("ifTrue:", "ifFalse:", TWO_ARMED_IF, "ifFalse:ifTrue:");
    /** The category of a method no organizer files, as the guest's ClassOrganizer names it. */
    public static final String UNCLASSIFIED = "as yet unclassified";

    private final ObjectSpace space;
    private final LiteralText literals;
    private final SourcePrinter printer;
    private final Map<ClassMirror, List<String>> instanceVariables = new HashMap<>();

    private Decompiler(ObjectSpace space, boolean largestForInfinity) {
        this.space = space;
        Dialect dialect = space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK;
        this.literals = new LiteralText(space, dialect, !space.hasClosures(), space.contract().dialect().equals(SQUEAK2),
                largestForInfinity);
        this.printer = new SourcePrinter(space.hasClosures() ? ":=" : "_");
    }

    public static Decompiler on(ObjectSpace space) {
        return new Decompiler(space, false);
    }

    /**
     * A decompiler that spells a Float infinity, which no literal spells, as the largest Float of its
     * sign ({@code 1.7976931348623157e308}: the source a reader that rounds it up read as infinity,
     * as Candle's did), for a kernel spec whose method hints give the literal its bits back.
     */
    public Decompiler spellingInfinityAsLargestFloat() {
        return new Decompiler(space, true);
    }

    /**
     * The value as a literal the compiler reads back to an equal one (a number, character, string,
     * symbol, literal array or byte array, nil, true, false), or empty when no literal spells it.
     */
    public Optional<String> literalSource(GuestValue value) {
        try {
            return Optional.of(literals.spell(value));
        } catch (DecompileException e) {
            return Optional.empty();
        }
    }

    /**
     * The source of {@code method}, installed in {@code cls} under {@code selector}; never throws:
     * a method the decompiler cannot read gets its pattern and a comment holding the reason and
     * the disassembly (which compiles to a method answering self).
     */
    public String source(ClassMirror cls, String selector, MethodMirror method) {
        String reason;
        try {
            return decompile(cls, selector, method);
        } catch (RuntimeException e) {
            reason = e.getMessage();
        } catch (StackOverflowError e) {
            // The decoder and printer recurse once per nested construct; the recursion has unwound here.
            reason = "constructs nested deeper than the host's stack";
        }
        return pattern(selector, method.numArgs()) + "\n\t\"ozw: not decompiled: " + comment(reason)
                + "\n" + comment(method.disassemble()) + "\"\n";
    }

    /**
     * Every method of {@code cls} (one side: pass the metaclass for the class side) as a chunk
     * file-out that a file-in accepts: one {@code !Class methodsFor: 'category'!} section per
     * method category, categories and selectors in alphabetical order, methods the class's
     * organizer does not file under {@value #UNCLASSIFIED}; a {@code !} of a source is doubled.
     */
    public String fileOut(ClassMirror cls) {
        Map<String, List<String>> byCategory = new TreeMap<>();
        for (String selector : new TreeSet<>(cls.selectors())) {
            String category = space.methodCategoryOf(cls, selector).orElse(UNCLASSIFIED);
            byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(selector);
        }
        StringBuilder sb = new StringBuilder();
        byCategory.forEach((category, selectors) -> {
            sb.append('!').append(cls.name()).append(" methodsFor: '").append(category.replace("'", "''"))
                    .append("'!\n");
            for (int i = 0; i < selectors.size(); i++) {
                String selector = selectors.get(i);
                String source = source(cls, selector, cls.compiledMethodAt(selector).orElseThrow()).stripTrailing();
                sb.append(source.replace("!", "!!")).append(i == selectors.size() - 1 ? "! !\n\n" : "!\n\n");
            }
        });
        return sb.toString();
    }

    /**
     * The source of {@code method}.
     *
     * @throws DecompileException when the bytecodes are not of a shape a compiler produces
     */
    public String decompile(ClassMirror cls, String selector, MethodMirror method) {
        MethodHeader header = method.header();
        List<GuestValue> frame = method.literals();
        List<String> ivars = instanceVariables.computeIfAbsent(cls, ClassMirror::sourceInstanceVariableNames);
        if (selectorArgs(selector) != header.numArgs()) {
            throw new DecompileException("the selector #" + selector + " does not take the method's "
                    + header.numArgs() + " arguments");
        }
        StringBuilder sb = new StringBuilder(pattern(selector, header.numArgs())).append('\n');
        if (header.isQuick()) {
            return sb.append(printer.statements(List.of(new Return(quickValue(header, ivars))))).toString();
        }
        // The decoder reads operands, not the disassembly's literal names: skipping them is most of the speed.
        List<Instruction> instructions = new ArrayList<>(Disassembler.disassemble(method.bytecodes(),
                header.initialPc(), LiteralNamer.byIndex(), space.hasClosures()));
        int errorTemp = primitiveErrorTemp(header, instructions);
        if (errorTemp >= 0) {
            instructions.remove(0);
        }
        CodeDecoder decoder = new CodeDecoder(instructions, new Names(frame, ivars),
                !space.contract().dialect().equals(SQUEAK2), space.hasClosures(), header.numTemps(),
                inlinedLiterals(frame));
        List<Code> statements = new ArrayList<>(decoder.method());
        Set<String> inlined = inlinedLiterals(frame);
        if (inlined != null) {
            statements = new TwoArmedIfs(frame, inlined, statements).restored();
        }
        restoreTwoArmedIf(statements, frame);
        if (statements.size() > 1 && isReturnSelf(statements.get(statements.size() - 1))) {
            statements.remove(statements.size() - 1);
        }
        String unreachable = dropUnreachable(statements);
        List<String> temps = decoder.methodTemporaries(header.numArgs()).stream().map(Var::name)
                .filter(name -> errorTemp < 0 || !name.equals(tempName(errorTemp))).toList();
        if (!temps.isEmpty()) {
            sb.append("\t| ").append(String.join(" ", temps)).append(" |\n");
        }
        if (header.primitiveIndex() != 0) {
            String pragma = primitive(header.primitiveIndex(), frame);
            sb.append('\t').append(errorTemp < 0 ? pragma : pragma.replace(">", " error: " + tempName(errorTemp) + ">"))
                    .append('\n');
        }
        sb.append(printer.statements(statements));
        if (!unreachable.isEmpty()) {
            sb.append("\t\"ozw: left out, unreachable after the return: ").append(comment(unreachable)).append("\"\n");
        }
        return sb.toString();
    }

    /**
     * Statements after a return at the method's level, which no compiler of today makes and none
     * accepts: taken out of {@code statements}; their text, or empty when there were none (or
     * only the {@code ^ self} an older compiler put after every method).
     */
    private String dropUnreachable(List<Code> statements) {
        int firstReturn = 0;
        while (firstReturn < statements.size() && !(statements.get(firstReturn) instanceof Return)) {
            firstReturn++;
        }
        if (firstReturn >= statements.size() - 1) {
            return "";
        }
        List<Code> rest = new ArrayList<>(statements.subList(firstReturn + 1, statements.size()));
        statements.subList(firstReturn + 1, statements.size()).clear();
        return rest.size() == 1 && isReturnSelf(rest.get(0)) ? "" : printer.statements(rest).strip();
    }

    /**
     * Where the dialect's compiler keeps the selectors it inlined as literals (Candle) and they name
     * ifTrue:ifFalse: while the text has none: the source's two-armed if had a returning first arm,
     * which compiles as a one-armed if followed by the other arm's statements. The deepest such if
     * (inside the arms of the ifs the statements hold, the last first), else the last at the
     * method's level, takes the statements after it back as its ifFalse: arm.
     */
    private void restoreTwoArmedIf(List<Code> statements, List<GuestValue> frame) {
        Set<String> inlined = inlinedLiterals(frame);
        if (inlined == null || !inlined.contains(TWO_ARMED_IF) || statements.stream().anyMatch(s -> sends(s, TWO_ARMED_IF))) {
            return;
        }
        List<Code> restored = withTwoArmedIf(statements);
        if (restored != null) {
            statements.clear();
            statements.addAll(restored);
        }
    }

    /** {@code statements} with one if given its ifFalse: arm back (see above), or null when none can take one. */
    private static List<Code> withTwoArmedIf(List<Code> statements) {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (statements.get(i) instanceof Send s && IF_SELECTORS.contains(s.selector())) {
                List<Code> args = new ArrayList<>(s.arguments());
                for (int a = args.size() - 1; a >= 0; a--) {
                    List<Code> inner = args.get(a) instanceof Block b ? withTwoArmedIf(b.statements()) : null;
                    if (inner != null) {
                        Block b = (Block) args.get(a);
                        args.set(a, new Block(b.arguments(), b.temporaries(), inner));
                        List<Code> result = new ArrayList<>(statements);
                        result.set(i, new Send(s.receiver(), s.selector(), args));
                        return result;
                    }
                }
            }
        }
        for (int i = statements.size() - 2; i >= 0; i--) {
            if (statements.get(i) instanceof Send s && s.selector().equals("ifTrue:")
                    && s.arguments().get(0) instanceof Block then && !then.statements().isEmpty()
                    && then.statements().get(then.statements().size() - 1) instanceof Return) {
                List<Code> result = new ArrayList<>(statements.subList(0, i));
                Block otherwise = new Block(List.of(), statements.subList(i + 1, statements.size()));
                result.add(new Send(s.receiver(), TWO_ARMED_IF, List.of(then, otherwise)));
                return result;
            }
        }
        return null;
    }

    /**
     * Where the dialect's compiler keeps the selectors it inlined as literals (Candle): the Symbols
     * before the selector and class binding it ends every method with; else null.
     */
    private Set<String> inlinedLiterals(List<GuestValue> frame) {
        if (space.contract().methodLiterals() != Contract.MethodLiterals.SELECTOR_AND_CLASS) {
            return null;
        }
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < frame.size() - 2; i++) {
            if (frame.get(i) instanceof ByteObjectMirror b && b.isSymbol()) {
                symbols.add(b.asString());
            }
        }
        return symbols;
    }

    /** Whether {@code code} sends {@code selector} anywhere. */
    private static boolean sends(Code code, String selector) {
        if (code instanceof Send s) {
            return s.selector().equals(selector) || sends(s.receiver(), selector)
                    || s.arguments().stream().anyMatch(a -> sends(a, selector));
        }
        if (code instanceof Block b) {
            return b.statements().stream().anyMatch(c -> sends(c, selector));
        }
        if (code instanceof Assign a) {
            return sends(a.value(), selector);
        }
        if (code instanceof Return r) {
            return sends(r.value(), selector);
        }
        if (code instanceof Cascade c) {
            return sends(c.receiver(), selector) || c.messages().stream()
                    .anyMatch(m -> m.arguments().stream().anyMatch(a -> sends(a, selector)));
        }
        return false;
    }

    private static boolean isReturnSelf(Code statement) {
        return statement instanceof Return r && r.value() instanceof Var v && v.name().equals("self");
    }

    /**
     * The temporary a primitive method's first bytecode stores into, with nothing pushed yet: the one
     * {@code <primitive: 118 error: ec>} names, where the VM leaves the error code; else -1.
     */
    private static int primitiveErrorTemp(MethodHeader header, List<Instruction> instructions) {
        if (header.primitiveIndex() == 0 || instructions.isEmpty()) {
            return -1;
        }
        Instruction first = instructions.get(0);
        boolean storesTemp = first.opcode() == Bytecode.EXTENDED_STORE
                && (first.bytes()[1] & 0xFF) >> EXTENDED_TYPE_SHIFT == EXTENDED_TYPE_TEMPORARY;
        return storesTemp ? first.bytes()[1] & EXTENDED_INDEX_MASK : -1;
    }

    /** {@code foo}, {@code + t1}, {@code at: t1 put: t2}. */
    private static String pattern(String selector, int numArgs) {
        if (numArgs == 0 || selector.isEmpty()) {
            return selector;
        }
        if (!Character.isLetter(selector.charAt(0)) && numArgs == 1) {
            return selector + " " + tempName(0);
        }
        String[] parts = selector.split("(?<=:)");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            sb.append(i == 0 ? "" : " ").append(parts[i]).append(' ').append(i < numArgs ? tempName(i) : "");
        }
        return sb.toString().strip();
    }

    /** The arguments a selector takes, or -1 for one no method can have (empty). */
    private static int selectorArgs(String selector) {
        if (selector.isEmpty()) {
            return -1;
        }
        if (!Character.isLetter(selector.charAt(0)) && selector.charAt(0) != '_') {
            return 1;
        }
        return (int) selector.chars().filter(c -> c == ':').count();
    }

    private static String tempName(int slot) {
        return "t" + (slot + 1);
    }

    private Code quickValue(MethodHeader header, List<String> ivars) {
        int prim = header.primitiveIndex();
        if (prim >= MethodHeader.QUICK_RETURN_INSTVAR) {
            int index = prim - MethodHeader.QUICK_RETURN_INSTVAR;
            if (index >= ivars.size()) {
                throw new DecompileException("a quick return of instance variable " + index + " of a class with "
                        + ivars.size());
            }
            return Var.named(ivars.get(index));
        }
        String answer = header.quickDescription().substring(1);
        return Character.isLetter(answer.charAt(0)) ? Var.named(answer) : new Lit(answer, Integer.valueOf(answer));
    }

    /** {@code <primitive: 60>}, or {@code <primitive: 'name' module: 'Plugin'>} for a named one. */
    private String primitive(int index, List<GuestValue> frame) {
        if (index == NAMED_PRIMITIVE && !frame.isEmpty() && frame.get(0) instanceof ObjectMirror description
                && literals.isArray(description) && description.slotCount() >= NAMED_PRIMITIVE_FIELDS
                && description.slot(1) instanceof ByteObjectMirror name) {
            String text = "<primitive: '" + name.asString().replace("'", "''") + "'";
            if (description.slot(0) instanceof ByteObjectMirror module) {
                text += " module:'" + module.asString().replace("'", "''") + "'";
            }
            return text + ">";
        }
        return "<primitive: " + index + ">";
    }

    /** Whether {@code o} is an instance of the image's Array class (special object 7: Candle's is PCArray). */
    private static String comment(String text) {
        return String.valueOf(text).replace("\"", "''");
    }

    /**
     * Where the dialect's compiler keeps the selectors it inlined as literals (Candle): the two-armed
     * ifs whose first arm returns, which compile as a one-armed if followed by the other arm's
     * statements. Such an if, at the method's level, in an if's arm or in a loop's body, takes the
     * statements after it as its second arm when the frame names the two-armed message and never
     * the one-armed one; or, where those statements end the method or return, when the order of the
     * literals says so: the compiler reserves an if's second arm's literals before its first arm's
     * and its condition's, so the statements were its second arm exactly when the literals only they
     * use (no other code of the method) come first in the frame.
     */
    private final class TwoArmedIfs {
        /** The other form of each one-armed message, when its first arm returns. */
        private static final Map<String, String> TWO_ARMED = Map.of("ifTrue:", TWO_ARMED_IF,
                "ifFalse:", "ifFalse:ifTrue:", "ifNil:ifNotNil:", "ifNil:ifNotNil:", "ifNotNil:ifNil:", "ifNotNil:ifNil:");
        /** The inlined loops whose bodies may hold such ifs. */
        private static final Set<String> LOOPS = Set.of("whileTrue:", "whileFalse:", "to:do:", "to:by:do:");
        /** The messages the compiler inlines: the method's code sends them, its frame only lists them. */
        private static final Set<String> INLINED = Set.of("ifTrue:", "ifFalse:", TWO_ARMED_IF, "ifFalse:ifTrue:", "and:",
                "or:", "whileTrue:", "whileFalse:", "whileTrue", "whileFalse", "to:do:", "to:by:do:", "ifNil:",
                "ifNotNil:", "ifNil:ifNotNil:", "ifNotNil:ifNil:");

        private final Map<String, Integer> firstIndex = new HashMap<>();
        private final Set<String> inlined;
        private final List<Code> method;
        private final Map<String, Integer> methodCounts = new HashMap<>();

        TwoArmedIfs(List<GuestValue> frame, Set<String> inlined, List<Code> method) {
            this.inlined = inlined;
            this.method = method;
            // Not the method's own selector and class binding, which end the frame.
            for (int i = frame.size() - 3; i >= 0; i--) {
                GuestValue v = frame.get(i);
                if (v instanceof ByteObjectMirror b && b.isSymbol()) {
                    firstIndex.put("#" + b.asString(), i);
                }
                if (v instanceof ObjectMirror binding && !(v instanceof ByteObjectMirror) && binding.slotCount() == 2
                        && binding.slot(space.contract().get(Slot.ASSOCIATION_KEY)) instanceof ByteObjectMirror key) {
                    firstIndex.put("=" + key.asString(), i);
                }
                try {
                    firstIndex.put("'" + literals.spell(v), i);
                } catch (RuntimeException unspellable) {
                    // Only literals the text can hold tell an order.
                }
            }
            method.forEach(c -> count(c, methodCounts));
        }

        List<Code> restored() {
            return restore(method, true);
        }

        /** {@code statements} with their ifs restored, inner ones first; {@code ending} when they end the method. */
        private List<Code> restore(List<Code> statements, boolean ending) {
            List<Code> result = new ArrayList<>(statements.size());
            int last = statements.size() - (statements.size() > 1 && isReturnSelf(statements.get(statements.size() - 1))
                    ? 2 : 1);
            for (int i = 0; i < statements.size(); i++) {
                result.add(inner(statements.get(i), ending && i >= last));
            }
            for (int i = result.size() - 2; i >= 0; i--) {
                List<Code> rest = result.subList(i + 1, result.size());
                boolean restEnds = ending || returns(rest);
                if (result.get(i) instanceof Send s && (restEnds || certain(s)) && twoArmed(s, rest)) {
                    List<Code> args = new ArrayList<>(s.arguments().subList(0, 1));
                    args.add(new Block(List.of(), List.copyOf(rest)));
                    Send restoredIf = new Send(s.receiver(), TWO_ARMED.get(s.selector()), args);
                    rest.clear();
                    result.set(i, restoredIf);
                }
            }
            return result;
        }

        /**
         * Whether {@code s} is a one-armed if the frame never names, while it names the two-armed one:
         * it was two-armed, whatever follows it.
         */
        private boolean certain(Send s) {
            String other = TWO_ARMED.get(s.selector());
            return other != null && !other.equals(s.selector()) && inlined.contains(other)
                    && !inlined.contains(s.selector());
        }

        /**
         * {@code code} with the statements of its if arms and loop bodies restored; an arm of a final
         * if ends the method too.
         */
        private Code inner(Code code, boolean ending) {
            if (code instanceof Send loop && LOOPS.contains(loop.selector())) {
                List<Code> args = loop.arguments().stream().map(a -> a instanceof Block b
                        ? (Code) new Block(b.arguments(), b.temporaries(), restore(b.statements(), false)) : a).toList();
                return new Send(loop.receiver(), loop.selector(), args);
            }
            if (!(code instanceof Send s) || !IF_SELECTORS.contains(s.selector()) && !TWO_ARMED.containsKey(s.selector())) {
                return code;
            }
            List<Code> args = new ArrayList<>();
            for (Code a : s.arguments()) {
                args.add(a instanceof Block b ? new Block(b.arguments(), b.temporaries(), restore(b.statements(), ending))
                        : a);
            }
            return new Send(s.receiver(), s.selector(), args);
        }

        /** Whether {@code s}, a one-armed if whose arm returns, had {@code rest} as its second arm. */
        private boolean twoArmed(Send s, List<Code> rest) {
            String other = TWO_ARMED.get(s.selector());
            if (other == null || !inlined.contains(other) || !(s.arguments().get(0) instanceof Block first)
                    || !returns(first.statements())) {
                return false;
            }
            if (s.arguments().size() == 2 && !(s.arguments().get(1) instanceof Block second && isEmpty(second))) {
                return false;
            }
            if (!other.equals(s.selector()) && !inlined.contains(s.selector())) {
                return true;
            }
            Map<String, Integer> thenCounts = new HashMap<>();
            count(first, thenCounts);
            Map<String, Integer> conditionCounts = new HashMap<>();
            count(s.receiver(), conditionCounts);
            Map<String, Integer> restCounts = new HashMap<>();
            rest.forEach(c -> count(c, restCounts));
            // One-armed, the compiler reserves the arm's literals, the condition's, then the rest's;
            // two-armed, the rest's first. Literals only the arm uses against those only the rest
            // and the condition use (which follow the arm unless the rest came first); else those
            // only the condition uses against those only the rest uses.
            int thenFirst = firstOf(thenCounts, Map.of(), Map.of());
            if (thenFirst >= 0) {
                int restFirst = firstOf(restCounts, conditionCounts, thenCounts);
                if (restFirst >= 0) {
                    return restFirst < thenFirst;
                }
                // The rest's literals are all the arm's too: the first each reserves tells.
                Map<String, Integer> local = new HashMap<>(thenCounts);
                conditionCounts.forEach((k, v) -> local.merge(k, v, Integer::sum));
                restCounts.forEach((k, v) -> local.merge(k, v, Integer::sum));
                int restReserves = firstReserved(new Block(List.of(), List.copyOf(rest)), local);
                int thenReserves = firstReserved(first, local);
                return restReserves >= 0 && thenReserves >= 0 && restReserves < thenReserves;
            }
            int conditionFirst = firstOf(conditionCounts, Map.of(), Map.of());
            int restFirst = firstOf(restCounts, Map.of(), Map.of());
            return conditionFirst >= 0 && restFirst >= 0 && restFirst < conditionFirst;
        }

        /**
         * The first frame index of the literals {@code own} uses that the method uses nowhere but in
         * {@code own} and {@code also}, and {@code not} does not use; -1 if none.
         */
        private int firstOf(Map<String, Integer> own, Map<String, Integer> also, Map<String, Integer> not) {
            return own.entrySet().stream().filter(e -> firstIndex.containsKey(e.getKey()) && !not.containsKey(e.getKey())
                            && e.getValue() + also.getOrDefault(e.getKey(), 0) == methodCounts.get(e.getKey()))
                    .mapToInt(e -> firstIndex.get(e.getKey())).min().orElse(-1);
        }

        /** Whether {@code statements} end in a return, or in an if whose arms all do. */
        private static boolean returns(List<Code> statements) {
            if (statements.isEmpty()) {
                return false;
            }
            Code last = statements.get(statements.size() - 1);
            return last instanceof Return || last instanceof Send s && s.arguments().size() == 2
                    && IF_SELECTORS.contains(s.selector()) && s.arguments().stream()
                    .allMatch(a -> a instanceof Block b && returns(b.statements()));
        }

        /**
         * The frame index of the first literal {@code code} reserves, in the compiler's order (a
         * send's selector before its receiver and arguments, an if's second arm before its first
         * before its condition), among those the method uses only as often as {@code local} counts.
         */
        private int firstReserved(Code code, Map<String, Integer> local) {
            List<Code> order = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            order.add(code);
            while (!order.isEmpty()) {
                Code c = order.remove(0);
                List<Code> next = new ArrayList<>();
                if (c instanceof Send s && (TWO_ARMED.containsKey(s.selector()) || IF_SELECTORS.contains(s.selector()))) {
                    for (int a = s.arguments().size() - 1; a >= 0; a--) {
                        next.add(s.arguments().get(a));
                    }
                    next.add(s.receiver());
                } else if (c instanceof Send s) {
                    if (!INLINED.contains(s.selector())) {
                        tokens.add("#" + s.selector());
                    }
                    next.add(s.receiver());
                    next.addAll(s.arguments());
                } else if (c instanceof Block b) {
                    next.addAll(b.statements());
                } else if (c instanceof Return r) {
                    next.add(r.value());
                } else if (c instanceof Assign a) {
                    next.add(a.variable());
                    next.add(a.value());
                } else if (c instanceof Lit l) {
                    tokens.add("'" + l.text());
                } else if (c instanceof Var v && v.temp() < 0) {
                    tokens.add("=" + v.name());
                }
                order.addAll(0, next);
                for (String token : tokens) {
                    if (firstIndex.containsKey(token) && local.getOrDefault(token, 0).equals(methodCounts.get(token))) {
                        return firstIndex.get(token);
                    }
                }
                tokens.clear();
            }
            return -1;
        }

        private static boolean isEmpty(Block b) {
            return b.statements().isEmpty() || b.statements().size() == 1 && b.statements().get(0) instanceof Var v
                    && v.name().equals("nil");
        }

        /** Counts the literals {@code code} uses: selectors sent (not inlined), constants, globals. */
        private static void count(Code code, Map<String, Integer> counts) {
            if (code instanceof Send s) {
                if (!INLINED.contains(s.selector())) {
                    counts.merge("#" + s.selector(), 1, Integer::sum);
                }
                count(s.receiver(), counts);
                s.arguments().forEach(a -> count(a, counts));
            } else if (code instanceof Lit l) {
                counts.merge("'" + l.text(), 1, Integer::sum);
            } else if (code instanceof Var v && v.temp() < 0) {
                counts.merge("=" + v.name(), 1, Integer::sum);
            } else if (code instanceof Block b) {
                b.statements().forEach(c -> count(c, counts));
            } else if (code instanceof Assign a) {
                count(a.variable(), counts);
                count(a.value(), counts);
            } else if (code instanceof Return r) {
                count(r.value(), counts);
            } else if (code instanceof Cascade c) {
                count(c.receiver(), counts);
                c.messages().forEach(m -> {
                    counts.merge("#" + m.selector(), 1, Integer::sum);
                    m.arguments().forEach(a -> count(a, counts));
                });
            }
        }
    }

    /** Names by slot and spelled literals, for the decoder. */
    private final class Names implements CodeDecoder.Names {
        private final List<GuestValue> frame;
        private final List<String> ivars;

        Names(List<GuestValue> frame, List<String> ivars) {
            this.frame = frame;
            this.ivars = ivars;
        }

        @Override
        public Var temp(int index) {
            return new Var(tempName(index), index);
        }

        @Override
        public Var instanceVariable(int index) {
            if (index >= ivars.size()) {
                throw new DecompileException("instance variable " + index + " of a class with " + ivars.size());
            }
            return Var.named(ivars.get(index));
        }

        @Override
        public Var literalVariable(int index) {
            if (literal(index, "variable") instanceof ObjectMirror binding && binding.slotCount() >= 2
                    && binding.slot(space.contract().get(Slot.ASSOCIATION_KEY)) instanceof ByteObjectMirror key) {
                return Var.named(key.asString());
            }
            throw new DecompileException("literal variable " + index + " is not a binding with a name");
        }

        @Override
        public Lit literal(int index) {
            GuestValue value = literal(index, "constant");
            return new Lit(literals.spell(value), hostNumber(value));
        }

        @Override
        public String selector(int index) {
            if (literal(index, "selector") instanceof ByteObjectMirror symbol && symbol.isSymbol()) {
                return symbol.asString();
            }
            throw new DecompileException("the selector literal " + index + " is not a Symbol");
        }

        private GuestValue literal(int index, String what) {
            if (index >= frame.size()) {
                throw new DecompileException("literal " + what + " " + index + " of a frame of " + frame.size());
            }
            return frame.get(index);
        }

        /** The value as a host object when the decoder needs it: numbers for loop steps and counts. */
        private Object hostNumber(GuestValue value) {
            Object host = space.toHost(value);
            return host instanceof Number ? host : null;
        }
    }
}
