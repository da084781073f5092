package org.ozworkbench.core.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.compiler.parser.Syntax;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;

/**
 * Creates a new class in a Squeak space, through the membrane, as the guest's ClassBuilder
 * leaves one: a Metaclass and its sole instance, an empty method dictionary on each side, the
 * format word for the shape, the instance variable names, a class pool holding the class
 * variables, the class in its superclass's subclasses, and the global binding in Smalltalk (an
 * Association put where Dictionary>>scanFor: looks: identityHash modulo the size, then the next
 * free slot; the array grows as the guest's fullCheck would have it grow), and the class's
 * category in SystemOrganization.
 */
final class ClassFactory {
    /** The shape of instances. */
    enum Kind {
        FIXED("subclass:"), VARIABLE("variableSubclass:"), BYTES("variableByteSubclass:"),
        WORDS("variableWordSubclass:"), WEAK("weakSubclass:");

        /** The class-definition message that makes this kind, as a file-in writes it. */
        final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        static Kind ofKeyword(String keyword) {
            for (Kind k : values()) {
                if (k.keyword.equals(keyword)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown class kind " + keyword);
        }
    }

    /** ClassBuilder>>reservedNames: the pseudo-variables, which no variable may be named. */
    private static final Set<String> RESERVED_NAMES = Syntax.PSEUDO_VARIABLES;
    private static final int NEW_METHOD_DICTIONARY_SIZE = 32;
    private static final int MIN_DICTIONARY_SIZE = 4;
    private final ObjectSpace space;

    ClassFactory(ObjectSpace space) {
        this.space = space;
    }

    private int at(Slot s) {
        return space.contract().get(s);
    }

    ClassMirror define(String name, ClassMirror superclass, Kind kind, List<String> instanceVariables,
                       List<String> classVariables, String category) {
        GuestObject smalltalk = space.specialGuestObject(SpecialObject.SMALLTALK);
        if (smalltalk == null) {
            throw MembraneException.invalid("this image has no Smalltalk dictionary to hold a new class " + name);
        }
        if (space.classNamed(name).isPresent() || space.globalNamed(name).isPresent()) {
            throw MembraneException.invalid("a class or global named " + name + " exists already");
        }
        checkDefinition(name, superclass, instanceVariables, classVariables);
        int instSize = superclass.instanceSize() + instanceVariables.size();
        if (instSize > ObjectFormat.MAX_INSTANCE_SIZE) {
            throw MembraneException.invalid("Class has too many instance variables (" + instSize + "): a V3 class"
                    + " holds at most " + ObjectFormat.MAX_INSTANCE_SIZE);
        }
        int superSpec = superclass.instanceSpec();
        int spec = instanceSpec(kind, instSize, superSpec, name);
        var membrane = space.membrane();
        long mark = membrane.mark();
        GuestObject superMeta = superclass.guestObject().cls();
        GuestObject metaclass = membrane.instantiate(space.metaclassClass(), 0);
        membrane.storePointer(metaclass, at(Slot.CLASS_SUPERCLASS), superMeta);
        membrane.storePointer(metaclass, at(Slot.CLASS_METHOD_DICT), newMethodDictionary());
        membrane.storePointer(metaclass, at(Slot.CLASS_FORMAT), superMeta.pointerAt(at(Slot.CLASS_FORMAT)));
        GuestObject cls = membrane.instantiate(metaclass, 0);
        membrane.storePointer(metaclass, at(Slot.METACLASS_THIS_CLASS), cls);
        membrane.storePointer(cls, at(Slot.CLASS_SUPERCLASS), superclass.guestObject());
        membrane.storePointer(cls, at(Slot.CLASS_METHOD_DICT), newMethodDictionary());
        membrane.storePointer(cls, at(Slot.CLASS_FORMAT), ObjectFormat.classFormatWord(instSize, spec, 0));
        if (!instanceVariables.isEmpty() && space.contract().has(Slot.CLASS_INSTANCE_VARIABLES)) {
            List<Object> names = new ArrayList<>();
            for (String n : instanceVariables) {
                names.add(space.unwrap(space.newString(n)));
            }
            membrane.storePointer(cls, at(Slot.CLASS_INSTANCE_VARIABLES), newArray(names));
        }
        membrane.storePointer(cls, at(Slot.CLASS_NAME), space.symbolTable().intern(name));
        if (!classVariables.isEmpty()) {
            membrane.storePointer(cls, at(Slot.CLASS_POOL), newDictionary(classVariables));
        }
        if (space.contract().has(Slot.CLASS_ENVIRONMENT)) {
            membrane.storePointer(cls, at(Slot.CLASS_ENVIRONMENT), smalltalk);
        }
        addSubclass(superclass.guestObject(), cls);
        addGlobal(smalltalk, name, cls);
        Organization.classifyClass(space, name, category);
        membrane.note(new org.ozworkbench.core.memory.Operation.ClassDefined(GuestRef.of(cls), name, superclass.name(),
                kind.keyword, instanceVariables, classVariables, category), mark);
        return space.classMirror(cls);
    }

    /**
     * Adds class variables to an existing class, each bound to nil, as the guest's
     * {@code addClassVarName:} does: into its class pool (made when it has none), where the guest's
     * Dictionary will look for them (growing it as the guest would).
     */
    void addClassVariables(ClassMirror cls, List<String> names) {
        checkVariables(names, "class");
        List<String> existing = cls.classPool().map(p -> List.copyOf(p.associations().keySet())).orElse(List.of());
        for (String n : names) {
            if (existing.contains(n)) {
                throw MembraneException.invalid(n + " is already a class variable of " + cls.name());
            }
        }
        GuestObject target = cls.guestObject();
        Object pool = target.pointerAt(at(Slot.CLASS_POOL));
        if (!(pool instanceof GuestObject dictionary) || dictionary == space.memory().nil()) {
            space.membrane().storePointer(target, at(Slot.CLASS_POOL), newDictionary(names));
            return;
        }
        for (String n : names) {
            GuestObject symbol = space.symbolTable().intern(n);
            addHashed(dictionary, newAssociation(symbol, space.memory().nil()), symbol.hash());
        }
    }

    /**
     * Refuses what the guest's ClassBuilder refuses, in its words: a class name that is not a
     * capitalized identifier, an instance or class variable name that is not an identifier, is
     * reserved, is given twice or is already an instance variable of a superclass.
     */
    private static void checkDefinition(String name, ClassMirror superclass, List<String> instanceVariables,
                                        List<String> classVariables) {
        if (!isIdentifier(name)) {
            throw MembraneException.invalid("'" + name + "' is not a valid class name: a class name is a letter"
                    + " followed by letters and digits");
        }
        if (!Character.isUpperCase(name.charAt(0))) {
            throw MembraneException.invalid("Class names must be capitalized: " + name);
        }
        checkVariables(instanceVariables, "instance");
        for (Optional<ClassMirror> c = Optional.of(superclass); c.isPresent(); c = c.get().superclass()) {
            for (String n : instanceVariables) {
                if (c.get().instanceVariableNames().contains(n)) {
                    throw MembraneException.invalid(n + " is already defined in " + c.get().name());
                }
            }
        }
        checkVariables(classVariables, "class");
    }

    private static void checkVariables(List<String> names, String kind) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!isIdentifier(n)) {
                throw MembraneException.invalid("'" + n + "' is not a valid " + kind + " variable name: a name is a"
                        + " letter followed by letters and digits");
            }
            if (RESERVED_NAMES.contains(n)) {
                throw MembraneException.invalid(n + " is a reserved name");
            }
            if (!seen.add(n)) {
                throw MembraneException.invalid(n + " is multiply defined");
            }
        }
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int instanceSpec(Kind kind, int instSize, int superSpec, String name) {
        if (superSpec >= ObjectFormat.WORDS && kind != Kind.BYTES && kind != Kind.WORDS) {
            throw MembraneException.invalid(name + " cannot be a pointer class under a bits class");
        }
        return switch (kind) {
            case FIXED -> ObjectFormat.isIndexable(superSpec) && superSpec != ObjectFormat.WEAK_POINTERS ? superSpec
                    : instSize > 0 ? ObjectFormat.FIXED_POINTERS : ObjectFormat.EMPTY;
            case VARIABLE -> instSize > 0 ? ObjectFormat.FIXED_AND_INDEXABLE_POINTERS : ObjectFormat.INDEXABLE_POINTERS;
            case WEAK -> ObjectFormat.WEAK_POINTERS;
            case WORDS -> ObjectFormat.WORDS;
            case BYTES -> ObjectFormat.BYTES;
        };
    }

