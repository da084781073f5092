package org.ozworkbench.workbench.report;

import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;

/** What {@code ozw object} shows: an object in full, or a SmallInteger. */
public sealed interface Inspection permits ObjectDetail, Inspection.SmallIntegerDetail {

    /** What the user asked for. */
    String expression();

    /** A SmallInteger: immediate, so it has no header and no slots. */
    record SmallIntegerDetail(String expression, String className, int value) implements Inspection {
    }

    /** The value in detail, listing at most {@code limit} slots, bytes or words (0: all). */
    static Inspection of(String expression, GuestValue value, int limit) {
        if (value instanceof SmallInteger i) {
            return new SmallIntegerDetail(expression, "SmallInteger", i.value());
        }
        return ObjectDetail.of(expression, (ObjectMirror) value, limit);
    }
}
