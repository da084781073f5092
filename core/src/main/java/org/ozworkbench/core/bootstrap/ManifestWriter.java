package org.ozworkbench.core.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.bytecode.Disassembler;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.LiteralNamer;
import org.ozworkbench.core.bytecode.Operand;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The {@link KernelSpec#MANIFEST} of a spec exported from an image: its format and dialect, the
 * files in file-in order, the class of each {@link Role} (read from the special objects array and
 * the objects the VM knows), the scheduler's priorities, the compact classes, the special selectors
 * the image leaves nil, and the expression its first process starts with.
 *
 * <p>The boot expression is read from the active process's context when it has not started yet and
 * its code is one unary send to a global ({@code [PCSystem start]}, Candle's); otherwise the
 * manifest says where the first process is, and has no {@code boot} line to write by hand.
 */
public final class ManifestWriter {
    private static final String PROCESSOR = "Processor";
    /** The file of class variable values the manifest names ({@code classVariables}). */
    public static final String CLASS_VARIABLES_FILE = "classVariables.st";
    /** The file of method hints the manifest names ({@code methodHints}). */
    public static final String METHOD_HINTS_FILE = "methodHints";

    /**
     * The manifest, the chunks of the class variables' values ({@code PCCharacter CharacterTable :=
     * #(...)}), empty when no class variable holds a value that source spells, and the method hints
     * file, empty when every method's source compiles back to it.
     */
    public record Texts(String manifest, String classVariables, String methodHints) {
    }

    private final ObjectSpace space;
    private final Contract contract;

    private ManifestWriter(ObjectSpace space) {
        this.space = space;
        this.contract = space.contract();
    }

    /** The manifest text for {@code space}'s classes exported into {@code files} (in file-in order). */
    public static Texts of(ObjectSpace space, String imageName, List<String> files) {
        return of(space, imageName, files, List.of());
    }

    /**
     * The manifest text for {@code space}'s classes exported into {@code files}, whose methods have the
     * hints {@code hintLines} ({@link org.ozworkbench.core.compiler.MethodHint}'s notation).
     */
    public static Texts of(ObjectSpace space, String imageName, List<String> files, List<String> hintLines) {
        return new ManifestWriter(space).write(imageName, files, hintLines);
    }

    private Texts write(String imageName, List<String> files, List<String> hintLines) {
        StringBuilder values = new StringBuilder();
        List<String> unspelled = new ArrayList<>();
        classVariables(values, unspelled);
        StringBuilder out = new StringBuilder();
        out.append("# The kernel spec of ").append(imageName).append(", written by ozw export:\n")
                .append("# `ozw bootstrap FOLDER --out NEW.image` builds an image from it.\n");
        out.append("format = ").append(space.memory().header().format().version()).append('\n');
        out.append("contract = ").append(contract.dialect()).append('\n');
        out.append("files = ").append(String.join(" ", files)).append('\n');
        ProcessMirror first = space.scheduler().activeProcess();
        Optional<String> boot = first.suspendedContext().flatMap(this::bootExpression);
        if (boot.isPresent()) {
            out.append("boot = ").append(boot.get()).append('\n');
        } else {
            out.append("# no boot line: the first process is ").append(first.describe())
                    .append(", not at the start of one unary send to a global; write the expression it runs\n");
        }
        out.append("boot.priority = ").append(first.priority()).append('\n');
        if (special(SpecialObject.CLASS_COMPILED_METHOD) instanceof GuestObject cm && space.isClass(cm)
                && space.classMirror(cm).instanceSpec() == ObjectFormat.BYTES) {
            out.append(KernelSpec.COMPILED_METHOD_CLASS_FORMAT).append(" = ").append(KernelSpec.BYTES_FORMAT).append('\n');
        }
        out.append("window = ").append(space.header().windowWidth()).append('x').append(space.header().windowHeight())
                .append('\n');
        out.append("processor.priorities = ").append(space.scheduler().priorityCount()).append('\n');
        out.append("compactClasses = ").append(String.join(" ", compactClasses())).append('\n');
        List<String> nilSelectors = nilSpecialSelectors();
        if (!nilSelectors.isEmpty()) {
            out.append("specialSelectors.nil = ").append(String.join(" ", nilSelectors)).append('\n');
        }
        if (!values.isEmpty()) {
            out.append("classVariables = ").append(CLASS_VARIABLES_FILE).append('\n');
        }
        for (String u : unspelled) {
            out.append("# not in ").append(CLASS_VARIABLES_FILE).append(", no source spells its value: ").append(u)
                    .append('\n');
        }
        List<String> globals = otherGlobals();
        if (!globals.isEmpty()) {
            out.append("globals = ").append(String.join(" ", globals)).append('\n');
        }
        specialObjects(out);
        if (space.header().flags() != 0) {
            out.append(KernelSpec.HEADER_FLAGS).append(" = ").append(space.header().flags()).append('\n');
        }
        for (ClassMirror c : ObjectSpace.sortedByName(space.classes())) {
            if (c.instanceSize() != c.sourceInstanceVariableNames().size()) {
                out.append("# its definition declares ").append(c.sourceInstanceVariableNames().size())
                        .append(" instance variables (the names its class holds); its format word declares ")
                        .append(c.instanceSize()).append('\n');
                out.append(KernelSpec.CLASS_FORMAT_PREFIX).append(c.name()).append(" = ").append(c.formatWord())
                        .append('\n');
            }
        }
        String hints = "";
        if (!hintLines.isEmpty()) {
            out.append(KernelSpec.METHOD_HINTS).append(" = ").append(METHOD_HINTS_FILE).append('\n');
            hints = "# What the source of these methods cannot say, so that ozw bootstrap compiles them back to " + imageName
                    + "'s own:\n# 'literals' lists our compiler's literal indices in the original's order, 'float I 16rBITS'"
                    + " gives literal I a Float's bits.\n" + String.join("\n", hintLines) + "\n";
        }
        out.append('\n');
        for (Role r : Role.values()) {
            if (r.neededBy(space.memory().header().format(), contract)) {
                roleClass(r).ifPresent(name -> out.append("class.").append(r.key()).append(" = ").append(name)
                        .append('\n'));
            }
        }
        return new Texts(out.toString(), values.toString(), hints);
    }

    /**
     * Each class variable that holds something: its value as a chunk {@code Class Variable :=
     * literal!} when source spells it (a class by its name), else a line of {@code unspelled}. Without
     * Smalltalk (Candle) the value is the one of the binding the class's methods share, which is not
     * the class pool's.
     */
    private void classVariables(StringBuilder values, List<String> unspelled) {
        Decompiler decompiler = Decompiler.on(space);
        List<ClassMirror> classes = new ArrayList<>(space.classes());
        classes.sort(Comparator.comparing(ClassMirror::name));
        for (ClassMirror c : classes) {
            Map<String, ObjectMirror> pool = c.classPool().map(p -> p.associations()).orElse(Map.of());
            for (String name : new TreeSet<>(pool.keySet())) {
                GuestValue value = c.classVariableValue(name).orElseThrow();
                if (value instanceof ObjectMirror m && m.isNil()) {
                    continue;
                }
                Optional<String> text = value instanceof ClassMirror cls ? Optional.of(cls.name())
                        : decompiler.literalSource(value);
                if (text.isPresent()) {
                    values.append(c.name()).append(' ').append(name).append(" := ")
                            .append(text.get().replace("!", "!!")).append("!\n");
                } else {
                    unspelled.add(c.name() + " " + name + " (" + (value instanceof ObjectMirror m ? m.describe()
                            : String.valueOf(value)) + ")");
                }
            }
        }
    }

    /** The name of the image's class for {@code role}, when the image shows it. */
    private Optional<String> roleClass(Role role) {
        if (role.special() != null) {
            return className(special(role.special()));
        }
        GuestObject smallInteger = (GuestObject) special(SpecialObject.CLASS_SMALL_INTEGER);
        return className(switch (role) {
            case UNDEFINED_OBJECT -> space.memory().nil().cls();
            case TRUE -> space.memory().trueObject().cls();
            case FALSE -> space.memory().falseObject().cls();
            case CLASS -> rootOf(smallInteger).cls().pointerAt(contract.get(Slot.CLASS_SUPERCLASS));
            case METACLASS -> smallInteger.cls().cls();
            case SYMBOL -> ((GuestObject) special(SpecialObject.SELECTOR_DOES_NOT_UNDERSTAND)).cls();
            case METHOD_DICTIONARY -> ((GuestObject) smallInteger.pointerAt(contract.get(Slot.CLASS_METHOD_DICT))).cls();
            case ASSOCIATION -> ((GuestObject) special(SpecialObject.SCHEDULER_ASSOCIATION)).cls();
            case DICTIONARY -> space.classes().stream().flatMap(c -> c.classPool().stream())
                    .map(p -> (Object) space.unwrapObject(p).cls()).findFirst().orElse(null);
            case SYSTEM_DICTIONARY -> special(SpecialObject.SMALLTALK) instanceof GuestObject s
                    && s != space.memory().nil() ? s.cls() : null;
            case PROCESSOR_SCHEDULER -> space.unwrapObject(space.scheduler()).cls();
            case LINKED_LIST -> space.unwrapObject(space.scheduler().listAt(1)).cls();
            default -> null;
        });
    }

    /** The class at the top of {@code cls}'s superclass chain. */
    private GuestObject rootOf(GuestObject cls) {
        GuestObject c = cls;
        while (c.pointerAt(contract.get(Slot.CLASS_SUPERCLASS)) instanceof GuestObject s && space.isClass(s)) {
            c = s;
        }
        return c;
    }

    /**
     * The slots of the special objects array that no role or contract gives the seed (later VMs'
     * selectors and the primitive error table: Candle's 49, 50, 52 and 54), when they hold a Symbol
     * or an Array of Symbols and nils; and the array's size when it is larger than the seed's.
     */
    private void specialObjects(StringBuilder out) {
        GuestObject specials = space.memory().specialObjects();
        Set<Integer> seeded = new HashSet<>();
        for (SpecialObject s : SpecialObject.values()) {
            seeded.add(s.index());
        }
        StringBuilder slots = new StringBuilder();
        for (int i = 0; i < specials.pointerCount(); i++) {
            Optional<SpecialObjectValue> value = seeded.contains(i) ? Optional.empty() : symbols(specials.pointers()[i]);
            if (value.isPresent()) {
                slots.append(KernelSpec.SPECIAL_OBJECT_PREFIX).append(i + 1).append(" = ").append(value.get().text())
                        .append('\n');
            }
        }
        if (slots.isEmpty()) {
            return;
        }
        if (specials.pointerCount() > Seed.SPECIAL_OBJECTS_SIZE) {
            out.append(KernelSpec.SPECIAL_OBJECTS_SIZE).append(" = ").append(specials.pointerCount()).append('\n');
        }
        out.append("# special objects the seed does not make itself (counted from 1, as specialObjectsArray at: N)\n")
                .append(slots);
    }

    /** {@code value} as a {@link SpecialObjectValue}, when it is a Symbol or an Array of Symbols and nils. */
    private Optional<SpecialObjectValue> symbols(Object value) {
        if (!(value instanceof GuestObject object)) {
            return Optional.empty();
        }
        if (space.isSymbol(object)) {
            return Optional.of(new SpecialObjectValue(List.of(space.stringOf(object)), false));
        }
        if (object.cls() != special(SpecialObject.CLASS_ARRAY)) {
            return Optional.empty();
        }
        List<String> elements = new ArrayList<>();
        for (Object e : object.pointers()) {
            if (e == space.memory().nil()) {
                elements.add(null);
            } else if (e instanceof GuestObject g && space.isSymbol(g)) {
                elements.add(space.stringOf(g));
            } else {
                return Optional.empty();
            }
        }
        return elements.stream().anyMatch(java.util.Objects::nonNull)
                ? Optional.of(new SpecialObjectValue(elements, true)) : Optional.empty();
    }

    private Object special(SpecialObject which) {
        return space.memory().specialObject(which.index());
    }

    private Optional<String> className(Object cls) {
        return cls instanceof GuestObject c && space.isClass(c) ? Optional.of(space.classMirror(c).name())
                : Optional.empty();
    }

    /** {@code index:Name} for each class of the compact classes array (1-based, as headers count). */
    private List<String> compactClasses() {
        List<String> pairs = new ArrayList<>();
        GuestObject compact = (GuestObject) special(SpecialObject.COMPACT_CLASSES);
        for (int i = 0; i < compact.pointerCount(); i++) {
            int index = i + 1;
            className(compact.pointerAt(i)).ifPresent(name -> pairs.add(index + ":" + name));
        }
        return pairs;
    }

    /**
     * Where the image has no Smalltalk (Candle): the variables its methods bind that are neither
     * classes, class variables nor Processor, by name (Candle's PCBlock>>home:startpc:nargs: stores
     * into an undeclared {@code home}); the seed declares them so that the methods compile.
     */
    private List<String> otherGlobals() {
        if (space.smalltalk().isPresent()) {
            return List.of();
        }
        Set<String> known = new HashSet<>();
        known.add(PROCESSOR);
        for (ClassMirror c : space.classes()) {
            known.add(c.name());
            c.classPool().ifPresent(p -> known.addAll(p.associations().keySet()));
        }
        Set<String> others = new TreeSet<>();
        int key = contract.get(Slot.ASSOCIATION_KEY);
        for (GuestObject o : space.memory().objects()) {
            if (!o.isCompiledMethod()) {
                continue;
            }
            for (int i = 1; i < o.pointerCount(); i++) {
                if (o.pointerAt(i) instanceof GuestObject a && a.isPointers() && a.pointerCount() == 2
                        && a.pointerAt(key) instanceof GuestObject k && k.isBytes() && space.isSymbol(k)
                        && !known.contains(space.stringOf(k))) {
                    others.add(space.stringOf(k));
                }
            }
        }
        return List.copyOf(others);
    }

    /** The special selectors whose place in the image's array holds nil. */
    private List<String> nilSpecialSelectors() {
        List<String> nils = new ArrayList<>();
        GuestObject pairs = (GuestObject) special(SpecialObject.SPECIAL_SELECTORS);
        for (int i = 0; i < Bytecode.SPECIAL_SELECTORS.size() && 2 * i < pairs.pointerCount(); i++) {
            if (pairs.pointerAt(2 * i) == space.memory().nil()) {
                nils.add(Bytecode.SPECIAL_SELECTORS.get(i));
            }
        }
        return nils;
    }

    /**
     * The boot expression {@code context} starts with ({@code PCSystem start}), when it is at the start
     * of code (a block's or a method's) that sends one unary message to a global and returns.
     */
    public static Optional<String> bootExpressionOf(ObjectSpace space, ContextMirror context) {
        return new ManifestWriter(space).bootExpression(context);
    }

    /**
     * {@code Global selector} when the context is at the start of its code (a block's, or its
     * method's) and that code pushes a global, sends it a unary selector and returns.
     */
    private Optional<String> bootExpression(ContextMirror context) {
        Optional<MethodMirror> method = context.method();
        Optional<Integer> pc = context.pc();
        if (method.isEmpty() || pc.isEmpty() || pc.get() < method.get().initialPc()) {
            return Optional.empty();
        }
        MethodMirror m = method.get();
        byte[] code = m.bytecodes();
        int from = pc.get() - m.initialPc();
        byte[] rest = Arrays.copyOfRange(code, from, code.length);
        List<Instruction> instructions = Disassembler.disassemble(rest, pc.get(), LiteralNamer.of(List.of()),
                space.memory().header().format().hasClosures());
        if (instructions.size() < 3) {
            return Optional.empty();
        }
        Operand receiver = Operand.of(instructions.get(0));
        Operand send = Operand.of(instructions.get(1));
        Instruction.Kind end = instructions.get(2).kind();
        if (receiver.type() != Operand.Type.LITERAL_VARIABLE || send.type() != Operand.Type.SEND || send.args() != 0
                || (end != Instruction.Kind.BLOCK_RETURN && end != Instruction.Kind.RETURN)) {
            return Optional.empty();
        }
        GuestObject binding = space.unwrapObject((ObjectMirror) m.literalAt(receiver.index()));
        GuestObject selector = space.unwrapObject((ObjectMirror) m.literalAt(send.index()));
        Object key = binding.pointerAt(contract.get(Slot.ASSOCIATION_KEY));
        if (!(key instanceof GuestObject k) || !space.isSymbol(k)) {
            return Optional.empty();
        }
        return Optional.of(space.stringOf(k) + " " + space.stringOf(selector));
    }
}
