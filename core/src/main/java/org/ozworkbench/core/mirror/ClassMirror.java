package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.bytecode.Operand;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/** A mirror of a class (instance side); {@link MetaclassMirror} mirrors the class side. */
public class ClassMirror extends ObjectMirror {
    /** The prefix of the names source gives instance variables of a class that carries no names. */
    public static final String UNNAMED_INSTANCE_VARIABLE = "instVar";

    public ClassMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    public boolean isMeta() {
        return false;
    }

    /** The class name ("Array"; "Array class" for a metaclass). */
    public String name() {
        Object n = object.pointerAt(space.contract().get(Slot.CLASS_NAME));
        return n instanceof GuestObject g && g.isBytes() ? space.stringOf(g) : "<unnamed " + ref() + ">";
    }

    public Optional<ClassMirror> superclass() {
        Object s = object.pointerAt(space.contract().get(Slot.CLASS_SUPERCLASS));
        return s instanceof GuestObject g && g != space.memory().nil() ? Optional.of(space.classMirror(g)) : Optional.empty();
    }

    /** The superclass chain, this class first. */
    public List<ClassMirror> withAllSuperclasses() {
        List<ClassMirror> chain = new ArrayList<>();
        for (Optional<ClassMirror> c = Optional.of(this); c.isPresent() && chain.size() < 1000; c = c.get().superclass()) {
            chain.add(c.get());
        }
        return chain;
    }

    /** Direct subclasses, found by their superclass slot (the same for every dialect). */
    public List<ClassMirror> subclasses() {
        List<ClassMirror> result = new ArrayList<>();
        for (ClassMirror c : space.classes()) {
            ClassMirror side = isMeta() ? c.metaclass() : c;
            if (side.superclass().filter(this::equals).isPresent()) {
                result.add(side);
            }
        }
        return result;
    }

    /** The class side: the metaclass of this class. */
    public MetaclassMirror metaclass() {
        return (MetaclassMirror) space.classMirror(object.cls());
    }

    /** The raw format word (a SmallInteger in slot 2). */
    public int formatWord() {
        return (Integer) object.pointerAt(space.contract().get(Slot.CLASS_FORMAT));
    }

    /** The object format new instances get (0-15). */
    public int instanceSpec() {
        return (formatWord() >> 7) & 0xF;
    }

    /** The number of named instance variables of instances. */
    public int instanceSize() {
        int v = formatWord();
        return ((v >> 10) & 0xC0) + ((v >> 1) & 0x3F) - 1;
    }

    /** The index in the compact classes array (0 when not compact). */
    public int compactIndex() {
        return (formatWord() >> 11) & 0x1F;
    }

    /**
     * The names of the instance variables this class adds; empty when the dialect keeps none, or its
     * metaclasses keep none (Candle's have no slot for them).
     */
    public List<String> instanceVariableNames() {
        if (!space.contract().has(Slot.CLASS_INSTANCE_VARIABLES)
                || space.contract().get(Slot.CLASS_INSTANCE_VARIABLES) >= object.pointerCount()) {
            return List.of();
        }
        Object names = object.pointerAt(space.contract().get(Slot.CLASS_INSTANCE_VARIABLES));
        List<String> result = new ArrayList<>();
        if (names instanceof GuestObject array && array.isPointers()) {
            for (Object n : array.pointers()) {
                if (n instanceof GuestObject s && s.isBytes()) {
                    result.add(space.stringOf(s));
                }
            }
        }
        return result;
    }

