package org.ozworkbench.core.bootstrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ozworkbench.core.compiler.chunk.Chunk;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.HeaderBits;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.SymbolTable;

/**
 * The objects a kernel needs before any of its classes can be used, made without classes (the
 * paper's classless creation): nil, false and true, every class of the spec with its metaclass
 * (the class/metaclass loop closes on Metaclass), their names as Symbols in the symbol table
 * Symbol's class variables hold, Smalltalk, the scheduler, the semaphores, the character table and
 * the special objects array. Written as a V3 image that the host then loads as any other: the
 * spec's methods are compiled into it afterwards. Deterministic: the same spec gives the same bytes.
 */
final class Seed {
    private static final int WORD = 4;
    private static final int HEADER_SIZE = 64;
    private static final int BASE_ADDRESS = 0x10000000;
    private static final int WINDOW_SHIFT = 16;
    static final int SPECIAL_OBJECTS_SIZE = 50;
    private static final int COMPACT_CLASSES_SIZE = 31;
    private static final int CHARACTERS = 256;
    private static final int METHOD_DICTIONARY_SIZE = 32;
    private static final int MIN_DICTIONARY_SIZE = 4;
    /** Format word fields read back (V3-FACTS section 5). */
    private static final int INST_SPEC_SHIFT = 7;
    private static final int INST_SPEC_MASK = 0xF;
    private static final int COMPACT_INDEX_SHIFT = 11;
    private static final int COMPACT_INDEX_MASK = 0x1F;
    private static final int SINGLE_CHAR_SYMBOLS = 128;
    /** The slots of a class the seed may fill, where the contract has them. */
    private static final List<Slot> CLASS_SLOTS = List.of(Slot.CLASS_SUPERCLASS, Slot.CLASS_METHOD_DICT,
            Slot.CLASS_FORMAT, Slot.CLASS_INSTANCE_VARIABLES, Slot.CLASS_SUBCLASSES, Slot.CLASS_NAME, Slot.CLASS_POOL,
            Slot.CLASS_ENVIRONMENT);
    private static final int SELECTOR_TABLES = 6;
    private static final int LETTERS = 26;
    private static final int OTHER_TABLE = 51;
    static final List<String> SYMBOL_TABLE_VARIABLES = List.of("SingleCharSymbols", "SelectorTables", "OtherTable");
    /** The selectors of bytecodes 176-207 and their argument counts (V3-FACTS section 10). */
    private static final Object[][] SPECIAL_SELECTORS = {
        {"+", 1}, {"-", 1}, {"<", 1}, {">", 1}, {"<=", 1}, {">=", 1}, {"=", 1}, {"~=", 1},
        {"*", 1}, {"/", 1}, {"\\\\", 1}, {"@", 1}, {"bitShift:", 1}, {"//", 1}, {"bitAnd:", 1}, {"bitOr:", 1},
        {"at:", 1}, {"at:put:", 2}, {"size", 0}, {"next", 0}, {"nextPut:", 1}, {"atEnd", 0}, {"==", 1},
        {"class", 0}, {"blockCopy:", 1}, {"value", 0}, {"value:", 1}, {"do:", 1}, {"new", 0}, {"new:", 1},
        {"x", 0}, {"y", 0}};

    /** One object of the seed. */
    static final class Obj {
        Obj cls;
        final int format;
        final int hash;
        Object[] pointers = new Object[0];
        int[] words = new int[0];
        byte[] bytes = new byte[0];
        int address;

        Obj(Obj cls, int format, int hash) {
            this.cls = cls;
            this.format = format;
            this.hash = hash;
        }

        int bodyWords() {
            return pointers.length + words.length + bytes.length / WORD;
        }
    }

    private final KernelSpec spec;
    private final Contract contract;
    private final List<Obj> objects = new ArrayList<>();
    private int lastHash;
    private final Map<String, Obj> classes = new LinkedHashMap<>();
    private final Map<String, Integer> instSizes = new HashMap<>();
    private final Map<String, Integer> formats = new HashMap<>();
    private final Map<String, Obj> symbols = new HashMap<>();
    private final List<List<Obj>> otherBuckets = new ArrayList<>();
    private final List<List<List<Obj>>> selectorBuckets = new ArrayList<>();
    private final Obj[] singleChars = new Obj[SINGLE_CHAR_SYMBOLS];
    private Obj nil;