    private GuestObject newArray(List<Object> elements) {
        GuestObject arrayClass = space.specialGuestObject(SpecialObject.CLASS_ARRAY);
        return space.membrane().create(arrayClass, ObjectFormat.INDEXABLE_POINTERS, elements.toArray(), new int[0],
                new byte[0]);
    }

    private GuestObject newMethodDictionary() {
        GuestObject arrayClass = space.specialGuestObject(SpecialObject.CLASS_ARRAY);
        GuestObject mdClass = ((GuestObject) arrayClass.pointerAt(at(Slot.CLASS_METHOD_DICT))).cls();
        GuestObject md = space.membrane().instantiate(mdClass, NEW_METHOD_DICTIONARY_SIZE);
        space.membrane().storePointer(md, at(Slot.METHOD_DICT_TALLY), 0);
        space.membrane().storePointer(md, at(Slot.METHOD_DICT_ARRAY), space.membrane().instantiate(arrayClass,
                NEW_METHOD_DICTIONARY_SIZE));
        return md;
    }

    private GuestObject associationClass() {
        return space.specialGuestObject(SpecialObject.SCHEDULER_ASSOCIATION).cls();
    }

    private GuestObject newAssociation(Object key, Object value) {
        GuestObject a = space.membrane().instantiate(associationClass(), 0);
        space.membrane().storePointer(a, at(Slot.ASSOCIATION_KEY), key);
        space.membrane().storePointer(a, at(Slot.ASSOCIATION_VALUE), value);
        return a;
    }

