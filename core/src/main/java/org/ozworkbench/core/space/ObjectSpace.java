package org.ozworkbench.core.space;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.image.ImageFormat;
import org.ozworkbench.core.image.ImageFormatException;
import org.ozworkbench.core.image.ImageHeader;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MetaclassMirror;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodLocation;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.ProcessSchedulerMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.mirror.WordObjectMirror;

/**
 * A guest image loaded into the host, seen through mirrors (paper Figure 2). Reading is free;
 * every change goes through the membrane ({@link #membrane()}), which tells its listeners.
 *
 * <p>Open one with {@link #load(Path)}. Not thread-safe: use a space from one thread at a time.
 */
public final class ObjectSpace implements AutoCloseable {
    /** See {@link #verifyCommits(boolean)}. */
    private boolean verifyCommits = true;
    private final ObjectMemory memory;
    private final Contract contract;
    private final GuestObject metaclassClass;
    /** The class of method dictionaries: that of class Array's own dictionary. */
    private final GuestObject methodDictionaryClass;
    private final SymbolTable symbols;
    private List<GuestObject> classCache;
    private Map<GuestObject, MethodLocation> methodIndex;

    private ObjectSpace(ObjectMemory memory, Contract contract) {
        this.memory = memory;
        this.contract = contract;
        GuestObject smallIntegerClass = (GuestObject) memory.specialObject(SpecialObject.CLASS_SMALL_INTEGER.index());
        this.metaclassClass = smallIntegerClass.cls().cls();
        GuestObject arrayClass = (GuestObject) memory.specialObject(SpecialObject.CLASS_ARRAY.index());
        this.methodDictionaryClass = ((GuestObject) arrayClass.pointerAt(contract.get(Slot.CLASS_METHOD_DICT))).cls();
        this.symbols = new SymbolTable(this);
        memory.membrane().addListener(change -> forgetCaches());
        memory.membrane().guardSlots(new SlotKinds(this));
    }

    /** Loads an image file, detecting its dialect. */
    public static ObjectSpace load(Path image) {
        return on(ObjectMemory.load(image));
    }

    /** Loads an image file with a given contract (e.g. a user's override). */
    public static ObjectSpace load(Path image, Contract contract) {
        return on(ObjectMemory.load(image), contract);
    }

    /**
     * Checks that a file can be loaded as an image, without loading it (see {@link ObjectMemory#probe}):
     * for a command to refuse a bad image before it creates anything.
     */
    public static ImageHeader probe(Path image) {
        return ObjectMemory.probe(image);
    }

    /**
     * The space that saved {@code saved} after changes to a space loaded from {@code base} (a
     * journal's checkpoint): see {@link ObjectMemory#resume}.
     */
    public static ObjectSpace resume(Path base, byte[] saved, int[] createdHashSeeds) {
        return on(ObjectMemory.resume(base, saved, createdHashSeeds));
    }

    /** Reads an image from bytes; {@code name} appears in error messages. */
    public static ObjectSpace read(Path name, byte[] image) {
        return on(ObjectMemory.read(name, image));
    }

    private static ObjectSpace on(ObjectMemory memory) {
        Contract contract = Contract.detect(memory).orElseThrow(() -> ImageFormatException.of(memory.source(),
                "unknown dialect: class Array has no layout this workbench knows (expected 9, 10 or 14 slots)"));
        return on(memory, contract);
    }

    /** The space over a memory whose kernel objects (SmallInteger, Array and their classes) look sane. */
    private static ObjectSpace on(ObjectMemory memory, Contract contract) {
        requireClass(memory, SpecialObject.CLASS_SMALL_INTEGER, contract);
        GuestObject array = requireClass(memory, SpecialObject.CLASS_ARRAY, contract);
        Object methodDict = array.pointerAt(contract.get(Slot.CLASS_METHOD_DICT));
        if (!(methodDict instanceof GuestObject d) || !d.isPointers()) {
            throw ImageFormatException.of(memory.source(), "class Array has no method dictionary in slot "
                    + contract.get(Slot.CLASS_METHOD_DICT) + " (" + contract.dialect() + " layout)");
        }
        requireClassesOfAllObjects(memory, contract);
        return new ObjectSpace(memory, contract);
    }