    private Seed(KernelSpec spec) {
        this.spec = spec;
        this.contract = spec.contract();
        for (int i = 0; i < OTHER_TABLE; i++) {
            otherBuckets.add(new ArrayList<>());
        }
        for (int t = 0; t < SELECTOR_TABLES; t++) {
            List<List<Obj>> table = new ArrayList<>();
            for (int i = 0; i < LETTERS; i++) {
                table.add(new ArrayList<>());
            }
            selectorBuckets.add(table);
        }
    }

    /** The seed image of {@code spec}, as the bytes of a V3 image file. */
    static byte[] build(KernelSpec spec) {
        return new Seed(spec).make();
    }

    private int at(Slot s) {
        return contract.get(s);
    }

    /** The class of a role, or null when the format has no such role. */
    private Obj cls(Role r) {
        String name = spec.classFor(r);
        return name == null ? null : classes.get(name);
    }

    private Obj newObj(Obj cls, int format) {
        lastHash = ObjectMemory.advanceHash(lastHash);
        Obj o = new Obj(cls, format, lastHash & HeaderBits.HASH_MASK);
        objects.add(o);
        return o;
    }

    /** An instance of a pointer class, its slots nil but for {@code values}. */
    private Obj instance(Role role, Object... values) {
        Obj c = cls(role);
        Object[] slots = new Object[instSizes.get(spec.classFor(role))];
        Arrays.fill(slots, nil);
        System.arraycopy(values, 0, slots, 0, values.length);
        Obj o = newObj(c, slots.length == 0 ? ObjectFormat.EMPTY : ObjectFormat.FIXED_POINTERS);
        o.pointers = slots;
        return o;
    }

    private Obj array(List<?> elements) {
        Obj o = newObj(cls(Role.ARRAY), ObjectFormat.INDEXABLE_POINTERS);
        o.pointers = elements.toArray();
        return o;
    }

    private Obj nils(int size) {
        Object[] slots = new Object[size];
        Arrays.fill(slots, nil);
        return array(Arrays.asList(slots));
    }

    private Obj bytes(Obj cls, byte[] content) {
        Obj o = newObj(cls, ObjectFormat.withUnusedBytes(ObjectFormat.BYTES, content.length));
        o.bytes = Arrays.copyOf(content, (content.length + WORD - 1) & -WORD);
        return o;
    }

