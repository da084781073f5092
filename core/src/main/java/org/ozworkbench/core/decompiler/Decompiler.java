package org.ozworkbench.core.decompiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    private Decompiler(ObjectSpace space) {
        this.space = space;
        Dialect dialect = space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK;
        this.literals = new LiteralText(space, dialect, !space.hasClosures(), space.contract().dialect().equals(SQUEAK2));
        this.printer = new SourcePrinter(space.hasClosures() ? ":=" : "_");
    }

    public static Decompiler on(ObjectSpace space) {
        return new Decompiler(space);
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
        List<Instruction> instructions = Disassembler.disassemble(method.bytecodes(), header.initialPc(),
                LiteralNamer.byIndex(), space.hasClosures());
        CodeDecoder decoder = new CodeDecoder(instructions, new Names(frame, ivars),
                !space.contract().dialect().equals(SQUEAK2), space.hasClosures(), header.numTemps(),
                inlinedLiterals(frame));
        List<Code> statements = new ArrayList<>(decoder.method());
        restoreTwoArmedIf(statements, frame);
        if (statements.size() > 1 && isReturnSelf(statements.get(statements.size() - 1))) {
            statements.remove(statements.size() - 1);
        }
        String unreachable = dropUnreachable(statements);
        List<String> temps = decoder.methodTemporaries(header.numArgs()).stream().map(Var::name).toList();
        if (!temps.isEmpty()) {
            sb.append("\t| ").append(String.join(" ", temps)).append(" |\n");
        }
        if (header.primitiveIndex() != 0) {
            sb.append('\t').append(primitive(header.primitiveIndex(), frame)).append('\n');
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
    private static String primitive(int index, List<GuestValue> frame) {
        if (index == NAMED_PRIMITIVE && !frame.isEmpty() && frame.get(0) instanceof ObjectMirror description
                && description.classMirror().name().equals("Array") && description.slotCount() >= NAMED_PRIMITIVE_FIELDS
                && description.slot(1) instanceof ByteObjectMirror name) {
            String text = "<primitive: '" + name.asString().replace("'", "''") + "'";
            if (description.slot(0) instanceof ByteObjectMirror module) {
                text += " module:'" + module.asString().replace("'", "''") + "'";
            }
            return text + ">";
        }
        return "<primitive: " + index + ">";
    }

    private static String comment(String text) {
        return String.valueOf(text).replace("\"", "''");
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
