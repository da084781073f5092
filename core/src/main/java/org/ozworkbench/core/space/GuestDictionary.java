package org.ozworkbench.core.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;

/**
 * Reads a guest Dictionary of Associations (Smalltalk, class pools): its array holds
 * Associations (key, value) or nil. Keys are Symbols.
 */
final class GuestDictionary {
    private final ObjectSpace space;
    private final GuestObject dictionary;

    GuestDictionary(ObjectSpace space, GuestObject dictionary) {
        this.space = space;
        this.dictionary = dictionary;
    }

    /** The associations, in the order of the dictionary's array; empty when the layout is not as expected. */
    List<GuestObject> associations() {
        Contract c = space.contract();
        int arraySlot = c.get(Slot.DICTIONARY_ARRAY);
        if (!dictionary.isPointers() || dictionary.pointerCount() <= arraySlot
                || !(dictionary.pointerAt(arraySlot) instanceof GuestObject array) || !array.isPointers()) {
            return List.of();
        }
        int keySlot = c.get(Slot.ASSOCIATION_KEY);
        int valueSlot = c.get(Slot.ASSOCIATION_VALUE);
        List<GuestObject> result = new ArrayList<>();
        for (Object entry : array.pointers()) {
            if (entry instanceof GuestObject a && a != space.memory().nil() && a.isPointers()
                    && a.pointerCount() > Math.max(keySlot, valueSlot)) {
                result.add(a);
            }
        }
        return result;
    }

    Optional<GuestObject> associationAt(String key) {
        int keySlot = space.contract().get(Slot.ASSOCIATION_KEY);
        for (GuestObject a : associations()) {
            if (a.pointerAt(keySlot) instanceof GuestObject k && k.isBytes() && space.stringOf(k).equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    String keyOf(GuestObject association) {
        Object k = association.pointerAt(space.contract().get(Slot.ASSOCIATION_KEY));
        return k instanceof GuestObject g && g.isBytes() ? space.stringOf(g) : String.valueOf(k);
    }

    Object valueOf(GuestObject association) {
        return association.pointerAt(space.contract().get(Slot.ASSOCIATION_VALUE));
    }
}