    private Obj string(String s) {
        return bytes(cls(Role.STRING), s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Obj symbol(String name) {
        Obj existing = symbols.get(name);
        if (existing != null) {
            return existing;
        }
        Obj s = bytes(cls(Role.SYMBOL), name.getBytes(StandardCharsets.ISO_8859_1));
        symbols.put(name, s);
        char first = name.isEmpty() ? 0 : name.charAt(0);
        int numArgs = SymbolTable.numArgs(name);
        if (name.length() == 1 && first < SINGLE_CHAR_SYMBOLS) {
            singleChars[first] = s;
        } else if (first >= 'a' && first <= 'z' && numArgs >= 0) {
            selectorBuckets.get(Math.min(numArgs, SELECTOR_TABLES - 1)).get(first - 'a').add(s);
        } else {
            otherBuckets.get(Math.floorMod(SymbolTable.stringHash(name), OTHER_TABLE)).add(s);
        }
        return s;
    }

    private byte[] make() {
        nil = newObj(null, ObjectFormat.EMPTY);
        Obj falseObj = newObj(null, ObjectFormat.EMPTY);
        Obj trueObj = newObj(null, ObjectFormat.EMPTY);
        List<String> order = hierarchyOrder();
        Map<String, Obj> metaclasses = new HashMap<>();
        for (String name : order) {
            Obj meta = newObj(null, ObjectFormat.FIXED_POINTERS);
            metaclasses.put(name, meta);
            classes.put(name, newObj(meta, ObjectFormat.FIXED_POINTERS));
        }
        checkClassLayout();
        checkLayout(Role.METACLASS, contract.get(Slot.METACLASS_SLOTS));
        nil.cls = cls(Role.UNDEFINED_OBJECT);
        falseObj.cls = cls(Role.FALSE);
        trueObj.cls = cls(Role.TRUE);
        Obj metaclass = cls(Role.METACLASS);
        // without a SystemDictionary in the dialect (Candle), a plain Dictionary holds the globals'
        // bindings while the spec is compiled (its methods share them); Bootstrap drops it at the end
        Obj smalltalk = instance(spec.has(Role.SYSTEM_DICTIONARY) ? Role.SYSTEM_DICTIONARY : Role.DICTIONARY);
        // one empty Array for every class that adds no instance variable, where the dialect holds one (Candle shares one)
        Obj noNames = contract.emptyVariablesHeld() ? array(List.of()) : null;
        for (String name : order) {
            Obj c = classes.get(name);
            Obj meta = metaclasses.get(name);
            meta.cls = metaclass;
            Chunk.ClassDefinition d = spec.definitions().get(name);
            Object superclass = d.superclassName().map(classes::get).map(Object.class::cast).orElse(nil);
            Object superMeta = d.superclassName().map(metaclasses::get).map(Object.class::cast)
                    .orElse(cls(Role.CLASS));
            int classSize = classSize(name);
            Object[] metaSlots = filled(contract.get(Slot.METACLASS_SLOTS));
            metaSlots[at(Slot.CLASS_SUPERCLASS)] = superMeta;
            metaSlots[at(Slot.CLASS_METHOD_DICT)] = methodDictionary();
            metaSlots[at(Slot.CLASS_FORMAT)] = ObjectFormat.classFormatWord(classSize, ObjectFormat.FIXED_POINTERS, 0);
            List<String> classSide = spec.classSideVariablesOf(name);
            if (!classSide.isEmpty() && contract.has(Slot.CLASS_INSTANCE_VARIABLES)
                    && at(Slot.CLASS_INSTANCE_VARIABLES) < metaSlots.length) {
                metaSlots[at(Slot.CLASS_INSTANCE_VARIABLES)] = array(classSide.stream().map(this::string).toList());
            }
            metaSlots[at(Slot.METACLASS_THIS_CLASS)] = c;
            meta.pointers = metaSlots;
            Object[] slots = filled(classSize);
            slots[at(Slot.CLASS_SUPERCLASS)] = superclass;
            slots[at(Slot.CLASS_METHOD_DICT)] = methodDictionary();
            slots[at(Slot.CLASS_FORMAT)] = formats.get(name);
            if (contract.has(Slot.CLASS_INSTANCE_VARIABLES)) {
                if (!d.instanceVariableNames().isEmpty()) {
                    slots[at(Slot.CLASS_INSTANCE_VARIABLES)] = array(d.instanceVariableNames().stream()
                            .map(this::string).toList());
                } else if (contract.emptyVariablesHeld()) {
                    slots[at(Slot.CLASS_INSTANCE_VARIABLES)] = noNames;
                }
            }
            slots[at(Slot.CLASS_NAME)] = symbol(name);
            if (contract.has(Slot.CLASS_ENVIRONMENT)) {
                slots[at(Slot.CLASS_ENVIRONMENT)] = smalltalk;
            }
            c.pointers = slots;
        }
        if (contract.has(Slot.CLASS_SUBCLASSES)) { // Candle's classes keep none
            for (String name : order) {
                List<Obj> subs = new ArrayList<>();
                for (String n : order) {
                    if (spec.definitions().get(n).superclassName().filter(name::equals).isPresent()) {
                        subs.add(classes.get(n));
                    }
                }
                if (!subs.isEmpty()) {
                    classes.get(name).pointers[at(Slot.CLASS_SUBCLASSES)] = array(subs);
                }
            }
        }
        Obj scheduler = scheduler();
        Map<String, Object> globals = new LinkedHashMap<>();
        classes.forEach(globals::put);
        globals.put("Processor", scheduler);
        spec.globals().forEach(g -> globals.putIfAbsent(g, nil));
        globals.put("Smalltalk", smalltalk);
        Map<String, Obj> bindings = new HashMap<>();
        Obj globalArray = hashedAssociations(globals, bindings);
        smalltalk.pointers[at(Slot.DICTIONARY_TALLY)] = globals.size();
        smalltalk.pointers[at(Slot.DICTIONARY_ARRAY)] = globalArray;
        Object[] specials = filled(Math.max(SPECIAL_OBJECTS_SIZE, spec.fidelity().specialObjectsSize()));
        put(specials, SpecialObject.NIL, nil);
        put(specials, SpecialObject.FALSE, falseObj);
        put(specials, SpecialObject.TRUE, trueObj);
        put(specials, SpecialObject.SCHEDULER_ASSOCIATION, bindings.get("Processor"));
        put(specials, SpecialObject.SMALLTALK, smalltalk);
        for (Role r : Role.values()) {
            if (r.special() != null && cls(r) != null) {
                put(specials, r.special(), cls(r));
            }
        }
        put(specials, SpecialObject.LOW_SPACE_SEMAPHORE, semaphore());
        put(specials, SpecialObject.SELECTOR_DOES_NOT_UNDERSTAND, symbol("doesNotUnderstand:"));
        put(specials, SpecialObject.SELECTOR_CANNOT_RETURN, symbol("cannotReturn:"));
        put(specials, SpecialObject.SELECTOR_MUST_BE_BOOLEAN, symbol("mustBeBoolean"));
        put(specials, SpecialObject.SELECTOR_CANNOT_INTERPRET, symbol("cannotInterpret:"));
        List<Object> selectors = new ArrayList<>();
        for (Object[] pair : SPECIAL_SELECTORS) {
            String selector = (String) pair[0];
            selectors.add(spec.nilSpecialSelectors().contains(selector) ? nil : symbol(selector));
            selectors.add(pair[1]);
        }
        put(specials, SpecialObject.SPECIAL_SELECTORS, array(selectors));
        List<Object> characters = new ArrayList<>();
        for (int i = 0; i < CHARACTERS; i++) {
            characters.add(instance(Role.CHARACTER, i));
        }
        put(specials, SpecialObject.CHARACTER_TABLE, array(characters));
        Object[] compact = filled(COMPACT_CLASSES_SIZE);
        for (String name : order) {
            int index = spec.compactIndexOf(name);
            if (index != 0) {
                compact[index - 1] = classes.get(name);
            }
        }
        put(specials, SpecialObject.COMPACT_CLASSES, array(Arrays.asList(compact)));
        put(specials, SpecialObject.USER_INTERRUPT_SEMAPHORE, semaphore());
        Obj floatPrototype = newObj(cls(Role.FLOAT), ObjectFormat.WORDS);
        floatPrototype.words = new int[2];
        put(specials, SpecialObject.FLOAT_PROTOTYPE, floatPrototype);
        put(specials, SpecialObject.LARGE_POSITIVE_INTEGER_PROTOTYPE, bytes(cls(Role.LARGE_POSITIVE_INTEGER),
                new byte[WORD]));
        put(specials, SpecialObject.POINT_PROTOTYPE, instance(Role.POINT, 0, 0));
        put(specials, SpecialObject.EXTERNAL_OBJECTS, array(List.of()));
        put(specials, SpecialObject.FINALIZATION_SEMAPHORE, semaphore());
        fillSpecialObjectsOfTheSpec(specials);
        symbolTable();
        Obj specialObjects = array(Arrays.asList(specials));
        return write(specialObjects);
    }

    /** The slots the spec's manifest gives ({@code specialObject.N}), each one the seed leaves nil. */
    private void fillSpecialObjectsOfTheSpec(Object[] specials) {
        String manifest = spec.folder().resolve(KernelSpec.MANIFEST).toString();
        spec.fidelity().specialObjects().forEach((index, value) -> {
            int line = spec.fidelity().specialObjectLines().get(index);
            if (index > specials.length) {
                throw SpecException.at(manifest, line, KernelSpec.SPECIAL_OBJECT_PREFIX + index + ": the special objects"
                        + " array has " + specials.length + " slots (specialObjects.size)");
            }
            if (specials[index - 1] != nil) {
                throw SpecException.at(manifest, line, KernelSpec.SPECIAL_OBJECT_PREFIX + index + ": the seed fills that"
                        + " slot itself (from the classes and the contract)");
            }
            List<Object> elements = new ArrayList<>();
            for (String symbol : value.symbols()) {
                elements.add(symbol == null ? nil : symbol(symbol));
            }
            specials[index - 1] = value.array() ? array(elements) : elements.get(0);
        });
    }

    private static void put(Object[] specials, SpecialObject which, Object value) {
        specials[which.index()] = value;
    }

    private Object[] filled(int size) {
        Object[] slots = new Object[size];
        Arrays.fill(slots, nil);
        return slots;
    }

    /** The classes, each after its superclass, otherwise in the spec's order; refuses cycles and unknown superclasses. */
    private List<String> hierarchyOrder() {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : spec.definitions().keySet()) {
            List<String> chain = new ArrayList<>();
            String current = name;
            while (current != null && !done.contains(current)) {
                if (chain.contains(current)) {
                    Chunk.ClassDefinition d = spec.definitions().get(name);
                    throw SpecException.at(spec.fileOf(name), d.line(), "superclass cycle: " + String.join(" -> ", chain)
                            + " -> " + current);
                }
                chain.add(current);
                Chunk.ClassDefinition d = spec.definitions().get(current);
                String superName = d.superclassName().orElse(null);
                if (superName != null && !spec.definitions().containsKey(superName)) {
                    throw SpecException.at(spec.fileOf(current), d.line(), "unknown superclass " + superName + " of "
                            + current + ": no file of the spec defines it");
                }
                current = superName;
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                String c = chain.get(i);
                done.add(c);
                order.add(c);
                shape(c);
            }
        }
        return order;
    }

    /** The instance size and format word of a class whose superclass is shaped already. */
    private void shape(String name) {
        Chunk.ClassDefinition d = spec.definitions().get(name);
        int superSize = d.superclassName().map(instSizes::get).orElse(0);
        int superSpec = d.superclassName().map(s -> (formats.get(s) >> INST_SPEC_SHIFT) & INST_SPEC_MASK).orElse(ObjectFormat.EMPTY);
        int instSize = superSize + d.instanceVariableNames().size();
        if (instSize > ObjectFormat.MAX_INSTANCE_SIZE) {
            throw SpecException.at(spec.fileOf(name), d.line(), name + " has " + instSize
                    + " instance variables: a V3 class holds at most " + ObjectFormat.MAX_INSTANCE_SIZE);
        }
        int instSpec = switch (d.kind()) {
            case SUBCLASS -> ObjectFormat.isIndexable(superSpec) ? superSpec
                    : instSize > 0 ? ObjectFormat.FIXED_POINTERS : ObjectFormat.EMPTY;
            case VARIABLE_SUBCLASS -> instSize > 0 ? ObjectFormat.FIXED_AND_INDEXABLE_POINTERS
                    : ObjectFormat.INDEXABLE_POINTERS;
            case WEAK_SUBCLASS -> ObjectFormat.WEAK_POINTERS;
            case VARIABLE_WORD_SUBCLASS -> ObjectFormat.WORDS;
            case VARIABLE_BYTE_SUBCLASS -> ObjectFormat.BYTES;
        };
        int compact = spec.compactIndexOf(name);
        if (name.equals(spec.classFor(Role.COMPILED_METHOD)) && !spec.compiledMethodClassBytes()) {
            instSpec = ObjectFormat.COMPILED_METHOD;
        }
        instSizes.put(name, instSize);
        formats.put(name, ObjectFormat.classFormatWord(instSize, instSpec, compact));
    }

    /** The spec's Class has at least the slots the contract names for a class. */
    private void checkClassLayout() {
        int needed = 0;
        for (Slot s : CLASS_SLOTS) {
            if (contract.has(s)) {
                needed = Math.max(needed, contract.get(s) + 1);
            }
        }
        String name = spec.classFor(Role.CLASS);
        int size = instSizes.get(name);
        if (size < needed) {
            Chunk.ClassDefinition d = spec.definitions().get(name);
            throw SpecException.at(spec.fileOf(name), d.line(), name + " has " + size + " instance variables: the "
                    + contract.dialect() + " contract's classes have at least " + needed);
        }
    }

    /**
     * The slots of class {@code name}: its Class's instance variables, and the class-side ones it
     * and its superclasses add (Candle's classes have 14 slots, its PCClass names 9: PCObject's class
     * side adds 5).
     */
    private int classSize(String name) {
        int size = instSizes.get(spec.classFor(Role.CLASS));
        for (String c = name; c != null; c = spec.definitions().get(c).superclassName().orElse(null)) {
            size += spec.classSideVariablesOf(c).size();
        }
        return size;
    }

    private void checkLayout(Role role, int expected) {
        String name = spec.classFor(role);
        int size = instSizes.get(name);
        if (size != expected) {
            Chunk.ClassDefinition d = spec.definitions().get(name);
            throw SpecException.at(spec.fileOf(name), d.line(), name + " has " + size + " instance variables: the "
                    + contract.dialect() + " contract expects " + expected);
        }
    }

    private Obj methodDictionary() {
        Obj md = newObj(cls(Role.METHOD_DICTIONARY), ObjectFormat.FIXED_AND_INDEXABLE_POINTERS);
        Object[] slots = filled(contract.get(Slot.METHOD_DICT_FIXED_SLOTS) + METHOD_DICTIONARY_SIZE);
        slots[at(Slot.METHOD_DICT_TALLY)] = 0;
        slots[at(Slot.METHOD_DICT_ARRAY)] = nils(METHOD_DICTIONARY_SIZE);
        md.pointers = slots;
        return md;
    }

    private Obj semaphore() {
        Obj s = instance(Role.SEMAPHORE);
        s.pointers[at(Slot.SEMAPHORE_EXCESS_SIGNALS)] = 0;
        return s;
    }

    /** The scheduler, its lists empty, its active process the first process (its context comes last: the boot expression). */
    private Obj scheduler() {
        List<Obj> lists = new ArrayList<>();
        for (int i = 0; i < spec.priorities(); i++) {
            lists.add(instance(Role.LINKED_LIST));
        }
        Obj scheduler = instance(Role.PROCESSOR_SCHEDULER);
        scheduler.pointers[at(Slot.SCHEDULER_PROCESS_LISTS)] = array(lists);
        Obj first = instance(Role.PROCESS);
        first.pointers[at(Slot.PROCESS_PRIORITY)] = spec.bootPriority();
        scheduler.pointers[at(Slot.SCHEDULER_ACTIVE_PROCESS)] = first;
        return scheduler;
    }

    /**
     * The array of a Dictionary holding an Association per entry, each where the guest's
     * scanFor: finds it (its key's hash modulo the size, then the next free slot), with a quarter
     * of the slots free; answers the Associations by key in {@code bindings}.
     */
    private Obj hashedAssociations(Map<String, Object> entries, Map<String, Obj> bindings) {
        int size = MIN_DICTIONARY_SIZE;
        while (size - entries.size() < Math.max(size / 4, 1)) {
            size *= 2;
        }
        Object[] slots = filled(size);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Obj key = symbol(e.getKey());
            Obj association = instance(Role.ASSOCIATION, key, e.getValue());
            bindings.put(e.getKey(), association);
            int i = Math.floorMod(key.hash, size);
            while (slots[i] != nil) {
                i = (i + 1) % size;
            }
            slots[i] = association;
        }
        return array(Arrays.asList(slots));
    }

