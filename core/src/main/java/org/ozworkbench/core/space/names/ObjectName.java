package org.ozworkbench.core.space.names;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ozworkbench.core.contract.SpecialObject;

/**
 * A symbolic name of a guest object: how a change names its target so that it can be found again
 * in another copy of the same system (a recovered image), where every oop has moved. Immutable
 * values; {@link #toString()} gives the stable text form and {@link #parse(String)} reads it back
 * ({@code parse(n.toString()).equals(n)} for every name).
 *
 * <h2>Text form</h2>
 * <pre>
 * name      = root { "/" step }
 * root      = "special:" (special-word | index)      special:nil, special:true, special:smalltalk, special:35
 *           | "special:objects"                       the special objects array itself
 *           | "#" text                                a Symbol: #do:, #+, #'hello world'
 *           | "$" char | "$#" code                    a Character of the character table: $a, $#32 (space)
 *           | "Smalltalk@" text                        the Association binding a global: Smalltalk@Transcript
 *           | class "." text                          the Association of a class variable: Symbol.OtherTable
 *           | class ">>" text                         an installed CompiledMethod: Array>>do:, Array class>>new:
 *           | class                                    a class or metaclass: Array, Array class
 * class     = identifier [ " class" ]
 * step      = identifier                              a named instance variable: /value, /methodDict
 *           | index                                   a pointer slot, 0-based as the contract counts: /3
 *           | "key:" key                              the Association of a Dictionary under a key
 * key       = "'" string "'" | integer | root          key:'text', key:42, key:#foo, key:Array, key:$a
 * text      = plain | "'" string "'"                  plain: [A-Za-z0-9_:]+ or binary characters
 *                                                     (-+*\~&lt;&gt;=@%|&amp;?!,) without "/"; anything else quoted
 * string    = { any character, "'" doubled }
 * special-word = the {@link SpecialObject} constant in lower case with "-" for "_" (class-array)
 * </pre>
 * A path's root is never itself a path, and a {@code key:} root is a Symbol, class, metaclass,
 * Character or special object: the keys that are found by identity. The text form is Latin-1:
 * V3 guests have no other characters.
 */
public sealed interface ObjectName {

    /** Parses the text form. @throws NameSyntaxException naming the position and what was expected */
    static ObjectName parse(String text) {
        return NameParser.parse(text);
    }

    /** The object at index {@code index} of the special objects array (the VM's own roots). */
    record Special(int index) implements ObjectName {
        public Special {
            if (index < 0) {
                throw new IllegalArgumentException("a special object index is 0 or more: " + index);
            }
        }

        public static Special of(SpecialObject which) {
            return new Special(which.index());
        }

        /** The contract's name for this index, if it has one. */
        public Optional<SpecialObject> known() {
            for (SpecialObject s : SpecialObject.values()) {
                if (s.index() == index) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return NameParser.SPECIAL + known().map(Special::word).orElse(Integer.toString(index));
        }

        static String word(SpecialObject s) {
            return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The special objects array itself. */
    record SpecialObjects() implements ObjectName {
        @Override
        public String toString() {
            return NameParser.SPECIAL + NameParser.SPECIAL_OBJECTS;
        }
    }

    /** The Symbol with these characters. */
    record SymbolNamed(String name) implements ObjectName {
        public SymbolNamed {
            NameParser.requireLatin1(name, "a Symbol's name");
        }

        @Override
        public String toString() {
            return "#" + NameParser.text(name);
        }
    }

    /** A class or metaclass, named as the guest names it ("Array" or "Array class"). */
    sealed interface Behavior extends ObjectName permits ClassNamed, MetaclassNamed {
        /** The name of the class (instance side). */
        String className();
    }

    /** The class with this name (instance side). */
    record ClassNamed(String className) implements Behavior {
        public ClassNamed {
            NameParser.requireIdentifier(className, "a class name");
        }

        @Override
        public String toString() {
            return className;
        }
    }

    /** The metaclass of the class with this name. */
    record MetaclassNamed(String className) implements Behavior {
        public MetaclassNamed {
            NameParser.requireIdentifier(className, "a class name");
        }

        @Override
        public String toString() {
            return className + NameParser.META;
        }
    }

    /** The CompiledMethod installed in {@code behavior}'s method dictionary under {@code selector}. */
    record MethodNamed(Behavior behavior, String selector) implements ObjectName {
        public MethodNamed {
            NameParser.requireLatin1(selector, "a selector");
        }

        @Override
        public String toString() {
            return behavior + ">>" + NameParser.text(selector);
        }
    }

    /** The Association that binds global {@code key} in Smalltalk (what compiled code refers to). */
    record GlobalBinding(String key) implements ObjectName {
        public GlobalBinding {
            NameParser.requireLatin1(key, "a global's name");
        }

        @Override
        public String toString() {
            return NameParser.GLOBAL + NameParser.text(key);
        }
    }

    /** The Association that binds class variable {@code key} in the class pool of class {@code className}. */
    record ClassVariableBinding(String className, String key) implements ObjectName {
        public ClassVariableBinding {
            NameParser.requireIdentifier(className, "a class name");
            NameParser.requireLatin1(key, "a class variable's name");
        }

        @Override
        public String toString() {
            return className + "." + NameParser.text(key);
        }
    }

    /** The Character of this code in the character table (0-255). */
    record CharacterNamed(int code) implements ObjectName {
        public CharacterNamed {
            if (code < 0 || code > NameParser.LATIN1_MAX) {
                throw new IllegalArgumentException("a V3 Character has a code from 0 to 255, not " + code);
            }
        }

        @Override
        public String toString() {
            return NameParser.character(code);
        }
    }

    /** The object found by following {@code steps} from {@code root}. */
    record Path(ObjectName root, List<Step> steps) implements ObjectName {
        public Path {
            if (root instanceof Path) {
                throw new IllegalArgumentException("a path's root is not a path: " + root);
            }
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a path has at least one step (from " + root + ")");
            }
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(root.toString());
            steps.forEach(step -> s.append('/').append(step));
            return s.toString();
        }
    }

    /** One step of a {@link Path}: from an object to one it holds. */
    sealed interface Step {
    }

    /** The named instance variable of this name (found by the class's instance variable names). */
    record Field(String name) implements Step {
        public Field {
            NameParser.requireIdentifier(name, "an instance variable name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Pointer slot {@code index}, 0-based as the contract and {@code instVarAt: index + 1} count. */
    record Slot(int index) implements Step {
        public Slot {
            if (index < 0) {
                throw new IllegalArgumentException("a slot index is 0 or more: " + index);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    /** The Association a Dictionary holds under {@code key} (its array position depends on hashes). */
    record KeyStep(Key key) implements Step {
        @Override
        public String toString() {
            return NameParser.KEY + key;
        }
    }

    /** A Dictionary key a path can name. */
    sealed interface Key {
    }

    /** A key found by identity: a Symbol, class, metaclass, Character or special object. */
    record IdentityKey(ObjectName name) implements Key {
        public IdentityKey {
            if (!(name instanceof SymbolNamed || name instanceof Behavior || name instanceof CharacterNamed
                    || name instanceof Special)) {
                throw new IllegalArgumentException("a key is a Symbol, class, Character or special object, not " + name);
            }
        }

        @Override
        public String toString() {
            return name.toString();
        }
    }

    /** A String key, found by equal characters. */
    record StringKey(String text) implements Key {
        public StringKey {
            NameParser.requireLatin1(text, "a String key");
        }

        @Override
        public String toString() {
            return NameParser.quoted(text);
        }
    }

    /** A SmallInteger key. */
    record IntegerKey(int value) implements Key {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }
}
