package org.ozworkbench.core.space.names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.names.ObjectName.Behavior;
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
import org.ozworkbench.core.space.names.Resolution.Failure;
import org.ozworkbench.core.space.names.Resolution.Resolved;
import org.ozworkbench.core.space.names.Resolution.Unresolved;

/**
 * Finds what a name denotes in one space: Symbols and classes by name (kept in an index, rebuilt
 * after a change that can add, remove or rename one), everything else by reading the guest's own
 * structures (Smalltalk, class pools, method dictionaries, slots) as they are now.
 */
final class Directory {
    private final ObjectSpace space;
    private final ObjectMemory memory;
    private final int keySlot;
    private final int valueSlot;
    private final int arraySlot;
    private final int methodDictSlot;
    private final int methodArraySlot;
    private final int methodDictFixed;
    private final int poolSlot;
    private final int nameSlot;
    private Names symbols;
    private Names classes;
    private final Map<GuestObject, List<String>> fieldNames = new IdentityHashMap<>();

    /** Objects by name, with the names more than one object answers to. */
    record Names(Map<String, GuestObject> unique, Map<String, Integer> duplicates) {
        static Names of() {
            return new Names(new HashMap<>(), new HashMap<>());
        }

        void add(String name, GuestObject o) {
            if (duplicates.containsKey(name)) {
                duplicates.merge(name, 1, Integer::sum);
            } else if (unique.remove(name) != null) {
                duplicates.put(name, 2);
            } else {
                unique.put(name, o);
            }
        }
    }

    Directory(ObjectSpace space) {
        this.space = space;
        this.memory = space.memory();
        Contract c = space.contract();
        keySlot = c.get(Slot.ASSOCIATION_KEY);
        valueSlot = c.get(Slot.ASSOCIATION_VALUE);
        arraySlot = c.get(Slot.DICTIONARY_ARRAY);
        methodDictSlot = c.get(Slot.CLASS_METHOD_DICT);
        methodArraySlot = c.get(Slot.METHOD_DICT_ARRAY);
        methodDictFixed = c.get(Slot.METHOD_DICT_FIXED_SLOTS);
        poolSlot = c.has(Slot.CLASS_POOL) ? c.get(Slot.CLASS_POOL) : -1;
        nameSlot = c.get(Slot.CLASS_NAME);
    }

    /** Drops the indexes a change may have made wrong (a new Symbol or class, a renamed class). */
    void changed(Change change) {
        if (change instanceof Change.ObjectCreated created) {
            GuestObject cls = memory.resolve(created.cls());
            if (cls == space.symbolClass()) {
                symbols = null;
            } else if (cls == space.metaclassClass() || (cls != null && cls.cls() == space.metaclassClass())) {
                classes = null;
            }
        } else if (change instanceof Change.SlotStored stored) {
            GuestObject target = memory.resolve(stored.target());
            if (target != null && (space.isClass(target) || space.isMetaclass(target))) {
                fieldNames.clear();
                if (stored.index() == nameSlot) {
                    classes = null;
                }
            }
        } else if (change instanceof Change.ClassChanged || change instanceof Change.CreationUndone) {
            symbols = null;
            classes = null;
            fieldNames.clear();
        }
    }

    ObjectSpace space() {
        return space;
    }

    // ---- the indexes ----

    Names symbols() {
        if (symbols == null) {
            Names names = Names.of();
            GuestObject symbolClass = space.symbolClass();
            for (GuestObject o : memory.objects()) {
                if (o.cls() == symbolClass && o.isBytes()) {
                    names.add(space.stringOf(o), o);
                }
            }
            symbols = names;
        }
        return symbols;
    }

    /** Classes (instance side) by name; classes whose name is not an identifier are left out. */
    Names classes() {
        if (classes == null) {
            Names names = Names.of();
            int thisClassSlot = space.contract().get(Slot.METACLASS_THIS_CLASS);
            for (GuestObject o : memory.objects()) {
                if (o.cls() == space.metaclassClass() && o.pointerCount() > thisClassSlot
                        && o.pointerAt(thisClassSlot) instanceof GuestObject c && c != memory.nil()) {
                    String name = className(c);
                    if (name != null) {
                        names.add(name, c);
                    }
                }
            }
            classes = names;
        }
        return classes;
    }

    /** The name of a class (instance side), when it has one that is an identifier. */
    String className(GuestObject cls) {
        if (cls.pointerCount() > nameSlot && cls.pointerAt(nameSlot) instanceof GuestObject n && n.isBytes()) {
            String name = space.stringOf(n);
            return NameParser.isIdentifier(name) ? name : null;
        }
        return null;
    }

    /** The names of the named instance variables of instances of {@code cls}, in slot order. */
    List<String> fieldNames(GuestObject cls) {
        return fieldNames.computeIfAbsent(cls, c -> space.classMirror(c).allInstanceVariableNames());
    }

    boolean isUniqueSymbol(String name) {
        return symbols().unique.containsKey(name);
    }

    boolean isUniqueClass(String name) {
        return classes().unique.containsKey(name);
    }

    // ---- resolving ----

