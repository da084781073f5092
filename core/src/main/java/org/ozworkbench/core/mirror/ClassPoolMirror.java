package org.ozworkbench.core.mirror;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/** A mirror of a class pool: the Dictionary of a class's class variables. */
public class ClassPoolMirror extends ObjectMirror {

    public ClassPoolMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    /** The Associations binding each class variable (what compiled methods refer to). */
    public Map<String, ObjectMirror> associations() {
        return space.dictionaryAssociations(this);
    }

    /** Class variable names to their values. */
    public Map<String, GuestValue> variables() {
        Map<String, GuestValue> values = new LinkedHashMap<>();
        associations().forEach((k, a) -> values.put(k, a.slot(space.contract().get(Slot.ASSOCIATION_VALUE))));
        return values;
    }

    public Optional<GuestValue> at(String name) {
        return Optional.ofNullable(associations().get(name)).map(a -> a.slot(space.contract().get(Slot.ASSOCIATION_VALUE)));
    }

    /** Sets an existing class variable, through the membrane. */
    public void atPut(String name, GuestValue value) {
        ObjectMirror association = associations().get(name);
        if (association == null) {
            throw new IllegalArgumentException("no class variable named '" + name + "' in this pool; it has "
                    + associations().keySet());
        }
        association.slotPut(space.contract().get(Slot.ASSOCIATION_VALUE), value);
    }
}
