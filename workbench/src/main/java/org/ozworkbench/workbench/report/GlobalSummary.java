package org.ozworkbench.workbench.report;

import java.util.Comparator;
import java.util.List;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * One global variable of Smalltalk.
 *
 * @param name       its name
 * @param value      a short description of its value ("a ProcessorScheduler", "42", "Array")
 * @param valueClass the class of the value ("SmallInteger" for one)
 * @param isClass    whether the value is a class
 * @param ref        the value's ref, null for a SmallInteger
 */
public record GlobalSummary(String name, String value, String valueClass, boolean isClass, String ref) {

    public static GlobalSummary of(String name, GuestValue value) {
        if (value instanceof ObjectMirror m) {
            return new GlobalSummary(name, Describe.value(m), m.classMirror().name(), m instanceof ClassMirror,
                    Refs.of(m));
        }
        return new GlobalSummary(name, value.toString(), "SmallInteger", false, null);
    }

    /** The globals whose names match, sorted by name. */
    public static List<GlobalSummary> matching(ObjectSpace space, NamePattern pattern, boolean withClasses) {
        return space.globals().entrySet().stream()
                .filter(e -> pattern.test(e.getKey()))
                .map(e -> of(e.getKey(), e.getValue()))
                .filter(g -> withClasses || !g.isClass())
                .sorted(Comparator.comparing(GlobalSummary::name))
                .toList();
    }
}
