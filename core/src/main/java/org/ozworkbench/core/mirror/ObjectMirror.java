package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of one guest object: reads its slots and changes them through the space's membrane.
 * Slot indices are 0-based. Two mirrors are equal when they mirror the same object of the same
 * space. A mirror refuses values from another space.
 */
public non-sealed class ObjectMirror implements GuestValue {
    protected final ObjectSpace space;
    protected final GuestObject object;

    public ObjectMirror(ObjectSpace space, GuestObject object) {
        if (object.memory() != space.memory()) {
            throw new IllegalArgumentException(object + " is not an object of " + space);
        }
        this.space = space;
        this.object = object;
    }

    public ObjectSpace space() {
        return space;
    }

    /** The object behind the mirror (for the workbench's own modules). */
    public GuestObject guestObject() {
        return object;
    }

    /** The host-safe identity of this object: its oop in the loaded file, or its creation number. */
    public GuestRef.Obj ref() {
        return GuestRef.of(object);
    }

    public ClassMirror classMirror() {
        return space.classMirror(object.cls());
    }

    public boolean isNil() {
        return object == space.memory().nil();
    }

    public int format() {
        return object.format();
    }

    public int identityHash() {
        return object.hash();
    }

    /** Number of pointer slots (fixed + indexable); for a method, header word and literals. */
    public int slotCount() {
        return object.pointerCount();
    }

    /** Number of fixed (named) instance variables, from the class format. */
    public int fixedSlotCount() {
        return object.isPointers() ? Math.min(classMirror().instanceSize(), object.pointerCount()) : 0;
    }

    /** Number of indexable slots, bytes or words, as Smalltalk's basicSize answers. */
    public int basicSize() {
        if (object.isPointers()) {
            return object.pointerCount() - fixedSlotCount();
        }
        if (object.isWords()) {
            return object.words().length;
        }
        return object.byteCount() + (object.isCompiledMethod() ? 4 * object.pointerCount() : 0);
    }

    public GuestValue slot(int index) {
        checkPointerIndex(index);
        return space.valueOf(object.pointerAt(index));
    }

    /** Stores {@code value} into pointer slot {@code index} through the membrane. */
    public void slotPut(int index, GuestValue value) {
        space.membrane().storePointer(object, index, space.unwrap(value));
    }

    /** The slots as a list (a snapshot). */
    public List<GuestValue> slots() {
        List<GuestValue> values = new ArrayList<>(object.pointerCount());
        for (Object p : object.pointers()) {
            values.add(space.valueOf(p));
        }
        return values;
    }

    /** A mirror of the object in slot {@code index}; fails if it holds a SmallInteger. */
    public ObjectMirror objectSlot(int index) {
        GuestValue v = slot(index);
        if (v instanceof ObjectMirror m) {
            return m;
        }
        throw new IllegalStateException("slot " + index + " of " + this + " holds SmallInteger " + v);
    }

    /** The instance variable of this name, per the class's (and superclasses') instance variable names. */
    public GuestValue instVarNamed(String name) {
        return slot(instVarIndex(name));
    }

    public void instVarNamedPut(String name, GuestValue value) {
        slotPut(instVarIndex(name), value);
    }

    private int instVarIndex(String name) {
        List<String> names = classMirror().allInstanceVariableNames();
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(classMirror().name() + " has no instance variable named '" + name
                    + "'; it has " + names);
        }
        return i;
    }

    /** Changes the class of this object (same format and shape required), through the membrane. */
    public void changeClassTo(ClassMirror newClass) {
        space.membrane().changeClass(object, space.unwrapObject(newClass));
    }

    protected void checkPointerIndex(int index) {
        if (index < 0 || index >= object.pointerCount()) {
            throw new IndexOutOfBoundsException("slot " + index + " of " + this + " (" + object.pointerCount()
                    + " slots, 0-based)");
        }
    }

    /** A short description, in the spirit of printString: "a Point", "an Array(3)", "#foo". */
    public String describe() {
        if (isNil()) {
            return "nil";
        }
        if (object == space.memory().trueObject()) {
            return "true";
        }
        if (object == space.memory().falseObject()) {
            return "false";
        }
        String cls = classMirror().name();
        String article = !cls.isEmpty() && "AEIOU".indexOf(cls.charAt(0)) >= 0 ? "an " : "a ";
        String size = ObjectFormat.isIndexable(object.format()) ? "(" + basicSize() + ")" : "";
        return article + cls + size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectMirror m && m.object == object && m.space == space;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(object);
    }

    @Override
    public String toString() {
        return describe() + " " + ref();
    }
}