    private GuestObject newDictionary(List<String> keys) {
        GuestObject dictionaryClass = space.specialGuestObject(SpecialObject.SMALLTALK).cls();
        for (GuestObject c = dictionaryClass; c != space.memory().nil(); c = (GuestObject) c.pointerAt(
                at(Slot.CLASS_SUPERCLASS))) {
            if (space.classMirror(c).name().equals("Dictionary")) {
                dictionaryClass = c;
                break;
            }
        }
        int size = MIN_DICTIONARY_SIZE;
        while (size - keys.size() < Math.max(size / 4, 1)) {
            size *= 2;
        }
        GuestObject nil = space.memory().nil();
        Object[] slots = new Object[size];
        Arrays.fill(slots, nil);
        for (String k : keys) {
            GuestObject symbol = space.symbolTable().intern(k);
            int i = Math.floorMod(symbol.hash(), size);
            while (slots[i] != nil) {
                i = (i + 1) % size;
            }
            slots[i] = newAssociation(symbol, nil);
        }
        GuestObject dictionary = space.membrane().instantiate(dictionaryClass, 0);
        space.membrane().storePointer(dictionary, at(Slot.DICTIONARY_TALLY), keys.size());
        space.membrane().storePointer(dictionary, at(Slot.DICTIONARY_ARRAY), newArray(Arrays.asList(slots)));
        return dictionary;
    }

    /** The class joins its superclass's subclasses: an Array (Squeak 3) or a Set (Squeak 2.2). */
    private void addSubclass(GuestObject superclass, GuestObject cls) {
        if (!space.contract().has(Slot.CLASS_SUBCLASSES)) {
            return;
        }
        Object current = superclass.pointerAt(at(Slot.CLASS_SUBCLASSES));
        GuestObject arrayClass = space.specialGuestObject(SpecialObject.CLASS_ARRAY);
        if (current instanceof GuestObject set && set != space.memory().nil() && set.cls() != arrayClass) {
            addHashed(set, cls, cls.hash());
            return;
        }
        List<Object> subclasses = new ArrayList<>();
        if (current instanceof GuestObject array && array != space.memory().nil()) {
            subclasses.addAll(Arrays.asList(array.pointers()));
        }
        subclasses.add(cls);
        space.membrane().storePointer(superclass, at(Slot.CLASS_SUBCLASSES), newArray(subclasses));
    }

    /** Smalltalk at: name put: cls. */
    private void addGlobal(GuestObject smalltalk, String name, GuestObject cls) {
        GuestObject symbol = space.symbolTable().intern(name);
        addHashed(smalltalk, newAssociation(symbol, cls), symbol.hash());
    }

    /**
     * Adds {@code entry} to a Set or Dictionary (tally, array) where the guest's scanFor: will find
     * it: from {@code hash} modulo the array size, the next free slot. When fewer than a quarter of
     * the slots would stay free, the array doubles first, as the guest's fullCheck/grow do.
     */
    private void addHashed(GuestObject collection, GuestObject entry, int hash) {
        GuestObject array = (GuestObject) collection.pointerAt(at(Slot.DICTIONARY_ARRAY));
        int tally = (Integer) collection.pointerAt(at(Slot.DICTIONARY_TALLY)) + 1;
        int size = array.pointerCount();
        GuestObject nil = space.memory().nil();
        if (size - tally < Math.max(size / 4, 1)) {
            int newSize = Math.max(size * 2, 2);
            Object[] slots = new Object[newSize];
            Arrays.fill(slots, nil);
            List<GuestObject> all = new ArrayList<>();
            for (Object e : array.pointers()) {
                if (e != nil) {
                    all.add((GuestObject) e);
                }
            }
            all.add(entry);
            for (GuestObject e : all) {
                int i = Math.floorMod(e == entry ? hash : hashOf(e), newSize);
                while (slots[i] != nil) {
                    i = (i + 1) % newSize;
                }
                slots[i] = e;
            }
            space.membrane().storePointer(collection, at(Slot.DICTIONARY_ARRAY), newArray(Arrays.asList(slots)));
        } else {
            int i = Math.floorMod(hash, size);
            while (array.pointerAt(i) != nil) {
                i = (i + 1) % size;
            }
            space.membrane().storePointer(array, i, entry);
        }
        space.membrane().storePointer(collection, at(Slot.DICTIONARY_TALLY), tally);
    }

    /** The hash an existing entry is kept by: its key's for an Association, its own otherwise. */
    private int hashOf(GuestObject entry) {
        if (entry.cls() == associationClass()) {
            return ((GuestObject) entry.pointerAt(at(Slot.ASSOCIATION_KEY))).hash();
        }
        return entry.hash();
    }
}