    Resolution resolve(ObjectName name) {
        if (name instanceof Special s) {
            return special(s);
        }
        if (name instanceof SpecialObjects s) {
            return new Resolved(s, memory.specialObjects());
        }
        if (name instanceof SymbolNamed s) {
            return byName(s, symbols(), s.name(), "Symbol", "Symbols");
        }
        if (name instanceof Behavior b) {
            return behavior(b);
        }
        if (name instanceof MethodNamed m) {
            return method(m);
        }
        if (name instanceof GlobalBinding g) {
            return global(g);
        }
        if (name instanceof ClassVariableBinding v) {
            return classVariable(v);
        }
        if (name instanceof CharacterNamed c) {
            return character(c);
        }
        return path((Path) name);
    }

    private Resolution special(Special s) {
        Object v = memory.specialObject(s.index());
        if (v == null) {
            return missing(s, "the special objects array has " + memory.specialObjects().pointerCount() + " slots");
        }
        if (!(v instanceof GuestObject o)) {
            return new Unresolved(s, Failure.WRONG_KIND, "special object " + s.index() + " is SmallInteger " + v);
        }
        if (o == memory.nil() && s.index() != SpecialObject.NIL.index()) {
            return missing(s, "special object " + s.index() + " is nil in this image");
        }
        return new Resolved(s, o);
    }

    private static Resolution byName(ObjectName name, Names names, String key, String what, String plural) {
        GuestObject o = names.unique.get(key);
        if (o != null) {
            return new Resolved(name, o);
        }
        Integer count = names.duplicates.get(key);
        return count != null ? new Unresolved(name, Failure.AMBIGUOUS, count + " " + plural + " named '" + key + "'")
                : missing(name, "no " + what + " named '" + key + "'");
    }

    private Resolution behavior(Behavior b) {
        Resolution cls = byName(b, classes(), b.className(), "class", "classes");
        if (b instanceof MetaclassNamed && cls instanceof Resolved r) {
            return new Resolved(b, r.target().cls());
        }
        return cls;
    }

    private Resolution method(MethodNamed m) {
        Resolution owner = behavior(m.behavior());
        if (!(owner instanceof Resolved r)) {
            return relabel(m, owner, "");
        }
        GuestObject cls = r.target();
        if (!(cls.pointerAt(methodDictSlot) instanceof GuestObject dict) || !dict.isPointers()
                || !(dict.pointerAt(methodArraySlot) instanceof GuestObject methods)) {
            return new Unresolved(m, Failure.WRONG_KIND, m.behavior() + " has no method dictionary");
        }
        GuestObject found = null;
        int matches = 0;
        for (int i = methodDictFixed; i < dict.pointerCount(); i++) {
            if (dict.pointerAt(i) instanceof GuestObject sel && sel != memory.nil() && textEquals(sel, m.selector())
                    && i - methodDictFixed < methods.pointerCount()
                    && methods.pointerAt(i - methodDictFixed) instanceof GuestObject method && method.isCompiledMethod()) {
                found = method;
                matches++;
            }
        }
        return matchOf(m, found, matches, m.behavior() + " has no method #" + m.selector());
    }

    private Resolution global(GlobalBinding g) {
        Object smalltalk = memory.specialObject(SpecialObject.SMALLTALK.index());
        if (!(smalltalk instanceof GuestObject s) || s == memory.nil()) {
            return missing(g, "this image has no Smalltalk dictionary");
        }
        return association(g, s, g.key(), "Smalltalk has no global '" + g.key() + "'");
    }

    private Resolution classVariable(ClassVariableBinding v) {
        Resolution owner = behavior(new ClassNamed(v.className()));
        if (!(owner instanceof Resolved r)) {
            return relabel(v, owner, "");
        }
        if (poolSlot < 0 || !(r.target().pointerAt(poolSlot) instanceof GuestObject pool) || pool == memory.nil()) {
            return missing(v, v.className() + " has no class variables");
        }
        return association(v, pool, v.key(), v.className() + " has no class variable '" + v.key() + "'");
    }

    private Resolution association(ObjectName name, GuestObject dictionary, String key, String missing) {
        GuestObject found = null;
        int matches = 0;
        for (GuestObject a : associations(dictionary)) {
            if (a.pointerAt(keySlot) instanceof GuestObject k && textEquals(k, key)) {
                found = a;
                matches++;
            }
        }
        return matchOf(name, found, matches, missing);
    }

    private Resolution character(CharacterNamed c) {
        Object table = memory.specialObject(SpecialObject.CHARACTER_TABLE.index());
        if (table instanceof GuestObject t && t.isPointers() && c.code() < t.pointerCount()
                && t.pointerAt(c.code()) instanceof GuestObject ch && ch != memory.nil()) {
            return new Resolved(c, ch);
        }
        return missing(c, "the character table has no Character " + c.code());
    }

