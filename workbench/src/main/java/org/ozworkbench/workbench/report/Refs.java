package org.ozworkbench.workbench.report;

import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;

/** How reports name guest objects: by their oop in the loaded file ({@code 0x150bcc84}), or {@code created#3}. */
public final class Refs {
    private Refs() {
    }

    public static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    public static String of(GuestRef.Obj ref) {
        return ref instanceof GuestRef.Snapshot s ? hex(s.oop()) : "created#" + ((GuestRef.Created) ref).index();
    }

    public static String of(ObjectMirror mirror) {
        return of(mirror.ref());
    }

    /** The ref of an object, null for a SmallInteger. */
    public static String ofValue(GuestValue value) {
        return value instanceof ObjectMirror m ? of(m) : null;
    }
}