    /** Class pools (now that every Symbol of the seed exists) and Symbol's table, where the dialect has one. */
    private void symbolTable() {
        String symbolClass = spec.classFor(Role.SYMBOL);
        Chunk.ClassDefinition symbolDefinition = spec.definitions().get(symbolClass);
        boolean hasTable = contract.symbolTable() != Contract.SymbolTable.NONE;
        if (hasTable && !symbolDefinition.classVariableNames().containsAll(SYMBOL_TABLE_VARIABLES)) {
            throw SpecException.at(spec.fileOf(symbolClass), symbolDefinition.line(), symbolClass
                    + " must declare the class variables " + String.join(" ", SYMBOL_TABLE_VARIABLES)
                    + " (the " + contract.dialect() + " symbol table)");
        }
        Map<String, Map<String, Obj>> poolBindings = new LinkedHashMap<>();
        for (Map.Entry<String, Obj> e : classes.entrySet()) {
            List<String> names = spec.definitions().get(e.getKey()).classVariableNames();
            if (!names.isEmpty() || contract.emptyVariablesHeld()) {
                Map<String, Object> entries = new LinkedHashMap<>();
                names.forEach(n -> entries.put(n, nil));
                Map<String, Obj> bindings = new HashMap<>();
                Obj pool = instance(Role.DICTIONARY, names.size(), hashedAssociations(entries, bindings));
                e.getValue().pointers[at(Slot.CLASS_POOL)] = pool;
                poolBindings.put(e.getKey(), bindings);
            }
        }
        if (!hasTable) {
            return;
        }
        Map<String, Obj> symbolPool = poolBindings.get(symbolClass);
        int value = at(Slot.ASSOCIATION_VALUE);
        symbolPool.get("SingleCharSymbols").pointers[value] = array(Arrays.stream(singleChars)
                .map(s -> s == null ? nil : s).toList());
        List<Obj> tables = new ArrayList<>();
        for (List<List<Obj>> table : selectorBuckets) {
            tables.add(array(table.stream().map(this::array).toList()));
        }
        symbolPool.get("SelectorTables").pointers[value] = array(tables);
        symbolPool.get("OtherTable").pointers[value] = array(otherBuckets.stream().map(this::array).toList());
    }

