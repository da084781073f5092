package org.ozworkbench.core.space;

import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;

/**
 * Reads class categories from the image's SystemOrganization (a ClassOrganizer): its
 * {@code elementArray} lists class names by category, {@code categoryStops} says where each
 * category in {@code categoryArray} ends.
 */
final class Organization {
    private static final String GLOBAL = "SystemOrganization";

    private Organization() {
    }

    static Optional<String> categoryOf(ObjectSpace space, ClassMirror cls) {
        Optional<GuestValue> org = space.globalNamed(GLOBAL);
        if (org.isEmpty() || !(org.get() instanceof ObjectMirror organizer) || organizer.isNil()) {
            return Optional.empty();
        }
        List<String> ivars = organizer.classMirror().allInstanceVariableNames();
        if (!ivars.containsAll(List.of("categoryArray", "categoryStops", "elementArray"))) {
            return Optional.empty();
        }
        if (!(organizer.instVarNamed("categoryArray") instanceof ObjectMirror categories)
                || !(organizer.instVarNamed("categoryStops") instanceof ObjectMirror stops)
                || !(organizer.instVarNamed("elementArray") instanceof ObjectMirror elements)) {
            return Optional.empty();
        }
        return categoryIn(categories, stops, elements, cls.name());
    }

    /** The method category of {@code selector} in the class's organizer, where it has one. */
    static Optional<String> methodCategoryOf(ObjectSpace space, ClassMirror cls, String selector) {
        if (!space.contract().has(org.ozworkbench.core.contract.Slot.CLASS_ORGANIZATION)
                || !(cls.slot(space.contract().get(org.ozworkbench.core.contract.Slot.CLASS_ORGANIZATION))
                instanceof ObjectMirror organizer) || organizer.isNil()
                || !organizer.classMirror().allInstanceVariableNames()
                .containsAll(List.of("categoryArray", "categoryStops", "elementArray"))
                || !(organizer.instVarNamed("categoryArray") instanceof ObjectMirror categories)
                || !(organizer.instVarNamed("categoryStops") instanceof ObjectMirror stops)
                || !(organizer.instVarNamed("elementArray") instanceof ObjectMirror elements)) {
            return Optional.empty();
        }
        return categoryIn(categories, stops, elements, selector);
    }

    /** The category whose run of elements holds {@code name}: categoryStops ends each run. */
    private static Optional<String> categoryIn(ObjectMirror categories, ObjectMirror stops, ObjectMirror elements,
                                               String name) {
        if (!categories.guestObject().isPointers() || !stops.guestObject().isPointers()
                || !elements.guestObject().isPointers()) {
            return Optional.empty();
        }
        int position = -1;
        for (int i = 0; i < elements.slotCount(); i++) {
            if (elements.slot(i) instanceof ByteObjectMirror s && s.asString().equals(name)) {
                position = i + 1;
                break;
            }
        }
        if (position < 0) {
            return Optional.empty();
        }
        for (int c = 0; c < stops.slotCount() && c < categories.slotCount(); c++) {
            if (stops.slot(c) instanceof SmallInteger stop && position <= stop.value()) {
                return categories.slot(c) instanceof ByteObjectMirror s ? Optional.of(s.asString()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Puts {@code element} (a class name, or a selector in a class's organizer) into
     * {@code category} of {@code organizer}, as ClassOrganizer>>classify:under: leaves the three
     * arrays: at the end of the category's run of elements, or in a new category at the end. New
     * arrays are stored through the membrane. Answers false when the organizer has another shape.
     */
    static boolean classify(ObjectSpace space, ObjectMirror organizer, String element, String category) {
        List<String> ivars = organizer.classMirror().allInstanceVariableNames();
        if (!ivars.containsAll(List.of("categoryArray", "categoryStops", "elementArray"))
                || !(organizer.instVarNamed("categoryArray") instanceof ObjectMirror categories)
                || !(organizer.instVarNamed("categoryStops") instanceof ObjectMirror stops)
                || !(organizer.instVarNamed("elementArray") instanceof ObjectMirror elements)) {
            return false;
        }
        List<GuestValue> cats = new java.util.ArrayList<>(categories.slots());
        List<GuestValue> ends = new java.util.ArrayList<>(stops.slots());
        List<GuestValue> elems = new java.util.ArrayList<>(elements.slots());
        int c = -1;
        for (int i = 0; i < cats.size(); i++) {
            if (cats.get(i) instanceof ByteObjectMirror name && name.asString().equals(category)) {
                c = i;
                break;
            }
        }
        GuestValue elementSymbol = space.intern(element);
        if (c < 0) {
            boolean symbols = cats.isEmpty() || cats.get(0) instanceof ByteObjectMirror b && b.isSymbol();
            cats.add(symbols ? space.intern(category) : space.newString(category));
            elems.add(elementSymbol);
            ends.add(SmallInteger.of(elems.size()));
        } else {
            int end = ((SmallInteger) ends.get(c)).value();
            elems.add(end, elementSymbol);
            for (int i = c; i < ends.size(); i++) {
                ends.set(i, SmallInteger.of(((SmallInteger) ends.get(i)).value() + 1));
            }
        }
        organizer.instVarNamedPut("categoryArray", space.newArray(cats));
        organizer.instVarNamedPut("categoryStops", space.newArray(ends));
        organizer.instVarNamedPut("elementArray", space.newArray(elems));
        return true;
    }

    /**
     * Files a selector under a method category in the class's organizer, making an empty
     * ClassOrganizer when the class has none. A selector already filed somewhere is left where it is.
     */
    static void classifySelector(ObjectSpace space, ClassMirror cls, String selector, String category) {
        if (!space.contract().has(org.ozworkbench.core.contract.Slot.CLASS_ORGANIZATION)) {
            return;
        }
        int slot = space.contract().get(org.ozworkbench.core.contract.Slot.CLASS_ORGANIZATION);
        GuestValue current = cls.slot(slot);
        ObjectMirror organizer;
        if (current instanceof ObjectMirror o && !o.isNil()) {
            organizer = o;
        } else {
            Optional<ClassMirror> organizerClass = space.classNamed("ClassOrganizer");
            if (organizerClass.isEmpty()) {
                return;
            }
            organizer = space.instantiate(organizerClass.get(), 0);
            List<String> ivars = organizer.classMirror().allInstanceVariableNames();
            if (!ivars.containsAll(List.of("categoryArray", "categoryStops", "elementArray"))) {
                return;
            }
            organizer.instVarNamedPut("categoryArray", space.newArray(List.of()));
            organizer.instVarNamedPut("categoryStops", space.newArray(List.of()));
            organizer.instVarNamedPut("elementArray", space.newArray(List.of()));
            cls.slotPut(slot, organizer);
        }
        if (organizer.instVarNamed("elementArray") instanceof ObjectMirror elements
                && elements.slots().stream().anyMatch(e -> e instanceof ByteObjectMirror b && b.asString().equals(selector))) {
            return;
        }
        classify(space, organizer, selector, category);
    }

    /** Files a class under a category of SystemOrganization, where the image has one. */
    static void classifyClass(ObjectSpace space, String className, String category) {
        Optional<GuestValue> org = space.globalNamed(GLOBAL);
        if (org.isPresent() && org.get() instanceof ObjectMirror organizer && !organizer.isNil()) {
            classify(space, organizer, className, category);
        }
    }
}