    /** All instance variable names, inherited ones first, as slot order has them. */
    public List<String> allInstanceVariableNames() {
        List<ClassMirror> chain = withAllSuperclasses();
        List<String> names = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            names.addAll(chain.get(i).instanceVariableNames());
        }
        return names;
    }

    /**
     * The names source uses for the instance variables, in slot order: {@link #allInstanceVariableNames()},
     * then {@value #UNNAMED_INSTANCE_VARIABLE}N for each named slot N of the instances no class names (Candle's
     * metaclasses keep no names: {@code PCObject class} has 14 slots where its superclass {@code PCClass}
     * names 9, so instVar10... instVar14). In a dialect whose classes carry no names at all,
     * {@value #UNNAMED_INSTANCE_VARIABLE}1, {@value #UNNAMED_INSTANCE_VARIABLE}2... for each named slot of the
     * instances, or of the receiver its own methods use when they use more (a format that declares no slot
     * while its methods use some). These are the names the decompiler prints and the compiler accepts.
     */
    public List<String> sourceInstanceVariableNames() {
        List<String> names = new ArrayList<>(allInstanceVariableNames());
        int slots = space.contract().has(Slot.CLASS_INSTANCE_VARIABLES)
                ? instanceSize() : Math.max(instanceSize(), slotsItsMethodsUse());
        for (int i = names.size() + 1; i <= slots; i++) {
            names.add(UNNAMED_INSTANCE_VARIABLE + i);
        }
        return names;
    }

    /** How many of the receiver's named slots this class's own methods use: one past the highest they read or write. */
    private int slotsItsMethodsUse() {
        int used = 0;
        for (MethodDictionaryMirror.Entry e : methodDictionary().entries()) {
            MethodMirror m = e.method();
            if (m.header().isQuick() && m.primitive() >= MethodHeader.QUICK_RETURN_INSTVAR) {
                used = Math.max(used, m.primitive() - MethodHeader.QUICK_RETURN_INSTVAR + 1);
            }
            for (Instruction i : m.instructions()) {
                Operand o = Operand.of(i);
                if (o.type() == Operand.Type.RECEIVER_VARIABLE) {
                    used = Math.max(used, o.index() + 1);
                }
            }
        }
        return used;
    }

    /**
     * The part of {@link #sourceInstanceVariableNames()} this class adds to its superclass's: its
     * own names, or, where its class keeps none (Candle's metaclasses), the names source gives the
     * slots it adds ({@code instVar10}...), which a class definition declares to give it its size.
     */
    public List<String> ownSourceInstanceVariableNames() {
        List<String> all = sourceInstanceVariableNames();
        int inherited = superclass().map(s -> s.sourceInstanceVariableNames().size()).orElse(0);
        return all.subList(Math.min(inherited, all.size()), all.size());
    }

    /** The class pool (class variables), when the class has one. */
    public Optional<ClassPoolMirror> classPool() {
        if (!space.contract().has(Slot.CLASS_POOL)) {
            return Optional.empty();
        }
        Object pool = object.pointerAt(space.contract().get(Slot.CLASS_POOL));
        return pool instanceof GuestObject g && g != space.memory().nil() && g.isPointers()
                ? Optional.of(new ClassPoolMirror(space, g)) : Optional.empty();
    }

    /**
     * The value of class variable {@code name}: the class pool's, or, in an image without Smalltalk
     * (Candle), the value of the binding the class's methods (either side) share, which is not the
     * pool's there; the pool's when no method refers to it.
     */
    public Optional<GuestValue> classVariableValue(String name) {
        Optional<ObjectMirror> pooled = classPool().map(p -> p.associations().get(name));
        if (pooled.isEmpty()) {
            return Optional.empty();
        }
        ObjectMirror binding = pooled.get();
        if (space.smalltalk().isEmpty()) {
            binding = methodsBinding(name).orElse(binding);
        }
        return Optional.of(binding.slot(space.contract().get(Slot.ASSOCIATION_VALUE)));
    }

    /**
     * The Association whose key is {@code name} among the literals of this class's methods (either
     * side): in an image without Smalltalk (Candle), what binds a class variable, since its methods
     * share Associations that are not the class pool's.
     */
    public Optional<ObjectMirror> methodsBinding(String name) {
        int key = space.contract().get(Slot.ASSOCIATION_KEY);
        for (ClassMirror side : List.of(this, metaclass())) {
            for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                for (GuestValue literal : e.method().literals()) {
                    if (literal instanceof ObjectMirror a && !a.isNil() && a.guestObject().isPointers()
                            && a.slotCount() == 2 && a.slot(key) instanceof ByteObjectMirror k && k.isSymbol()
                            && k.asString().equals(name)) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The system category, where the image keeps one (SystemOrganization). */
    public Optional<String> category() {
        return space.categoryOf(this);
    }

    public MethodDictionaryMirror methodDictionary() {
        Object md = object.pointerAt(space.contract().get(Slot.CLASS_METHOD_DICT));
        return new MethodDictionaryMirror(space, (GuestObject) md);
    }

    public List<String> selectors() {
        return methodDictionary().selectors();
    }

    public Optional<MethodMirror> compiledMethodAt(String selector) {
        return methodDictionary().at(selector);
    }

    /** The method a send of {@code selector} to an instance finds, as the VM looks it up. */
    public Optional<MethodMirror> lookup(String selector) {
        for (ClassMirror c : withAllSuperclasses()) {
            Optional<MethodMirror> m = c.compiledMethodAt(selector);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /**
     * Installs {@code method} under {@code selector} (interned in the guest), replacing any
     * method there, and grows the dictionary as the guest does when it gets too full.
     */
    public void addMethod(String selector, MethodMirror method) {
        addMethod(selector, method, null, null, space.membrane().mark());
    }

    /**
     * Installs {@code method} as {@link #addMethod(String, MethodMirror)} does, files it under
     * {@code category} unless that is null, and notes (for the journal) the {@code source} it was
     * compiled from (or null) and that the operation began at membrane mark {@code since} (so the
     * creation of the method and its literals counts as part of it).
     */
    public void addMethod(String selector, MethodMirror method, String source, String category, long since) {
        GuestRef.Obj old = compiledMethodAt(selector).map(ObjectMirror::ref).orElse(null);
        MethodDictionaryMirror md = methodDictionary();
        ByteObjectMirror symbol = space.intern(selector);
        if (!md.putIfRoom(symbol, method)) {
            MethodDictionaryMirror grown = md.grownCopy(symbol, method);
            slotPut(space.contract().get(Slot.CLASS_METHOD_DICT), grown);
        }
        if (category != null) {
            space.classifyMethod(this, selector, category);
        }
        space.membrane().note(new Operation.MethodInstalled(ref(), name(), selector, method.ref(), old, source, category),
                since);
    }

    /**
     * Compiles {@code source} with the workbench's compiler and installs it in this class through
     * the membrane (see {@link org.ozworkbench.core.compiler.Compiler}).
     */
    public MethodMirror compile(String source) {
        return compile(source, null);
    }

    /** Compiles and installs {@code source}, filing the method under {@code category} (unless null). */
    public MethodMirror compile(String source, String category) {
        return org.ozworkbench.core.compiler.Compiler.on(space).install(this, source, category);
    }

    /** Removes the method for {@code selector}; answers false when there was none. */
    public boolean removeMethod(String selector) {
        long mark = space.membrane().mark();
        Optional<MethodMirror> old = compiledMethodAt(selector);
        if (old.isEmpty() || !methodDictionary().remove(selector)) {
            return false;
        }
        space.membrane().note(new Operation.MethodRemoved(ref(), name(), selector, old.get().ref()), mark);
        return true;
    }

    @Override
    public String describe() {
        return name();
    }
}
