package org.ozworkbench.core.space.names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.names.ObjectName.CharacterNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassVariableBinding;
import org.ozworkbench.core.space.names.ObjectName.Field;
import org.ozworkbench.core.space.names.ObjectName.GlobalBinding;
import org.ozworkbench.core.space.names.ObjectName.IdentityKey;
import org.ozworkbench.core.space.names.ObjectName.IntegerKey;
import org.ozworkbench.core.space.names.ObjectName.Key;
import org.ozworkbench.core.space.names.ObjectName.KeyStep;
import org.ozworkbench.core.space.names.ObjectName.MetaclassNamed;
import org.ozworkbench.core.space.names.ObjectName.MethodNamed;
import org.ozworkbench.core.space.names.ObjectName.Path;
import org.ozworkbench.core.space.names.ObjectName.Special;
import org.ozworkbench.core.space.names.ObjectName.SpecialObjects;
import org.ozworkbench.core.space.names.ObjectName.Step;
import org.ozworkbench.core.space.names.ObjectName.StringKey;
import org.ozworkbench.core.space.names.ObjectName.SymbolNamed;

/**
 * The best name of every object of a space at one moment (see {@link SymbolicNames} for the
 * rules). Objects with a name of their own map to it; objects reached by a path map to a link
 * (parent, step), so the index holds one small entry per named object and paths are spelled out
 * only when asked for.
 */
final class NameIndex {
    private final Directory directory;
    private final ObjectSpace space;
    private final ObjectMemory memory;
    private final int maxSteps;
    private final Map<GuestObject, Object> entries = new IdentityHashMap<>();
    /** The objects with names of their own, in the order paths prefer them as roots. */
    private final List<GuestObject> roots = new ArrayList<>();
    private final Map<GuestObject, Layout> layouts = new IdentityHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final int keySlot;
    private final int arraySlot;
    private final GuestObject methodDictionaryClass;

    private record Link(GuestObject parent, Step step) {
    }

    /** How a path may step out of instances of a class. */
    private enum Layout {
        /** Every slot, by instance variable name where the class has one. */
        PLAIN,
        /** Hashed (Set, MethodDictionary): not by array position, which a rehash moves. */
        HASHED,
        /** A Dictionary of Associations: by key. */
        DICTIONARY,
        /** A context: its slots change as it runs. */
        OPAQUE
    }

    private NameIndex(Directory directory, int maxSteps) {
        this.directory = directory;
        this.space = directory.space();
        this.memory = space.memory();
        this.maxSteps = maxSteps;
        Contract c = space.contract();
        this.keySlot = c.get(Slot.ASSOCIATION_KEY);
        this.arraySlot = c.get(Slot.DICTIONARY_ARRAY);
        GuestObject arrayClass = (GuestObject) memory.specialObject(SpecialObject.CLASS_ARRAY.index());
        this.methodDictionaryClass = ((GuestObject) arrayClass.pointerAt(
                c.get(Slot.CLASS_METHOD_DICT))).cls();
    }

    static NameIndex build(Directory directory, int maxSteps) {
        NameIndex index = new NameIndex(directory, maxSteps);
        index.nameDirectly();
        index.namePaths();
        return index;
    }

