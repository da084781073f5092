package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The objects of two images counted, in all and by class (classes matched by name).
 *
 * @param a                 objects in A
 * @param b                 objects in B
 * @param classesDiffering  how many classes have a different number of instances
 * @param byClass           the classes whose counts differ most, largest absolute difference first
 */
public record ObjectCounts(int a, int b, int classesDiffering, List<ClassCount> byClass) {

    /** Instances of one class in A and in B; {@code difference} is b - a. */
    public record ClassCount(String className, int a, int b, int difference) {
    }

    public boolean differs() {
        return a != b || classesDiffering != 0;
    }

    static ObjectCounts between(ObjectSpace a, ObjectSpace b, int top) {
        Map<String, Integer> ca = byClassName(a);
        Map<String, Integer> cb = byClassName(b);
        TreeSet<String> names = new TreeSet<>(ca.keySet());
        names.addAll(cb.keySet());
        List<ClassCount> differing = new ArrayList<>();
        for (String name : names) {
            int na = ca.getOrDefault(name, 0);
            int nb = cb.getOrDefault(name, 0);
            if (na != nb) {
                differing.add(new ClassCount(name, na, nb, nb - na));
            }
        }
        differing.sort(Comparator.comparingInt((ClassCount c) -> -Math.abs(c.difference()))
                .thenComparing(ClassCount::className));
        return new ObjectCounts(a.memory().objectCount(), b.memory().objectCount(), differing.size(),
                List.copyOf(differing.subList(0, Math.min(top, differing.size()))));
    }

    private static Map<String, Integer> byClassName(ObjectSpace space) {
        Map<GuestObject, Integer> byClass = new IdentityHashMap<>();
        for (GuestObject o : space.memory().objects()) {
            byClass.merge(o.cls(), 1, Integer::sum);
        }
        Map<String, Integer> byName = new HashMap<>();
        byClass.forEach((cls, n) -> byName.merge(space.classMirror(cls).name(), n, Integer::sum));
        return byName;
    }
}
