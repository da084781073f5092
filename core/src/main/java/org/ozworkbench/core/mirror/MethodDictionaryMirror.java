package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of a MethodDictionary: tally, an Array of methods, and the selectors as the
 * indexable part, open-addressed with linear probing from {@code identityHash mod capacity},
 * exactly as the VM looks methods up (V3-FACTS section 6).
 */
public class MethodDictionaryMirror extends ObjectMirror {

    /** One selector and the method it maps to. */
    public record Entry(String selector, MethodMirror method) {
    }

    public MethodDictionaryMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    private int fixed() {
        return space.contract().get(Slot.METHOD_DICT_FIXED_SLOTS);
    }

    public int capacity() {
        return object.pointerCount() - fixed();
    }

    public int tally() {
        return (Integer) object.pointerAt(space.contract().get(Slot.METHOD_DICT_TALLY));
    }

    private GuestObject methodArray() {
        return (GuestObject) object.pointerAt(space.contract().get(Slot.METHOD_DICT_ARRAY));
    }

    private Object selectorAt(int i) {
        return object.pointerAt(fixed() + i);
    }

    public List<Entry> entries() {
        List<Entry> result = new ArrayList<>();
        GuestObject nil = space.memory().nil();
        GuestObject array = methodArray();
        for (int i = 0; i < capacity(); i++) {
            if (selectorAt(i) instanceof GuestObject sel && sel != nil && array.pointerAt(i) instanceof GuestObject m
                    && m.isCompiledMethod()) {
                result.add(new Entry(space.stringOf(sel), new MethodMirror(space, m)));
            }
        }
        return result;
    }

    public List<String> selectors() {
        return entries().stream().map(Entry::selector).toList();
    }

    public Optional<MethodMirror> at(String selector) {
        Optional<ByteObjectMirror> symbol = space.symbolNamed(selector);
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        int i = indexOf(symbol.get().guestObject());
        if (i < 0 || selectorAt(i) == space.memory().nil()) {
            return Optional.empty();
        }
        Object m = methodArray().pointerAt(i);
        return m instanceof GuestObject g && g.isCompiledMethod() ? Optional.of(new MethodMirror(space, g)) : Optional.empty();
    }

    /** The slot of {@code symbol}, or of the nil slot where it would go; -1 when full. */
    private int indexOf(GuestObject symbol) {
        int n = capacity();
        if (n == 0) {
            return -1;
        }
        GuestObject nil = space.memory().nil();
        int start = Math.floorMod(symbol.hash(), n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            Object s = selectorAt(i);
            if (s == symbol || s == nil) {
                return i;
            }
        }
        return -1;
    }

    /** Whether adding one more entry keeps enough free slots (the guest's fullCheck). */
    private static boolean hasRoomAfterAdding(int capacity, int tallyAfter) {
        return capacity - tallyAfter >= Math.max(capacity / 4, 1);
    }

    /**
     * Puts {@code method} under {@code symbol} in place when the selector is there already or the
     * dictionary has room; answers false, changing nothing, when the guest would grow it first.
     */
    boolean putIfRoom(ByteObjectMirror symbol, MethodMirror method) {
        GuestObject sel = space.unwrapObject(symbol);
        int i = indexOf(sel);
        boolean replacing = i >= 0 && selectorAt(i) == sel;
        if (!replacing && (i < 0 || !hasRoomAfterAdding(capacity(), tally() + 1))) {
            return false;
        }
        space.membrane().storePointer(methodArray(), i, space.unwrapObject(method));
        if (!replacing) {
            space.membrane().storePointer(object, fixed() + i, sel);
            slotPut(space.contract().get(Slot.METHOD_DICT_TALLY), SmallInteger.of(tally() + 1));
        }
        return true;
    }

    /**
     * A new dictionary, twice as large (or more, until it has room), holding every entry of this one
     * plus the new one: what the guest's grow builds before its become:.
     */
    MethodDictionaryMirror grownCopy(ByteObjectMirror symbol, MethodMirror method) {
        List<GuestObject[]> pairs = new ArrayList<>();
        GuestObject nil = space.memory().nil();
        for (int i = 0; i < capacity(); i++) {
            if (selectorAt(i) instanceof GuestObject s && s != nil) {
                pairs.add(new GuestObject[] {s, (GuestObject) methodArray().pointerAt(i)});
            }
        }
        pairs.add(new GuestObject[] {space.unwrapObject(symbol), space.unwrapObject(method)});
        int newCapacity = Math.max(1, capacity() * 2);
        while (!hasRoomAfterAdding(newCapacity, pairs.size())) {
            newCapacity *= 2;
        }
        Object[] selectors = new Object[fixed() + newCapacity];
        Object[] methods = new Object[newCapacity];
        java.util.Arrays.fill(selectors, nil);
        java.util.Arrays.fill(methods, nil);
        for (GuestObject[] pair : pairs) {
            int i = Math.floorMod(pair[0].hash(), newCapacity);
            while (selectors[fixed() + i] != nil) {
                i = (i + 1) % newCapacity;
            }
            selectors[fixed() + i] = pair[0];
            methods[i] = pair[1];
        }
        GuestObject arrayClass = (GuestObject) space.memory().specialObject(SpecialObject.CLASS_ARRAY.index());
        GuestObject array = space.membrane().create(arrayClass, ObjectFormat.INDEXABLE_POINTERS, methods, new int[0],
                new byte[0]);
        selectors[space.contract().get(Slot.METHOD_DICT_TALLY)] = pairs.size();
        selectors[space.contract().get(Slot.METHOD_DICT_ARRAY)] = array;
        GuestObject dict = space.membrane().create(object.cls(), object.format(), selectors, new int[0], new byte[0]);
        return new MethodDictionaryMirror(space, dict);
    }

    /** Removes {@code selector}, re-placing the entries after it as the guest's fixCollisionsFrom: does. */
    boolean remove(String selector) {
        Optional<ByteObjectMirror> symbol = space.symbolNamed(selector);
        if (symbol.isEmpty()) {
            return false;
        }
        GuestObject sel = symbol.get().guestObject();
        int i = indexOf(sel);
        if (i < 0 || selectorAt(i) != sel) {
            return false;
        }
        GuestObject nil = space.memory().nil();
        int n = capacity();
        space.membrane().storePointer(object, fixed() + i, nil);
        space.membrane().storePointer(methodArray(), i, nil);
        slotPut(space.contract().get(Slot.METHOD_DICT_TALLY), SmallInteger.of(tally() - 1));
        for (int j = (i + 1) % n; selectorAt(j) != nil; j = (j + 1) % n) {
            GuestObject key = (GuestObject) selectorAt(j);
            Object method = methodArray().pointerAt(j);
            int home = indexOf(key);
            if (home != j) {
                space.membrane().storePointer(object, fixed() + home, key);
                space.membrane().storePointer(methodArray(), home, method);
                space.membrane().storePointer(object, fixed() + j, nil);
                space.membrane().storePointer(methodArray(), j, nil);
            }
        }
        return true;
    }
}
