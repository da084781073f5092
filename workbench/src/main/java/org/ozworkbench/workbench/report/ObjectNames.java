package org.ozworkbench.workbench.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Names objects for people: a class by its name, a class's method dictionary, method array or
 * organization by their class, anything else as "a Foo (Snapshot(0x…))". The owners are found
 * once, on first use, by walking the classes.
 */
public final class ObjectNames implements Function<GuestRef.Obj, String> {
    private final ObjectSpace space;
    private Map<GuestObject, String> owned;

    private ObjectNames(ObjectSpace space) {
        this.space = space;
    }

    public static ObjectNames of(ObjectSpace space) {
        return new ObjectNames(space);
    }

    @Override
    public String apply(GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        if (o == null) {
            return ref.toString();
        }
        String known = owners().get(o);
        if (known != null) {
            return known + " (" + ref + ")";
        }
        ObjectMirror m = space.mirror(o);
        String cls = m.classMirror().name();
        return ("AEIOU".indexOf(cls.charAt(0)) >= 0 ? "an " : "a ") + cls + " (" + ref + ")";
    }

    private Map<GuestObject, String> owners() {
        if (owned == null) {
            owned = new HashMap<>();
            for (ClassMirror c : space.classes()) {
                for (ClassMirror side : List.of(c, c.metaclass())) {
                    owned.put(side.guestObject(), side.name());
                    ObjectMirror dict = side.methodDictionary();
                    owned.put(dict.guestObject(), "the method dictionary of " + side.name());
                    ObjectMirror array = dict.objectSlot(space.contract().get(Slot.METHOD_DICT_ARRAY));
                    if (array != null) {
                        owned.put(array.guestObject(), "the method array of " + side.name());
                    }
                    if (space.contract().has(Slot.CLASS_ORGANIZATION)
                            && side.slot(space.contract().get(Slot.CLASS_ORGANIZATION)) instanceof ObjectMirror org
                            && !org.isNil()) {
                        owned.put(org.guestObject(), "the organization of " + side.name());
                    }
                }
            }
        }
        return owned;
    }
}