    private byte[] write(Obj specialObjects) {
        long offset = 0;
        for (Obj o : objects) {
            offset += (long) (headerWords(o) - 1) * WORD;
            o.address = BASE_ADDRESS + (int) offset;
            offset += (long) (o.bodyWords() + 1) * WORD;
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(spec.format().version()).putInt(HEADER_SIZE).putInt((int) offset).putInt(BASE_ADDRESS)
                .putInt(specialObjects.address).putInt(lastHash)
                .putInt(spec.windowWidth() << WINDOW_SHIFT | spec.windowHeight()).putInt(spec.fidelity().headerFlags());
        out.position(HEADER_SIZE);
        for (Obj o : objects) {
            int headerWords = headerWords(o);
            int cc = compactIndex(o);
            if (headerWords == 3) {
                out.putInt((o.bodyWords() + 1) * WORD);
            }
            if (headerWords >= 2) {
                out.putInt(o.cls.address | HeaderBits.typeFor(headerWords));
            }
            out.putInt(HeaderBits.baseHeader(0, o.hash, headerWords == 2 ? 0 : cc, o.format, o.bodyWords(), headerWords));
            for (Object p : o.pointers) {
                out.putInt(p instanceof Integer i ? i << 1 | 1 : ((Obj) p).address);
            }
            for (int w : o.words) {
                out.putInt(w);
            }
            out.put(o.bytes);
        }
        return out.array();
    }

    /** The compact index in the format word of the object's class (V3-FACTS section 5). */
    private int compactIndex(Obj o) {
        Object format = o.cls.pointers[at(Slot.CLASS_FORMAT)];
        return format instanceof Integer f ? (f >> COMPACT_INDEX_SHIFT) & COMPACT_INDEX_MASK : 0;
    }

    private int headerWords(Obj o) {
        return HeaderBits.headerWordsFor(o.bodyWords(), compactIndex(o));
    }
}