    /** How many compact class indexes an object header can hold (5 bits; 0 for none). */
    private static final int COMPACT_CLASS_INDEXES = 32;

    /**
     * Refuses an image where an object's class is not shaped as a class: a pointer object with a
     * superclass, a method dictionary (a SmallInteger tally and an array of methods as long as its
     * selectors) and a SmallInteger format word, and a name unless it is a metaclass. Every mirror and command reads these slots of a class; a damaged class word used to
     * load and then fail a command with an ArrayIndexOutOfBoundsException.
     */
    private static void requireClassesOfAllObjects(ObjectMemory memory, Contract contract) {
        GuestObject smallIntegerClass = (GuestObject) memory.specialObject(SpecialObject.CLASS_SMALL_INTEGER.index());
        GuestObject metaclass = smallIntegerClass.cls().cls();
        int format = contract.get(Slot.CLASS_FORMAT);
        int needed = Math.max(Math.max(contract.get(Slot.CLASS_SUPERCLASS), contract.get(Slot.CLASS_METHOD_DICT)),
                format) + 1;
        int neededByAClass = Math.max(needed, contract.get(Slot.CLASS_NAME) + 1);
        Set<GuestObject> checked = Collections.newSetFromMap(new IdentityHashMap<>());
        // No set lookup for most objects: neighbours often share a class, and an instance of a compact
        // class names it by its index (the class checked last under each index is kept)
        GuestObject previous = null;
        GuestObject[] checkedByCompactIndex = new GuestObject[COMPACT_CLASS_INDEXES];
        for (GuestObject o : memory.objects()) {
            GuestObject c = o.cls();
            int compactIndex = o.compactIndex();
            if (c == previous || checkedByCompactIndex[compactIndex] == c) {
                continue;
            }
            previous = c;
            checkedByCompactIndex[compactIndex] = c;
            if (!checked.add(c)) {
                continue;
            }
            boolean isMetaclass = c.cls() == metaclass;
            int slots = c.isPointers() ? c.pointerCount() : 0;
            if (slots < (isMetaclass ? needed : neededByAClass) || !(c.pointerAt(format) instanceof Integer)) {
                throw ImageFormatException.of(memory.source(), "the class of " + o + " is " + c + ", which is not"
                        + " shaped as a class: expected a pointer object of at least " + (isMetaclass ? needed
                        : neededByAClass) + " slots with a SmallInteger format word in slot " + format + " ("
                        + contract.dialect() + " layout)");
            }
            if (!isMethodDictionary(c.pointerAt(contract.get(Slot.CLASS_METHOD_DICT)), contract)) {
                throw ImageFormatException.of(memory.source(), "the method dictionary of class " + c + " (the class of "
                        + o + ") is not shaped as one: expected a SmallInteger tally and an array of methods as long as"
                        + " its selectors (" + contract.dialect() + " layout)");
            }
        }
    }

    private static boolean isMethodDictionary(Object value, Contract contract) {
        int tally = contract.get(Slot.METHOD_DICT_TALLY);
        int array = contract.get(Slot.METHOD_DICT_ARRAY);
        int fixed = contract.get(Slot.METHOD_DICT_FIXED_SLOTS);
        return value instanceof GuestObject md && md.isPointers() && md.pointerCount() >= fixed
                && md.pointerAt(tally) instanceof Integer && md.pointerAt(array) instanceof GuestObject methods
                && methods.isPointers() && methods.pointerCount() >= md.pointerCount() - fixed;
    }

    private static GuestObject requireClass(ObjectMemory memory, SpecialObject which, Contract contract) {
        Object cls = memory.specialObject(which.index());
        int needed = Math.max(contract.get(Slot.CLASS_METHOD_DICT), contract.get(Slot.CLASS_FORMAT)) + 1;
        if (!(cls instanceof GuestObject c) || !c.isPointers() || c.pointerCount() < needed || !c.cls().isPointers()
                || !c.cls().cls().isPointers()) {
            throw ImageFormatException.of(memory.source(), "special object " + which.index() + " is not a class ("
                    + which.name().toLowerCase().replace('_', ' ') + " expected)");
        }
        return c;
    }