    Optional<ObjectName> nameOf(GuestObject o) {
        Object entry = entries.get(o);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry instanceof ObjectName name) {
            return Optional.of(name);
        }
        List<Step> steps = new ArrayList<>();
        while (entry instanceof Link link) {
            steps.add(0, link.step());
            entry = entries.get(link.parent());
        }
        return Optional.of(new Path((ObjectName) entry, steps));
    }

    /** Named objects by kind of name ("special", "symbol", ... "path-1" .. "path-N"). */
    Map<String, Integer> counts() {
        return counts;
    }

    int size() {
        return entries.size();
    }

    // ---- names of their own ----

    private void nameDirectly() {
        GuestObject specials = memory.specialObjects();
        for (int i = 0; i < specials.pointerCount(); i++) {
            if (specials.pointerAt(i) instanceof GuestObject o && (o != memory.nil() || i == SpecialObject.NIL.index())
                    && !hasNameOfItsOwn(o)) {
                root(o, new Special(i), "special");
            }
        }
        root(specials, new SpecialObjects(), "special");
        nameBindings();
        List<GuestObject> classes = new ArrayList<>();
        directory.classes().unique().forEach((name, cls) -> {
            classes.add(cls);
            root(cls, new ClassNamed(name), "class");
            root(cls.cls(), new MetaclassNamed(name), "metaclass");
        });
        for (GuestObject cls : classes) {
            nameMethods(cls, new ClassNamed(directory.className(cls)));
            nameMethods(cls.cls(), new MetaclassNamed(directory.className(cls)));
        }
        directory.symbols().unique().forEach((name, symbol) -> put(symbol, new SymbolNamed(name), "symbol"));
        Object table = memory.specialObject(SpecialObject.CHARACTER_TABLE.index());
        if (table instanceof GuestObject t && t.isPointers()) {
            for (int code = 0; code < Math.min(t.pointerCount(), NameParser.LATIN1_MAX + 1); code++) {
                if (t.pointerAt(code) instanceof GuestObject ch && ch != memory.nil()) {
                    put(ch, new CharacterNamed(code), "character");
                }
            }
        }
        for (int i = 0; i < specials.pointerCount(); i++) {
            if (specials.pointerAt(i) instanceof GuestObject o && o != memory.nil()) {
                root(o, new Special(i), "special");
            }
        }
    }

    /** A class with a unique name, or a Symbol with a unique name: named by that, not by special index. */
    private boolean hasNameOfItsOwn(GuestObject o) {
        if (space.isSymbol(o)) {
            return directory.isUniqueSymbol(space.stringOf(o));
        }
        GuestObject cls = o;
        if (space.isMetaclass(o)) {
            Object thisClass = o.pointerAt(space.contract().get(Slot.METACLASS_THIS_CLASS));
            cls = thisClass instanceof GuestObject c ? c : null;
        } else if (!space.isClass(o)) {
            cls = null;
        }
        String name = cls == null ? null : directory.className(cls);
        return name != null && directory.isUniqueClass(name);
    }

    private void nameBindings() {
        Object smalltalk = memory.specialObject(SpecialObject.SMALLTALK.index());
        if (smalltalk instanceof GuestObject s && s != memory.nil()) {
            uniqueTextKeys(s).forEach((key, a) -> root(a, new GlobalBinding(key), "global"));
        }
        if (!space.contract().has(Slot.CLASS_POOL)) {
            return;
        }
        int poolSlot = space.contract().get(Slot.CLASS_POOL);
        directory.classes().unique().forEach((name, cls) -> {
            if (cls.pointerAt(poolSlot) instanceof GuestObject pool && pool != memory.nil()) {
                uniqueTextKeys(pool).forEach((key, a) -> root(a, new ClassVariableBinding(name, key), "class-variable"));
            }
        });
    }

    /** The Associations of a Dictionary whose key (Symbol or String) no other Association has. */
    private Map<String, GuestObject> uniqueTextKeys(GuestObject dictionary) {
        Map<String, GuestObject> unique = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (GuestObject a : directory.associations(dictionary)) {
            if (a.pointerAt(keySlot) instanceof GuestObject k && k.isBytes()) {
                String key = space.stringOf(k);
                if (seen.merge(key, 1, Integer::sum) == 1) {
                    unique.put(key, a);
                } else {
                    unique.remove(key);
                }
            }
        }
        return unique;
    }

    private void nameMethods(GuestObject behavior, ObjectName.Behavior name) {
        for (MethodEntry e : methodsOf(behavior)) {
            root(e.method, new MethodNamed(name, e.selector), "method");
        }
    }

    private record MethodEntry(String selector, GuestObject method) {
    }

    /** The methods of a class under selectors no other entry of its dictionary has. */
    private List<MethodEntry> methodsOf(GuestObject behavior) {
        ClassMirror mirror = space.classMirror(behavior);
        Map<String, Integer> seen = new HashMap<>();
        List<MethodEntry> entriesFound = new ArrayList<>();
        for (var e : mirror.methodDictionary().entries()) {
            seen.merge(e.selector(), 1, Integer::sum);
            entriesFound.add(new MethodEntry(e.selector(), e.method().guestObject()));
        }
        entriesFound.removeIf(e -> seen.get(e.selector) > 1);
        return entriesFound;
    }

    private void root(GuestObject o, ObjectName name, String kind) {
        if (put(o, name, kind)) {
            roots.add(o);
        }
    }

    private boolean put(GuestObject o, Object entry, String kind) {
        if (entries.putIfAbsent(o, entry) != null) {
            return false;
        }
        counts.merge(kind, 1, Integer::sum);
        return true;
    }

    // ---- paths ----

    /** Breadth first from the roots, so every path is a shortest one (ties: the earlier root). */
    private void namePaths() {
        List<GuestObject> level = new ArrayList<>(roots);
        for (int depth = 1; depth <= maxSteps && !level.isEmpty(); depth++) {
            List<GuestObject> next = new ArrayList<>();
            String kind = "path-" + depth;
            for (GuestObject o : level) {
                expand(o, (child, step) -> {
                    if (put(child, new Link(o, step.get()), kind)) {
                        next.add(child);
                    }
                });
            }
            level = next;
        }
    }

    /** Called for each object not named yet; the step is made only when it is taken. */
    private interface Visitor {
        void visit(GuestObject child, java.util.function.Supplier<Step> step);
    }

    private void expand(GuestObject o, Visitor visitor) {
        if (o.isCompiledMethod()) {
            for (int i = 1; i < o.pointerCount(); i++) {
                int slot = i;
                if (o.pointerAt(i) instanceof GuestObject child && !entries.containsKey(child)) {
                    visitor.visit(child, () -> new ObjectName.Slot(slot));
                }
            }
            return;
        }
        if (!o.isPointers()) {
            return;
        }
        Layout layout = layoutOf(o.cls());
        if (layout == Layout.OPAQUE) {
            return;
        }
        List<String> names = directory.fieldNames(o.cls());
        for (int i = 0; i < o.pointerCount(); i++) {
            boolean hashedPart = i == arraySlot || i >= names.size();
            if (layout != Layout.PLAIN && hashedPart) {
                continue;
            }
            int slot = i;
            if (o.pointerAt(i) instanceof GuestObject child && !entries.containsKey(child)) {
                visitor.visit(child, () -> slot < names.size() ? new Field(names.get(slot))
                        : new ObjectName.Slot(slot));
            }
        }
        if (layout == Layout.DICTIONARY) {
            keyedAssociations(o).forEach((key, a) -> visitor.visit(a, () -> new KeyStep(key)));
        }
    }

    /** The Associations of a Dictionary whose key a path can name and no other Association has. */
    private Map<Key, GuestObject> keyedAssociations(GuestObject dictionary) {
        Map<Key, GuestObject> unique = new LinkedHashMap<>();
        Map<Key, Integer> seen = new HashMap<>();
        for (GuestObject a : directory.associations(dictionary)) {
            Key key = keyOf(a.pointerAt(keySlot));
            if (key != null) {
                if (seen.merge(key, 1, Integer::sum) == 1) {
                    unique.put(key, a);
                } else {
                    unique.remove(key);
                }
            }
        }
        return unique;
    }

    private Key keyOf(Object key) {
        if (key instanceof Integer i) {
            return new IntegerKey(i);
        }
        GuestObject k = (GuestObject) key;
        if (space.isString(k)) {
            return new StringKey(space.stringOf(k));
        }
        if (entries.get(k) instanceof ObjectName name && (name instanceof SymbolNamed || name instanceof ObjectName.Behavior
                || name instanceof CharacterNamed || name instanceof Special)) {
            return new IdentityKey(name);
        }
        return null;
    }

    private Layout layoutOf(GuestObject cls) {
        return layouts.computeIfAbsent(cls, this::classify);
    }

    private Layout classify(GuestObject cls) {
        if (cls == memory.specialObject(SpecialObject.CLASS_METHOD_CONTEXT.index())
                || cls == memory.specialObject(SpecialObject.CLASS_BLOCK_CONTEXT.index())) {
            return Layout.OPAQUE;
        }
        if (cls == methodDictionaryClass) {
            return Layout.HASHED;
        }
        Layout layout = Layout.PLAIN;
        for (ClassMirror c : space.classMirror(cls).withAllSuperclasses()) {
            String name = c.name().startsWith("PC") ? c.name().substring(2) : c.name();
            if (name.equals("Dictionary")) {
                return Layout.DICTIONARY;
            }
            if (name.equals("Set") || name.equals("HashedCollection")) {
                layout = Layout.HASHED;
            }
        }
        return layout;
    }
}
