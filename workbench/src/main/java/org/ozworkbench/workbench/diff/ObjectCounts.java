package org.ozworkbench.workbench.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The objects of two images counted, in all and by class (classes matched by name), and those of
 * them that nothing reaches from the special objects array (the roots the VM marks from): garbage
 * an image file may hold, which the VM's next collection frees and which no run can see.
 *
 * @param a                 objects in A
 * @param b                 objects in B
 * @param classesDiffering  how many classes have a different number of instances
 * @param byClass           the classes whose counts differ most, largest absolute difference first
 * @param unreachableA      objects of A that nothing reaches
 * @param unreachableB      objects of B that nothing reaches
 * @param reachableDiffering how many classes have a different number of reachable instances
 */
public record ObjectCounts(int a, int b, int classesDiffering, List<ClassCount> byClass, int unreachableA,
                           int unreachableB, int reachableDiffering) {

    /**
     * Instances of one class in A and in B; {@code difference} is b - a; {@code reachableA} and
     * {@code reachableB} count those something reaches; where those differ, {@code heldBy} says where
     * they hang in each (the places holding most of the difference).
     */
    public record ClassCount(String className, int a, int b, int difference, int reachableA, int reachableB,
                             List<String> heldBy) {
    }

    /** The places shown for a class whose reachable instances differ. */
    private static final int PLACES_SHOWN = 3;

    public boolean differs() {
        return a != b || classesDiffering != 0;
    }

    /** Whether the objects something reaches differ, in all or by class (else only garbage does). */
    public boolean reachableDiffers() {
        return a - unreachableA != b - unreachableB || reachableDiffering != 0;
    }

    static ObjectCounts between(ObjectSpace a, ObjectSpace b, int top) {
        Map<GuestObject, String> placesA = reachable(a);
        Map<GuestObject, String> placesB = reachable(b);
        Map<String, Integer> ca = byClassName(a, o -> true);
        Map<String, Integer> cb = byClassName(b, o -> true);
        Map<String, Integer> ra = byClassName(a, placesA::containsKey);
        Map<String, Integer> rb = byClassName(b, placesB::containsKey);
        TreeSet<String> names = new TreeSet<>(ca.keySet());
        names.addAll(cb.keySet());
        List<ClassCount> differing = new ArrayList<>();
        int reachableDiffering = 0;
        for (String name : names) {
            int na = ca.getOrDefault(name, 0);
            int nb = cb.getOrDefault(name, 0);
            int reachableA = ra.getOrDefault(name, 0);
            int reachableB = rb.getOrDefault(name, 0);
            reachableDiffering += reachableA == reachableB ? 0 : 1;
            if (na != nb || reachableA != reachableB) {
                differing.add(new ClassCount(name, na, nb, nb - na, reachableA, reachableB,
                        reachableA == reachableB ? List.of() : heldBy(name, a, placesA, b, placesB)));
            }
        }
        differing.sort(Comparator.comparingInt((ClassCount c) -> -Math.abs(c.difference()))
                .thenComparing(ClassCount::className));
        int classesDiffering = (int) differing.stream().filter(c -> c.difference() != 0).count();
        return new ObjectCounts(a.memory().objectCount(), b.memory().objectCount(), classesDiffering,
                List.copyOf(differing.subList(0, Math.min(top, differing.size()))),
                a.memory().objectCount() - placesA.size(), b.memory().objectCount() - placesB.size(),
                reachableDiffering);
    }

    private static Map<String, Integer> byClassName(ObjectSpace space, Predicate<GuestObject> which) {
        Map<GuestObject, Integer> byClass = new IdentityHashMap<>();
        for (GuestObject o : space.memory().objects()) {
            if (which.test(o)) {
                byClass.merge(o.cls(), 1, Integer::sum);
            }
        }
        Map<String, Integer> byName = new HashMap<>();
        byClass.forEach((cls, n) -> byName.merge(space.classMirror(cls).name(), n, Integer::sum));
        return byName;
    }

    /**
     * Where the reachable instances of {@code className} hang in A and in B, where those places
     * hold different numbers of them: {@code "element of a PCArray in slot 7 of a class: 76 -> 0"}.
     */
    private static List<String> heldBy(String className, ObjectSpace a, Map<GuestObject, String> placesA, ObjectSpace b,
                                       Map<GuestObject, String> placesB) {
        Map<String, Integer> inA = placesOf(className, a, placesA);
        Map<String, Integer> inB = placesOf(className, b, placesB);
        TreeSet<String> places = new TreeSet<>(inA.keySet());
        places.addAll(inB.keySet());
        List<String> result = new ArrayList<>();
        places.stream().filter(p -> !inA.getOrDefault(p, 0).equals(inB.getOrDefault(p, 0)))
                .sorted(Comparator.comparingInt((String p) -> -Math.abs(inB.getOrDefault(p, 0) - inA.getOrDefault(p, 0)))
                        .thenComparing(p -> p))
                .limit(PLACES_SHOWN)
                .forEach(p -> result.add(p + ": " + inA.getOrDefault(p, 0) + " -> " + inB.getOrDefault(p, 0)));
        return result;
    }

    private static Map<String, Integer> placesOf(String className, ObjectSpace space, Map<GuestObject, String> places) {
        Map<String, Integer> counts = new HashMap<>();
        places.forEach((o, place) -> {
            if (space.classMirror(o.cls()).name().equals(className)) {
                counts.merge(place, 1, Integer::sum);
            }
        });
        return counts;
    }

    /**
     * The objects the VM's mark phase reaches from the special objects array (through every pointer
     * slot, a method's literals and every object's class), each with the place it was first reached
     * at (breadth first): its slot, and its holder's unless that is a class ({@code "element of a
     * PCArray in slot 7 of a class"}, {@code "slot 8 of a class"}).
     */
    private static Map<GuestObject, String> reachable(ObjectSpace space) {
        Map<GuestObject, String> places = new IdentityHashMap<>();
        Map<GuestObject, String> slots = new IdentityHashMap<>();
        Deque<GuestObject> toVisit = new ArrayDeque<>();
        GuestObject roots = space.memory().specialObjects();
        places.put(roots, "the special objects");
        slots.put(roots, "the special objects");
        toVisit.add(roots);
        while (!toVisit.isEmpty()) {
            GuestObject o = toVisit.poll();
            visit(space, o, o.cls(), "class", places, slots, toVisit);
            Object[] pointers = o.pointers();
            for (int i = 0; i < pointers.length; i++) {
                if (pointers[i] instanceof GuestObject g) {
                    visit(space, o, g, slotName(space, o, i), places, slots, toVisit);
                }
            }
        }
        return places;
    }

    private static void visit(ObjectSpace space, GuestObject holder, GuestObject found, String slot,
                              Map<GuestObject, String> places, Map<GuestObject, String> slots, Deque<GuestObject> toVisit) {
        if (places.containsKey(found)) {
            return;
        }
        String here = slot + " of " + kind(space, holder);
        slots.put(found, here);
        boolean anchor = holder == space.memory().specialObjects() || space.isClass(holder) || space.isMetaclass(holder);
        places.put(found, here + (anchor ? "" : " in " + slots.get(holder)));
        toVisit.add(found);
    }

    /** {@code slot 7}, {@code element}, {@code literal}, as the holder's format has it. */
    private static String slotName(ObjectSpace space, GuestObject holder, int index) {
        if (holder.isCompiledMethod()) {
            return index == 0 ? "header" : "literal";
        }
        int named = space.isClass(holder.cls()) || space.isMetaclass(holder.cls())
                ? space.classMirror(holder.cls()).instanceSize() : 0;
        return index < named || space.isClass(holder) || space.isMetaclass(holder) ? "slot " + index : "element";
    }

    /** {@code a class}, {@code a metaclass}, else {@code a PCArray}, {@code an Array}. */
    private static String kind(ObjectSpace space, GuestObject o) {
        if (space.isClass(o)) {
            return "a class";
        }
        if (space.isMetaclass(o)) {
            return "a metaclass";
        }
        String name = space.classMirror(o.cls()).name();
        return (name.matches("^[AEIOU].*") ? "an " : "a ") + name;
    }
}