    public ObjectMemory memory() {
        return memory;
    }

    public Membrane membrane() {
        return memory.membrane();
    }

    public Contract contract() {
        return contract;
    }

    public ImageHeader header() {
        return memory.header();
    }

    public ImageFormat format() {
        return memory.header().format();
    }

    public boolean hasClosures() {
        return format().hasClosures();
    }

    public void addListener(Membrane.Listener listener) {
        memory.membrane().addListener(listener);
    }

    public void removeListener(Membrane.Listener listener) {
        memory.membrane().removeListener(listener);
    }

    // ---- surgeries ----

    private final List<Surgery.Listener> surgeryListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Surgery openSurgery;

    /** Begins a surgery: changes until commit are one batch, undone whole if it aborts. */
    public Surgery beginSurgery(String label) {
        if (execution != null && execution.isRunning()) {
            throw new IllegalStateException("cannot begin surgery '" + label + "' while the guest is running:"
                    + " interrupt the run first");
        }
        if (openSurgery != null) {
            throw new IllegalStateException("surgery '" + openSurgery.label() + "' is still open: commit or abort it"
                    + " before beginning '" + label + "'");
        }
        Surgery surgery = new Surgery(this, label, java.time.Instant.now());
        openSurgery = surgery;
        try {
            surgeryListeners.forEach(l -> l.begun(surgery));
        } catch (RuntimeException e) {
            try {
                surgery.abort("a surgery listener failed when it began: " + e.getMessage());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return surgery;
    }

    /** The surgery in progress, if any: while one is open, the guest must not run. */
    public Optional<Surgery> openSurgery() {
        return Optional.ofNullable(openSurgery);
    }

    public void addSurgeryListener(Surgery.Listener listener) {
        surgeryListeners.add(listener);
    }

    public void removeSurgeryListener(Surgery.Listener listener) {
        surgeryListeners.remove(listener);
    }

    List<Surgery.Listener> surgeryListeners() {
        return surgeryListeners;
    }

    void surgeryEnded(Surgery surgery) {
        if (openSurgery == surgery) {
            openSurgery = null;
        }
    }

    // ---- running guest code ----

    private Execution execution;

    /** Guest code run by the host: runs under a budget, interruption, evaluation (see {@link Execution}). */
    public Execution execution() {
        if (execution == null) {
            execution = new Execution(this);
        }
        return execution;
    }

    /** Runs the guest's processes under a budget (see {@link Execution#run}). */
    public RunResult run(Budget budget) {
        return execution().run(budget);
    }

    /** Stops the running guest at its next bytecode boundary; safe from any thread. */
    public void interrupt() {
        execution().interrupt();
    }

    /** Evaluates an expression in the guest (see {@link Execution#evaluate(String)}). */
    public Evaluation evaluate(String expression) {
        return execution().evaluate(expression);
    }

    /**
     * A throwaway copy of this space, loaded from its current bytes (paper 5.3, sandboxing):
     * whatever runs or changes there leaves this space as it is.
     */
    public ObjectSpace sandbox() {
        return new ObjectSpace(ObjectMemory.read(memory.source(), memory.toBytes()), contract);
    }

    // ---- saving ----

    public byte[] toBytes() {
        return memory.toBytes();
    }

    /**
     * Saves to {@code target} (temporary file renamed into place); never overwrites the loaded file.
     *
     * @throws IllegalStateException while a surgery is open: a saved image would run half of it
     */
    public void save(Path target) {
        save(target, false);
    }

    /** Saves as {@link #save(Path)}, over the loaded file too when {@code overwriteSource}. */
    public void save(Path target, boolean overwriteSource) {
        if (openSurgery != null) {
            throw new IllegalStateException("cannot save " + target + " while surgery '" + openSurgery.label()
                    + "' is open: the image would hold half of it");
        }
        memory.save(target, overwriteSource);
    }

    /**
     * Writes the image beside {@code target} without putting it in place ({@link StagedFile}); unlike
     * {@link #save}, allowed while a surgery is open, for its last step: the bytes are what the guest
     * holds if the surgery commits. Publish the file once the commit has returned, close it either way.
     */
    public StagedFile stage(Path target) {
        return memory.stage(target, false);
    }

    @Override
    public void close() {
        // Nothing is held open: the image was read whole. Kept for try-with-resources symmetry.
    }

    // ---- the well-known objects (paper Figure 2) ----

    public ObjectMirror nilObject() {
        return mirror(memory.nil());
    }

    public ObjectMirror trueObject() {
        return mirror(memory.trueObject());
    }

    public ObjectMirror falseObject() {
        return mirror(memory.falseObject());
    }

    public ObjectMirror specialObjectsArray() {
        return mirror(memory.specialObjects());
    }

    /** The special object at that index, or empty when the image holds nil there or the array is shorter. */
    public Optional<GuestValue> specialObject(SpecialObject which) {
        Object v = memory.specialObject(which.index());
        return v == null || v == memory.nil() ? Optional.empty() : Optional.of(valueOf(v));
    }

    GuestObject specialGuestObject(SpecialObject which) {
        Object v = memory.specialObject(which.index());
        return v instanceof GuestObject g && g != memory.nil() ? g : null;
    }

    public ProcessSchedulerMirror scheduler() {
        return new ProcessSchedulerMirror(this, schedulerObject());
    }

    private GuestObject schedulerObject() {
        GuestObject association = specialGuestObject(SpecialObject.SCHEDULER_ASSOCIATION);
        return (GuestObject) association.pointerAt(contract.get(Slot.ASSOCIATION_VALUE));
    }

    /** The class at that index of the compact classes array (1..31). */
    public Optional<ClassMirror> compactClassAt(int index) {
        GuestObject array = specialGuestObject(SpecialObject.COMPACT_CLASSES);
        if (array == null || index < 1 || index >= array.pointerCount()) {
            return Optional.empty();
        }
        Object c = array.pointerAt(index - 1);
        return c instanceof GuestObject g && g != memory.nil() ? Optional.of(classMirror(g)) : Optional.empty();
    }

    // ---- classes ----

    public GuestObject metaclassClass() {
        return metaclassClass;
    }

    public boolean isMetaclass(GuestObject o) {
        return o.cls() == metaclassClass;
    }

    boolean isMethodDictionary(GuestObject o) {
        return o.cls() == methodDictionaryClass;
    }

    public boolean isClass(GuestObject o) {
        return o.cls().cls() == metaclassClass;
    }

    /** Every class (instance side) of the image, in memory order. */
    public List<ClassMirror> classes() {
        List<ClassMirror> result = new ArrayList<>();
        for (GuestObject meta : metaclasses()) {
            Object thisClass = meta.pointerAt(contract.get(Slot.METACLASS_THIS_CLASS));
            if (thisClass instanceof GuestObject c && c != memory.nil()) {
                result.add(classMirror(c));
            }
        }
        return result;
    }

    private List<GuestObject> metaclasses() {
        if (classCache == null) {
            List<GuestObject> metas = new ArrayList<>();
            for (GuestObject o : memory.objects()) {
                if (o.cls() == metaclassClass) {
                    metas.add(o);
                }
            }
            classCache = metas;
        }
        return classCache;
    }

    /** The class of this name ("Array", or "Array class" for the metaclass), by its name slot. */
    public Optional<ClassMirror> classNamed(String name) {
        boolean meta = name.endsWith(" class");
        String base = meta ? name.substring(0, name.length() - " class".length()) : name;
        int nameSlot = contract.get(Slot.CLASS_NAME);
        for (GuestObject m : metaclasses()) {
            Object thisClass = m.pointerAt(contract.get(Slot.METACLASS_THIS_CLASS));
            if (thisClass instanceof GuestObject c && c.pointerCount() > nameSlot
                    && c.pointerAt(nameSlot) instanceof GuestObject n && n.isBytes() && stringOf(n).equals(base)) {
                return Optional.of(meta ? classMirror(m) : classMirror(c));
            }
        }
        return Optional.empty();
    }

    public ClassMirror classMirror(GuestObject cls) {
        return isMetaclass(cls) ? new MetaclassMirror(this, cls) : new ClassMirror(this, cls);
    }

    /** Every change may add a class or move a method: the derived indexes are rebuilt on demand. */
    private void forgetCaches() {
        classCache = null;
        methodIndex = null;
    }

    // ---- globals ----

    /** Smalltalk (the SystemDictionary), when the image has one (Candle has none). */
    public Optional<ObjectMirror> smalltalk() {
        GuestObject s = specialGuestObject(SpecialObject.SMALLTALK);
        return s == null ? Optional.empty() : Optional.of(mirror(s));
    }

    /** The global variables: name to value, in the order of Smalltalk's hash array. */
    public Map<String, GuestValue> globals() {
        Map<String, GuestValue> result = new LinkedHashMap<>();
        GuestObject s = specialGuestObject(SpecialObject.SMALLTALK);
        if (s != null) {
            GuestDictionary d = new GuestDictionary(this, s);
            for (GuestObject a : d.associations()) {
                result.put(d.keyOf(a), valueOf(d.valueOf(a)));
            }
        }
        return result;
    }

    public Optional<GuestValue> globalNamed(String name) {
        return globalAssociation(name).map(a -> a.slot(contract.get(Slot.ASSOCIATION_VALUE)));
    }

    /** The Association that binds a global in Smalltalk: what compiled code refers to. */
    public Optional<ObjectMirror> globalAssociation(String name) {
        GuestObject s = specialGuestObject(SpecialObject.SMALLTALK);
        if (s == null) {
            return Optional.empty();
        }
        return new GuestDictionary(this, s).associationAt(name).map(this::mirror);
    }

    /** The associations of a class pool or other Dictionary. */
    public Map<String, ObjectMirror> dictionaryAssociations(ObjectMirror dictionary) {
        Map<String, ObjectMirror> result = new LinkedHashMap<>();
        GuestDictionary d = new GuestDictionary(this, unwrapObject(dictionary));
        for (GuestObject a : d.associations()) {
            result.put(d.keyOf(a), mirror(a));
        }
        return result;
    }

    // ---- mirrors and values ----

    /** The most specific mirror for this object. */
    public ObjectMirror mirror(GuestObject o) {
        if (o.memory() != memory) {
            throw MembraneException.foreignObject(o);
        }
        if (o.isCompiledMethod()) {
            return new MethodMirror(this, o);
        }
        if (o.isBytes()) {
            return new ByteObjectMirror(this, o);
        }
        if (o.isWords()) {
            return new WordObjectMirror(this, o);
        }
        GuestObject cls = o.cls();
        if (cls == metaclassClass) {
            return new MetaclassMirror(this, o);
        }
        if (cls.cls() == metaclassClass) {
            return new ClassMirror(this, o);
        }
        if (cls == specialGuestObject(SpecialObject.CLASS_METHOD_CONTEXT)
                || cls == specialGuestObject(SpecialObject.CLASS_BLOCK_CONTEXT)) {
            return new ContextMirror(this, o);
        }
        if (cls == specialGuestObject(SpecialObject.CLASS_PROCESS)) {
            return new ProcessMirror(this, o);
        }
        if (cls == methodDictionaryClass) {
            return new MethodDictionaryMirror(this, o);
        }
        if (o == schedulerObject()) {
            return new ProcessSchedulerMirror(this, o);
        }
        return new ObjectMirror(this, o);
    }


    /** The host view of a slot value: a SmallInteger or the most specific mirror. */
    public GuestValue valueOf(Object slotValue) {
        if (slotValue instanceof Integer i) {
            return SmallInteger.of(i);
        }
        if (slotValue instanceof GuestObject g) {
            return mirror(g);
        }
        throw MembraneException.hostObject(slotValue);
    }

    /** The slot value behind a host value, refusing mirrors of another space. */
    public Object unwrap(GuestValue value) {
        if (value instanceof SmallInteger s) {
            return s.value();
        }
        return unwrapObject((ObjectMirror) value);
    }

    public GuestObject unwrapObject(ObjectMirror mirror) {
        if (mirror == null) {
            throw MembraneException.hostObject(null);
        }
        if (mirror.space() != this) {
            throw MembraneException.foreignObject(mirror.guestObject());
        }
        return mirror.guestObject();
    }

    // ---- host <-> guest conversions ----

    /**
     * Converts a host value into the guest, creating objects through the membrane where needed:
     * null, Boolean, Integer/Long/BigInteger (SmallInteger, else LargePositive/NegativeInteger),
     * Character (0..255), String (a new String), {@link Symbol} (interned in the guest's table),
     * Double/Float (a new Float), and List or Object[] of these (a new Array).
     */
    public GuestValue toGuest(Object host) {
        return Conversions.toGuest(this, host);
    }

    /**
     * Converts a guest value to the host: SmallInteger and LargeIntegers to Long or BigInteger,
     * nil/true/false to null/Boolean, Character, String, Symbol, Float to Double, Array to List.
     * Other objects are answered as their mirror.
     */
    public Object toHost(GuestValue value) {
        return Conversions.toHost(this, value);
    }

    /** The Symbol of this name, interned in the guest's own table if it was not there yet. */
    public ByteObjectMirror intern(String name) {
        return new ByteObjectMirror(this, symbols.intern(name));
    }

    /** The Symbol of this name if the guest has it, without creating it. */
    public Optional<ByteObjectMirror> symbolNamed(String name) {
        return symbols.lookup(name).map(g -> new ByteObjectMirror(this, g));
    }

    SymbolTable symbolTable() {
        return symbols;
    }

    public GuestObject symbolClass() {
        return ((GuestObject) memory.specialObject(SpecialObject.SELECTOR_DOES_NOT_UNDERSTAND.index())).cls();
    }

    public boolean isSymbol(GuestObject o) {
        return o.cls() == symbolClass();
    }

    public boolean isString(GuestObject o) {
        return o.cls() == specialGuestObject(SpecialObject.CLASS_STRING);
    }

    public boolean isFloat(GuestObject o) {
        return o.cls() == specialGuestObject(SpecialObject.CLASS_FLOAT) && o.words().length == 2;
    }

    public double floatValue(GuestObject o) {
        int[] w = o.words();
        long hi = format().floatsLowWordFirst() ? w[1] : w[0];
        long lo = format().floatsLowWordFirst() ? w[0] : w[1];
        return Double.longBitsToDouble((hi << 32) | (lo & 0xFFFFFFFFL));
    }

    /** The characters of a byte object (ISO-8859-1). */
    public String stringOf(GuestObject bytes) {
        return new String(bytes.bytes(), 0, bytes.byteCount(), StandardCharsets.ISO_8859_1);
    }

    // ---- classes from the host ----

    /**
     * Creates a class in the guest through the membrane (see {@link ClassFactory}): {@code kind}
     * is one of "subclass:", "variableSubclass:", "variableByteSubclass:", "variableWordSubclass:",
     * "weakSubclass:".
     */
    public ClassMirror defineClass(String name, ClassMirror superclass, String kind, List<String> instanceVariables,
                                   List<String> classVariables, String category) {
        return new ClassFactory(this).define(name, superclass, ClassFactory.Kind.ofKeyword(kind), instanceVariables,
                classVariables, category);
    }

    /**
     * Whether a surgery's commit first checks that its changes replay (see {@link Surgery#commit()});
     * on unless turned off, which only a benchmark measuring that check's cost should do.
     */
    public void verifyCommits(boolean verify) {
        this.verifyCommits = verify;
    }

    boolean verifiesCommits() {
        return verifyCommits;
    }

    /**
     * Adds class variables (bound to nil) to an existing class, as the guest's ClassBuilder does when
     * a class is redefined with more of them.
     *
     * @throws org.ozworkbench.core.memory.MembraneException when a name is not a valid class variable name or is taken
     */
    public void addClassVariables(ClassMirror cls, List<String> names) {
        new ClassFactory(this).addClassVariables(cls, names);
    }

    /** Files {@code selector} of {@code cls} under a method category, as the guest's organizer keeps them. */
    public void classifyMethod(ClassMirror cls, String selector, String category) {
        Organization.classifySelector(this, cls, selector, category);
    }

    // ---- guest code from the host (paper 3.5) ----

    /**
     * A new, suspended guest process that evaluates {@code expressionSource} (statements, as a
     * doIt with nil as receiver), compiled in the host by our compiler. Resume it, or make it the
     * active process, for it to run when the image runs.
     */
    public ProcessMirror createProcessWithPriority(int priority, String expressionSource) {
        long mark = membrane().mark();
        MethodMirror doIt = Compiler.on(this).createDoIt(nilObject().classMirror(), expressionSource);
        return scheduler().createProcess(doIt, nilObject(), priority, mark);
    }

    // ---- creating objects ----

    /** A new instance of {@code cls}, as basicNew: would make it. */
    public ObjectMirror instantiate(ClassMirror cls, int indexableSize) {
        return mirror(membrane().instantiate(unwrapObject(cls), indexableSize));
    }

    /** A new Array holding these values. */
    public ObjectMirror newArray(List<? extends GuestValue> values) {
        Object[] slots = new Object[values.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = unwrap(values.get(i));
        }
        GuestObject arrayClass = specialGuestObject(SpecialObject.CLASS_ARRAY);
        return mirror(membrane().create(arrayClass, ObjectFormat.INDEXABLE_POINTERS, slots, new int[0], new byte[0]));
    }

    /** A new String with these characters (ISO-8859-1). */
    public ByteObjectMirror newString(String s) {
        GuestObject stringClass = specialGuestObject(SpecialObject.CLASS_STRING);
        return (ByteObjectMirror) mirror(membrane().create(stringClass, ObjectFormat.BYTES, new Object[0], new int[0],
                latin1(s)));
    }

    static byte[] latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(s.charAt(i))
                        + " at " + i + " does not fit a V3 String (ISO-8859-1)");
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- statistics ----

    /** The objects whose class is {@code cls}. */
    public List<ObjectMirror> instancesOf(ClassMirror cls) {
        GuestObject c = unwrapObject(cls);
        List<ObjectMirror> result = new ArrayList<>();
        for (GuestObject o : memory.objects()) {
            if (o.cls() == c) {
                result.add(mirror(o));
            }
        }
        return result;
    }

    /** Where each method is installed: method object to class and selector, built on demand. */
    private Map<GuestObject, MethodLocation> methodIndex() {
        if (methodIndex == null) {
            Map<GuestObject, MethodLocation> index = new IdentityHashMap<>();
            for (ClassMirror c : classes()) {
                for (ClassMirror side : List.of(c, c.metaclass())) {
                    for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                        index.putIfAbsent(e.method().guestObject(), new MethodLocation(side, e.selector()));
                    }
                }
            }
            methodIndex = index;
        }
        return methodIndex;
    }

    /** The class and selector under which {@code method} is installed, if it is. */
    public Optional<MethodLocation> methodLocation(MethodMirror method) {
        return Optional.ofNullable(methodIndex().get(unwrapObject(method)));
    }

    /** The system category of a class, from SystemOrganization, where the image has one. */
    public Optional<String> categoryOf(ClassMirror cls) {
        return Organization.categoryOf(this, cls);
    }

    /** The category a method of {@code cls} is filed under in the class's organizer, if it has one. */
    public Optional<String> methodCategoryOf(ClassMirror cls, String selector) {
        return Organization.methodCategoryOf(this, cls, selector);
    }

    public static <T extends ClassMirror> List<T> sortedByName(Collection<T> classes) {
        List<T> sorted = new ArrayList<>(classes);
        sorted.sort(Comparator.comparing(ClassMirror::name));
        return sorted;
    }

    @Override
    public String toString() {
        return "ObjectSpace[" + (memory.source() == null ? "?" : memory.source().getFileName()) + ", "
                + contract.dialect() + ", format " + format().version() + "]";
    }
}
