package org.ozworkbench.workbench.diff;

import java.util.Map;
import java.util.TreeMap;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.diff.ImageDiff.Named;

/** The globals of Smalltalk in two images, by name; a global that names its own class is left to the classes. */
final class GlobalsDiff {
    private GlobalsDiff() {
    }

    static Named between(ObjectSpace a, ObjectSpace b) {
        return Named.between(described(a), described(b));
    }

    private static Map<String, String> described(ObjectSpace space) {
        Meaning meaning = new Meaning(space);
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, GuestValue> e : space.globals().entrySet()) {
            if (!(e.getValue() instanceof ClassMirror c && c.name().equals(e.getKey()))) {
                result.put(e.getKey(), meaning.describe(e.getValue()));
            }
        }
        return result;
    }
}
