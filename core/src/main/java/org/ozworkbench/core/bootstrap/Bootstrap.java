package org.ozworkbench.core.bootstrap;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.Operand;
import org.ozworkbench.core.compiler.CompileError;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ClassPoolMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Builds a kernel image from a {@link KernelSpec} with no base image: the {@link Seed} (every
 * class and the objects the VM needs, made without classes), then each spec file filed in as a
 * surgery (methods compiled by the host's compiler, doIts run by the host's interpreter), then the
 * context of the first process (the seed's active process), which starts the boot expression.
 *
 * <pre>{@code
 * try (ObjectSpace space = Bootstrap.build(KernelSpec.read(Path.of("kernel/6502")))) {
 *     space.save(Path.of("kernel.image"));
 * }
 * }</pre>
 */
public final class Bootstrap {
    /**
     * Where the time of a bootstrap went, in nanoseconds: the seed made and loaded, the spec's
     * files compiled (class definitions and methods) and initialised (their doIts run in the
     * host's interpreter), the boot process made.
     */
    public record Timings(long seed, long compile, long initialise, long boot) {
        /** The spec's files filed in: compiled and initialised. */
        public long fileIn() {
            return compile + initialise;
        }
    }

    /** Hears a bootstrap's steps: e.g. a journal that records the genesis and the surgeries after it. */
    public interface Listener {
        /** The seed is loaded as {@code space}; nothing of the spec's files is in it yet. */
        default void seeded(ObjectSpace space, byte[] seed) {
        }

        /** The bootstrap is done: where its time went. */
        default void done(Timings timings) {
        }
    }

    /** What bytecodes 113-119 push after self (V3-FACTS section 10): null is nil. */
    private static final Object[] PUSHED_CONSTANTS = {Boolean.TRUE, Boolean.FALSE, null, -1, 0, 1, 2};
    /** What bytecodes 121-123 return. */
    private static final Object[] RETURNED_CONSTANTS = {Boolean.TRUE, Boolean.FALSE, null};

    private static final Listener NONE = new Listener() {
    };

    private final KernelSpec spec;
    private final Listener listener;

    private Bootstrap(KernelSpec spec, Listener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    /**
     * The bootstrapped space of {@code spec}, not yet saved.
     *
     * @throws SpecException naming the file and line of what cannot be built
     */
    public static ObjectSpace build(KernelSpec spec) {
        return build(spec, NONE);
    }

    /** Builds as {@link #build(KernelSpec)} does, telling {@code listener} each step. */
    public static ObjectSpace build(KernelSpec spec, Listener listener) {
        return new Bootstrap(spec, listener).run();
    }

    private ObjectSpace run() {
        long t0 = System.nanoTime();
        byte[] seed = Seed.build(spec);
        ObjectSpace space = ObjectSpace.read(spec.folder().resolve(KernelSpec.MANIFEST), seed);
        long t1 = System.nanoTime();
        try {
            listener.seeded(space, seed);
            long initialise = 0;
            Set<String> hinted = new HashSet<>();
            for (KernelSpec.SpecFile f : spec.files()) {
                initialise += fileIn(space, f, hinted);
            }
            checkHintsUsed(hinted);
            long values = System.nanoTime();
            setClassVariables(space);
            setClassFormats(space);
            initialise += System.nanoTime() - values;
            long t2 = System.nanoTime();
            installBootProcess(space);
            listener.done(new Timings(t1 - t0, t2 - t1 - initialise, initialise, System.nanoTime() - t2));
            return space;
        } catch (RuntimeException e) {
            space.close();
            throw e;
        }
    }

    /** Files {@code f} in, adding the methods compiled with a hint to {@code hinted}; answers the nanoseconds its doIts ran. */
    private long fileIn(ObjectSpace space, KernelSpec.SpecFile f, Set<String> hinted) {
        FileIn fileIn = new FileIn(space, spec.fidelity().methodHints());
        try {
            fileIn.fileIn(f.text(), f.name());
            hinted.addAll(fileIn.hinted());
            return fileIn.doItNanos();
        } catch (FileIn.FileInError e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    /** Every method hint was for a method of the spec: one that names no method is a mistake, not a no-op. */
    private void checkHintsUsed(Set<String> hinted) {
        KernelSpec.Fidelity f = spec.fidelity();
        for (String method : f.methodHints().keySet()) {
            if (!hinted.contains(method)) {
                throw SpecException.at(f.hintsFile(), f.hintLines().get(method), method
                        + ": no file of the spec defines this method");
            }
        }
    }

    /**
     * The format words the manifest gives classes whose definitions cannot ({@code classFormat.Name}),
     * in one surgery, once their methods are compiled: those were compiled with the slots the
     * definition declares (Candle's PCBitBlt: 14, where its format word, 128, reads -1).
     */
    private void setClassFormats(ObjectSpace space) {
        Map<String, Integer> formats = spec.fidelity().classFormats();
        if (formats.isEmpty()) {
            return;
        }
        try (Surgery s = space.beginSurgery("class formats")) {
            formats.forEach((name, word) -> space.classNamed(name).orElseThrow()
                    .slotPut(space.contract().get(Slot.CLASS_FORMAT), space.valueOf(word)));
            s.commit();
        }
    }

    /**
     * The class variables the spec gives values, in one surgery: each literal (or class name) is
     * compiled by the host's compiler as the doIt {@code ^ literal}, whose literal frame then holds
     * the value, made as the compiler makes any literal; it goes in the class pool, which the
     * methods compiled here share. Nothing runs: a value is a literal.
     */
    private void setClassVariables(ObjectSpace space) {
        if (spec.classVariables().isEmpty()) {
            return;
        }
        ClassMirror undefinedObject = space.classNamed(spec.classFor(Role.UNDEFINED_OBJECT)).orElseThrow();
        try (Surgery s = space.beginSurgery("class variables")) {
            for (KernelSpec.ClassVariable v : spec.classVariables()) {
                ClassPoolMirror pool = space.classNamed(v.className()).flatMap(ClassMirror::classPool).orElseThrow();
                MethodMirror doIt;
                try {
                    doIt = Compiler.on(space).createDoIt(undefinedObject, "^ " + v.source());
                } catch (SyntaxError | CompileError e) {
                    throw SpecException.at(v.file(), v.line(), v.className() + " " + v.name() + ": " + e.getMessage());
                }
                pool.atPut(v.name(), literalAnswered(space, doIt).orElseThrow(() -> SpecException.at(v.file(), v.line(),
                        v.className() + " " + v.name() + ": expected a literal or a class name, not " + v.source())));
            }
            s.commit();
        }
    }

    /** What a doIt {@code ^ literal} answers, read from its code: a constant, a literal, or a global's value. */
    private static Optional<GuestValue> literalAnswered(ObjectSpace space, MethodMirror doIt) {
        List<Instruction> code = doIt.instructions();
        if (code.size() == 1 && code.get(0).opcode() > Bytecode.RETURN_SELF
                && code.get(0).opcode() <= Bytecode.RETURN_SELF + RETURNED_CONSTANTS.length) {
            return Optional.of(constant(space, RETURNED_CONSTANTS[code.get(0).opcode() - Bytecode.RETURN_SELF - 1]));
        }
        if (code.size() != 2 || code.get(1).kind() != Instruction.Kind.RETURN) {
            return Optional.empty();
        }
        Operand pushed = Operand.of(code.get(0));
        return switch (pushed.type()) {
            case LITERAL_CONSTANT -> Optional.of(doIt.literalAt(pushed.index()));
            case LITERAL_VARIABLE -> Optional.of(((ObjectMirror) doIt.literalAt(pushed.index()))
                    .slot(space.contract().get(Slot.ASSOCIATION_VALUE)));
            case SPECIAL_CONSTANT -> pushed.index() == 0 ? Optional.empty()
                    : Optional.of(constant(space, PUSHED_CONSTANTS[pushed.index() - 1]));
            default -> Optional.empty();
        };
    }

    /** true, false, nil, or a SmallInteger. */
    private static GuestValue constant(ObjectSpace space, Object constant) {
        if (constant instanceof Integer i) {
            return space.valueOf(i);
        }
        return space.valueOf(constant == Boolean.TRUE ? space.memory().trueObject()
                : constant == Boolean.FALSE ? space.memory().falseObject() : space.memory().nil());
    }

    /**
     * The first process (the seed's active process, at the manifest's priority) gets its context:
     * a fresh MethodContext of the boot expression, compiled as a doIt with receiver nil.
     */
    private void installBootProcess(ObjectSpace space) {
        ClassMirror undefinedObject = space.classNamed(spec.classFor(Role.UNDEFINED_OBJECT)).orElseThrow();
        try (Surgery s = space.beginSurgery("boot process")) {
            MethodMirror method;
            try {
                method = Compiler.on(space).createDoIt(undefinedObject, spec.bootExpression());
            } catch (SyntaxError | CompileError e) {
                throw SpecException.at(spec.folder().resolve(KernelSpec.MANIFEST).toString(), spec.bootLine(),
                        "boot expression: " + e.getMessage());
            }
            Contract c = space.contract();
            GuestObject contextClass = (GuestObject) space.memory().specialObject(
                    SpecialObject.CLASS_METHOD_CONTEXT.index());
            Object[] slots = new Object[c.get(Slot.CONTEXT_FIXED_SLOTS) + method.frameSize()];
            Arrays.fill(slots, space.memory().nil());
            slots[c.get(Slot.CONTEXT_PC)] = method.initialPc();
            slots[c.get(Slot.CONTEXT_STACKP)] = method.numTemps();
            slots[c.get(Slot.CONTEXT_METHOD)] = space.unwrapObject(method);
            GuestObject context = space.membrane().create(contextClass, ObjectFormat.FIXED_AND_INDEXABLE_POINTERS,
                    slots, new int[0], new byte[0]);
            space.scheduler().activeProcess().slotPut(c.get(Slot.PROCESS_SUSPENDED_CONTEXT), space.mirror(context));
            if (!spec.has(Role.SYSTEM_DICTIONARY)) {
                // the Dictionary that held the globals' bindings for the compiler: the dialect has no Smalltalk
                space.specialObjectsArray().slotPut(SpecialObject.SMALLTALK.index(), space.mirror(space.memory().nil()));
            }
            s.commit();
        }
    }
}
