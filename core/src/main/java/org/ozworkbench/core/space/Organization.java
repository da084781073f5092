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
        String name = cls.name();
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
}