    private Resolution path(Path p) {
        Resolution at = resolve(p.root());
        if (!(at instanceof Resolved r)) {
            return relabel(p, at, "root " + p.root() + ": ");
        }
        GuestObject o = r.target();
        StringBuilder walked = new StringBuilder(p.root().toString());
        for (Step step : p.steps()) {
            Object next;
            try {
                next = step(o, step);
            } catch (StepFailure f) {
                return new Unresolved(p, f.failure, "at " + walked + ": " + f.getMessage());
            }
            walked.append('/').append(step);
            if (!(next instanceof GuestObject g)) {
                return new Unresolved(p, Failure.WRONG_KIND, walked + " is SmallInteger " + next + ", not an object");
            }
            o = g;
        }
        return new Resolved(p, o);
    }

    /** One step from {@code o}: a slot value (GuestObject or Integer). */
    private Object step(GuestObject o, Step step) {
        if (step instanceof Field f) {
            int index = fieldNames(o.cls()).indexOf(f.name());
            if (index < 0 || !o.isPointers() || index >= o.pointerCount()) {
                throw new StepFailure(Failure.MISSING, "its class " + describe(o.cls()) + " has no instance variable "
                        + f.name());
            }
            return o.pointerAt(index);
        }
        if (step instanceof ObjectName.Slot s) {
            if (!(o.isPointers() || o.isCompiledMethod()) || s.index() >= o.pointerCount()) {
                throw new StepFailure(Failure.MISSING, "an instance of " + describe(o.cls()) + " has "
                        + o.pointerCount() + " pointer slots, no slot " + s.index());
            }
            return o.pointerAt(s.index());
        }
        return keyed(o, ((KeyStep) step).key());
    }

    private GuestObject keyed(GuestObject dictionary, Key key) {
        GuestObject identity = null;
        if (key instanceof IdentityKey id) {
            Resolution r = resolve(id.name());
            if (!(r instanceof Resolved resolved)) {
                Unresolved u = (Unresolved) r;
                throw new StepFailure(u.failure(), "key " + id.name() + ": " + u.reason());
            }
            identity = resolved.target();
        }
        if (!dictionary.isPointers() || dictionary.pointerCount() <= arraySlot
                || !(dictionary.pointerAt(arraySlot) instanceof GuestObject)) {
            throw new StepFailure(Failure.WRONG_KIND, "an instance of " + describe(dictionary.cls())
                    + " is not a Dictionary");
        }
        GuestObject found = null;
        int matches = 0;
        for (GuestObject a : associations(dictionary)) {
            Object k = a.pointerAt(keySlot);
            boolean match;
            if (key instanceof StringKey sk) {
                match = k instanceof GuestObject g && space.isString(g) && textEquals(g, sk.text());
            } else if (key instanceof IntegerKey ik) {
                match = k instanceof Integer n && n == ik.value();
            } else {
                match = k == identity;
            }
            if (match) {
                found = a;
                matches++;
            }
        }
        if (matches != 1) {
            throw new StepFailure(matches == 0 ? Failure.MISSING : Failure.AMBIGUOUS, matches == 0
                    ? "no key " + key : matches + " Associations under key " + key);
        }
        return found;
    }

    /** The Associations (non-nil pointer entries) of a Dictionary's array, in array order. */
    List<GuestObject> associations(GuestObject dictionary) {
        List<GuestObject> result = new ArrayList<>();
        if (dictionary.isPointers() && dictionary.pointerCount() > arraySlot
                && dictionary.pointerAt(arraySlot) instanceof GuestObject array && array.isPointers()) {
            int needed = Math.max(keySlot, valueSlot);
            for (Object e : array.pointers()) {
                if (e instanceof GuestObject a && a != memory.nil() && a.isPointers() && a.pointerCount() > needed) {
                    result.add(a);
                }
            }
        }
        return result;
    }

    String describe(GuestObject cls) {
        if (space.isMetaclass(cls)) {
            int thisClassSlot = space.contract().get(Slot.METACLASS_THIS_CLASS);
            return cls.pointerAt(thisClassSlot) instanceof GuestObject c ? describe(c) + NameParser.META : "a metaclass";
        }
        String name = className(cls);
        return name == null ? "an unnamed class" : name;
    }

    static boolean textEquals(GuestObject bytes, String s) {
        if (!bytes.isBytes() || bytes.byteCount() != s.length()) {
            return false;
        }
        byte[] b = bytes.bytes();
        for (int i = 0; i < s.length(); i++) {
            if ((b[i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Resolution matchOf(ObjectName name, GuestObject found, int matches, String missing) {
        if (matches == 1) {
            return new Resolved(name, found);
        }
        return matches == 0 ? missing(name, missing)
                : new Unresolved(name, Failure.AMBIGUOUS, matches + " objects answer to " + name);
    }

    private static Unresolved missing(ObjectName name, String reason) {
        return new Unresolved(name, Failure.MISSING, reason);
    }

    private static Resolution relabel(ObjectName name, Resolution inner, String prefix) {
        Unresolved u = (Unresolved) inner;
        return new Unresolved(name, u.failure(), prefix + u.reason());
    }

    /** A step that cannot be taken; caught by {@link #path(Path)}, which names the path. */
    private static final class StepFailure extends RuntimeException {
        private final Failure failure;

        StepFailure(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }
    }
}
