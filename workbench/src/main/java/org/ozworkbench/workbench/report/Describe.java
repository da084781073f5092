package org.ozworkbench.workbench.report;

import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;

/** Short, one-line descriptions of guest values for listings. */
public final class Describe {
    /** Longest description a listing shows before cutting it with an ellipsis. */
    public static final int MAX_LENGTH = 100;

    private Describe() {
    }

    /**
     * A SmallInteger's value, or the mirror's description, on one line and at most
     * {@link #MAX_LENGTH} characters; an Association (a global, class variable or method class
     * binding) shows as {@code #Key -> value}.
     */
    public static String value(GuestValue value) {
        if (value instanceof ObjectMirror m && !(m instanceof ClassMirror) && m.slotCount() == 2 && isBinding(m)
                && m.slot(m.space().contract().get(Slot.ASSOCIATION_KEY)) instanceof ByteObjectMirror key) {
            GuestValue bound = m.slot(m.space().contract().get(Slot.ASSOCIATION_VALUE));
            return abbreviate(printable("#" + key.asString() + " -> " + plain(bound)), MAX_LENGTH);
        }
        return abbreviate(printable(plain(value)), MAX_LENGTH);
    }

    private static String plain(GuestValue value) {
        return value instanceof ObjectMirror m ? m.describe() : value.toString();
    }

    private static boolean isBinding(ObjectMirror m) {
        String cls = m.classMirror().name();
        return cls.endsWith("Association") || cls.endsWith("Binding");
    }

    /** Control characters shown as escapes ({@code \r}, {@code \x07}), so a description stays on one line. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ' || (c >= 0x7F && c < 0xA0)) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    public static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
