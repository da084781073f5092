package org.ozworkbench.core.space;

import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectMemory;

/**
 * The slots whose meaning the contract knows take only values of their kind, whoever stores into
 * them through the membrane: a Process's priority (a SmallInteger naming one of the scheduler's
 * lists), a context's pc and stackp (a SmallInteger from 0, or nil), the tally of a method
 * dictionary and a Semaphore's excess signals (a SmallInteger from 0), a class's format word (a
 * SmallInteger whose instance size + 1 is not 0 while the class has instances: Candle's PCBitBlt,
 * which has none, holds 128, whose instance size reads -1; the membrane makes no instance of such a
 * class) and its superclass (nil or a class, without a loop). The VM reads these as SmallIntegers without
 * checking: a LargePositiveInteger in a priority used to be committed without a word.
 */
final class SlotKinds implements Membrane.SlotGuard {
    /** Bits of the format word holding the instance size + 1: 1-6 low, 16-17 high (V3-FACTS). */
    private static final int SIZE_LOW_SHIFT = 1;
    private static final int SIZE_LOW_MASK = 0x3F;
    private static final int SIZE_HIGH_SHIFT = 10;
    private static final int SIZE_HIGH_MASK = 0xC0;

    /** Superclass links followed when looking for a loop; deeper chains are damaged anyway. */
    private static final int MAX_CHAIN = 10_000;

    private final ObjectSpace space;

    SlotKinds(ObjectSpace space) {
        this.space = space;
    }

    @Override
    public void check(GuestObject target, int index, Object value) {
        GuestObject cls = target.cls();
        if (cls == special(SpecialObject.CLASS_PROCESS) && index == at(Slot.PROCESS_PRIORITY)) {
            requireInteger(target, index, "priority", value, 1, space.scheduler().priorityCount(), false);
        } else if ((cls == special(SpecialObject.CLASS_METHOD_CONTEXT) || cls == special(SpecialObject.CLASS_BLOCK_CONTEXT))
                && (index == at(Slot.CONTEXT_PC) || index == at(Slot.CONTEXT_STACKP))) {
            requireInteger(target, index, index == at(Slot.CONTEXT_PC) ? "pc" : "stackp", value, 0,
                    ObjectMemory.SMALL_INTEGER_MAX, true);
        } else if (space.isMethodDictionary(target) && index == at(Slot.METHOD_DICT_TALLY)) {
            requireInteger(target, index, "tally", value, 0, ObjectMemory.SMALL_INTEGER_MAX, false);
        } else if (cls == special(SpecialObject.CLASS_SEMAPHORE) && index == at(Slot.SEMAPHORE_EXCESS_SIGNALS)) {
            requireInteger(target, index, "excessSignals", value, 0, ObjectMemory.SMALL_INTEGER_MAX, false);
        } else if (index == at(Slot.CLASS_SUPERCLASS) && (space.isClass(target) || space.isMetaclass(target))) {
            requireSuperclass(target, index, value);
        } else if (index == at(Slot.CLASS_FORMAT) && (space.isClass(target) || space.isMetaclass(target))) {
            requireInteger(target, index, "format", value, ObjectMemory.SMALL_INTEGER_MIN,
                    ObjectMemory.SMALL_INTEGER_MAX, false);
            int format = (Integer) value;
            if ((((format >> SIZE_LOW_SHIFT) & SIZE_LOW_MASK) | ((format >> SIZE_HIGH_SHIFT) & SIZE_HIGH_MASK)) == 0
                    && hasInstances(target)) {
                throw MembraneException.invalid("slot " + index + " (format) of " + describe(target) + " takes a format"
                        + " word whose instance size + 1 is 1..255, not " + format + " (instance size -1)");
            }
        }
    }

    private boolean hasInstances(GuestObject cls) {
        for (GuestObject o : space.memory().objects()) {
            if (o.cls() == cls) {
                return true;
            }
        }
        return false;
    }

    /**
     * A superclass is nil, a class or a metaclass (the root's metaclass inherits from Class), whose
     * own chain does not reach back.
     */
    private void requireSuperclass(GuestObject target, int index, Object value) {
        if (value == space.memory().nil()) {
            return;
        }
        if (!(value instanceof GuestObject s && (space.isClass(s) || space.isMetaclass(s)))) {
            throw MembraneException.invalid("slot " + index + " (superclass) of " + describe(target) + " takes nil or a"
                    + " class, not " + describe(value));
        }
        Object c = value;
        for (int steps = 0; c instanceof GuestObject g && g != space.memory().nil() && steps < MAX_CHAIN; steps++) {
            if (g == target) {
                throw MembraneException.invalid("slot " + index + " (superclass) of " + describe(target) + " cannot be "
                        + describe(value) + ": " + describe(value) + " inherits from " + describe(target)
                        + ", and a superclass chain must not loop (method lookup would never end)");
            }
            c = g.isPointers() && g.pointerCount() > index ? g.pointerAt(index) : null;
        }
    }

    private void requireInteger(GuestObject target, int index, String name, Object value, int min, int max,
                                boolean nilAllowed) {
        if (value instanceof Integer i && i >= min && i <= max) {
            return;
        }
        if (nilAllowed && value == space.memory().nil()) {
            return;
        }
        throw MembraneException.invalid("slot " + index + " (" + name + ") of " + describe(target) + " takes a"
                + " SmallInteger in " + min + ".." + max + (nilAllowed ? " or nil" : "") + ", not " + describe(value));
    }

    private String describe(Object value) {
        if (value instanceof Integer i) {
            return i.toString();
        }
        GuestObject o = (GuestObject) value;
        if (o == space.memory().nil()) {
            return "nil";
        }
        if (space.isClass(o) || space.isMetaclass(o)) {
            return "class " + space.classMirror(o).name();
        }
        String className = space.classMirror(o.cls()).name();
        return (className.matches("^[AEIOU].*") ? "an " : "a ") + className;
    }

    private GuestObject special(SpecialObject which) {
        Object o = space.memory().specialObject(which.index());
        return o instanceof GuestObject g && g != space.memory().nil() ? g : null;
    }

    private int at(Slot slot) {
        return space.contract().has(slot) ? space.contract().get(slot) : -1;
    }
}
