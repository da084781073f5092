package org.ozworkbench.workbench.diff;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.Describe;

/**
 * What a guest value means, independent of where it sits in memory, so that two images can be
 * compared even when every object has moved (an image resaved by the real VM). Symbols, classes and
 * bindings count by name; SmallIntegers, strings, floats and other byte or word objects by value;
 * arrays and other pointer objects element by element, down to a fixed depth.
 */
final class Meaning {
    /** How deep nested literals (arrays of arrays, points) are compared; deeper ones count by class. */
    private static final int DEPTH = 4;
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectSpace space;
    private final GuestObject characterClass;
    private final GuestObject largePositive;
    private final GuestObject largeNegative;

    Meaning(ObjectSpace space) {
        this.space = space;
        this.characterClass = specialClass(SpecialObject.CLASS_CHARACTER);
        this.largePositive = specialClass(SpecialObject.CLASS_LARGE_POSITIVE_INTEGER);
        this.largeNegative = specialClass(SpecialObject.CLASS_LARGE_NEGATIVE_INTEGER);
    }

    private GuestObject specialClass(SpecialObject which) {
        return space.specialObject(which).filter(ClassMirror.class::isInstance)
                .map(c -> space.unwrapObject((ClassMirror) c)).orElse(null);
    }

    /**
     * A host value (Integer, Double, BigInteger, String or List of them) equal for two guest values exactly when they
     * mean the same; {@code slotValue} is a raw slot (an Integer or a GuestObject).
     */
    Object of(Object slotValue) {
        return of(slotValue, DEPTH);
    }

    private Object of(Object slotValue, int depth) {
        if (slotValue instanceof Integer i) {
            return i;
        }
        GuestObject o = (GuestObject) slotValue;
        if (o == space.memory().nil() || o == space.memory().trueObject() || o == space.memory().falseObject()) {
            return space.mirror(o).describe();
        }
        if (space.isClass(o) || space.isMetaclass(o)) {
            return "class " + space.classMirror(o).name();
        }
        if (o.isBytes()) {
            return bytesMeaning(o);
        }
        if (o.isWords()) {
            return space.isFloat(o) ? (Object) space.floatValue(o) : className(o) + " " + Arrays.toString(o.words());
        }
        if (o.cls() == characterClass && o.pointerCount() == 1 && o.pointerAt(0) instanceof Integer code) {
            return "$" + (char) code.intValue();
        }
        if (isBinding(o)) {
            // A binding counts by its key (and the class it binds): its value is the variable's, not the code's.
            Object value = o.pointerAt(1);
            String bound = value instanceof GuestObject v && space.isClass(v) ? " " + of(v, 0) : "";
            return "binding " + of(o.pointerAt(0), 0) + bound;
        }
        List<Object> parts = new ArrayList<>();
        parts.add(className(o));
        if (depth > 0 && !o.isCompiledMethod()) {
            for (int i = 0; i < o.pointerCount(); i++) {
                parts.add(of(o.pointerAt(i), depth - 1));
            }
        }
        return parts;
    }

    private Object bytesMeaning(GuestObject o) {
        if (space.isSymbol(o) || space.isString(o)) {
            return space.mirror(o).describe();
        }
        if (o.cls() == largePositive || o.cls() == largeNegative) {
            byte[] bigEndian = new byte[o.byteCount() + 1];
            for (int i = 0; i < o.byteCount(); i++) {
                bigEndian[bigEndian.length - 1 - i] = o.bytes()[i];
            }
            BigInteger magnitude = new BigInteger(bigEndian);
            return o.cls() == largePositive ? magnitude : magnitude.negate();
        }
        return className(o) + " " + HEX.formatHex(o.bytes(), 0, o.byteCount());
    }

    private boolean isBinding(GuestObject o) {
        if (o.pointerCount() != 2 || !(o.pointerAt(0) instanceof GuestObject key) || !space.isSymbol(key)) {
            return false;
        }
        String cls = className(o);
        return cls.endsWith("Association") || cls.endsWith("Binding");
    }

    private String className(GuestObject o) {
        return space.classMirror(o.cls()).name();
    }

    /**
     * A readable one-line value for a global or class variable: printed in full when simple
     * (SmallInteger, String, Symbol, Character, Float, nil, true, false, a class by name), else as
     * the listings describe it ("a Dictionary(12)").
     */
    String describe(GuestValue value) {
        if (value instanceof SmallInteger i) {
            return Integer.toString(i.value());
        }
        ObjectMirror m = (ObjectMirror) value;
        GuestObject o = space.unwrapObject(m);
        if (m instanceof ClassMirror c) {
            return c.name();
        }
        if (m instanceof ByteObjectMirror || space.isFloat(o) || o.cls() == characterClass
                || o == space.memory().nil() || o == space.memory().trueObject() || o == space.memory().falseObject()) {
            return Describe.abbreviate(Describe.printable(String.valueOf(of(o, 0))), Describe.MAX_LENGTH);
        }
        return Describe.value(m);
    }
}
