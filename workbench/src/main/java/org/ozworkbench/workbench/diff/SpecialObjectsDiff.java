package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * What differs in the special objects arrays of two images, slot by slot (counted from 1, as
 * {@code Smalltalk specialObjectsArray at: N}): each value described by meaning (nil, a number, a
 * Symbol, a class by name, an Array of Symbols by its elements, any other object by its class),
 * never by oop. A slot that holds run-time state says why it may differ.
 *
 * @param size    the arrays' sizes, when they differ
 * @param changed the slots whose values differ
 */
public record SpecialObjectsDiff(ImageDiff.Change size, List<Slot> changed) {
    /** A slot both arrays have (or one has) with different values; {@code reason} may be null. */
    public record Slot(int index, String meaning, String a, String b, String reason) {
    }

    /** What the slots the VM reads mean, by index from 0, beyond {@link SpecialObject}'s (VMMaker's names). */
    private static final Map<Integer, String> OTHER_MEANINGS = Map.of(
            35, "MethodContext prototype", 37, "BlockContext prototype", 39, "class PseudoContext",
            40, "class TranslatedMethod", 48, "selector aboutToReturn:through:", 49, "selector run:with:in:",
            51, "primitive error table", 53, "selector invokeCallback:stack:registers:jmpbuf:");

    /** Why a slot may differ between two images of the same system: it holds what the VM or a run left there. */
    private static final Map<Integer, String> RUN_TIME_STATE = Map.of(
            SpecialObject.TIMER_SEMAPHORE.index(), "run-time state: the Semaphore the VM signals for the next Delay,"
                    + " registered (primitive 136) while the image runs; an image that never waited holds nil",
            35, "a prototype context no VM reads (VMMaker keeps the index as MethodContextProto); the image that"
                    + " saved it left it there",
            SpecialObject.EXTERNAL_OBJECTS.index(), "run-time state: the table of objects (semaphores) the VM signals"
                    + " by index, as large as the image's code made it when it registered one");

    public boolean differs() {
        return size != null || !changed.isEmpty();
    }

    static SpecialObjectsDiff between(ObjectSpace a, ObjectSpace b) {
        Object[] sa = a.memory().specialObjects().pointers();
        Object[] sb = b.memory().specialObjects().pointers();
        List<Slot> changed = new ArrayList<>();
        for (int i = 0; i < Math.max(sa.length, sb.length); i++) {
            String da = i < sa.length ? describe(a, sa[i]) : "(no slot)";
            String db = i < sb.length ? describe(b, sb[i]) : "(no slot)";
            if (!da.equals(db)) {
                changed.add(new Slot(i + 1, meaning(i), da, db, RUN_TIME_STATE.get(i)));
            }
        }
        ImageDiff.Change size = sa.length == sb.length ? null
                : new ImageDiff.Change("size", Integer.toString(sa.length), Integer.toString(sb.length));
        return new SpecialObjectsDiff(size, changed);
    }

    private static String meaning(int index) {
        for (SpecialObject s : SpecialObject.values()) {
            if (s.index() == index) {
                return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        }
        return OTHER_MEANINGS.getOrDefault(index, "slot " + (index + 1));
    }

    private static String describe(ObjectSpace space, Object value) {
        if (!(value instanceof GuestObject o)) {
            return String.valueOf(value);
        }
        if (o == space.memory().nil()) {
            return "nil";
        }
        if (space.isSymbol(o)) {
            return "#" + space.stringOf(o);
        }
        if (space.isClass(o)) {
            return "class " + space.classMirror(o).name();
        }
        String name = space.classMirror(o.cls()).name();
        String kind = ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
        if (o.cls() != space.memory().specialObject(SpecialObject.CLASS_ARRAY.index())) {
            return kind;
        }
        List<String> symbols = new ArrayList<>();
        for (Object e : o.pointers()) {
            if (e instanceof GuestObject g && g == space.memory().nil()) {
                symbols.add("nil");
            } else if (e instanceof GuestObject g && space.isSymbol(g)) {
                symbols.add("#" + space.stringOf(g));
            } else {
                return kind + " of " + o.pointerCount();
            }
        }
        return symbols.stream().allMatch("nil"::equals) ? kind + " of " + o.pointerCount() : kind + " " + symbols;
    }
}
