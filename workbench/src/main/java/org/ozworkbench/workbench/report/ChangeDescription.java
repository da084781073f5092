package org.ozworkbench.workbench.report;

import java.util.function.Function;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;

/** One membrane change told in a line. */
public final class ChangeDescription {
    private ChangeDescription() {
    }

    /** The change with its objects described as they are now in the space. */
    public static String of(ObjectSpace space, Change change) {
        return of(change, ref -> object(space, ref));
    }

    /** The change with its objects named by their refs alone ({@link Refs#of}): for a journal read without its image. */
    public static String of(Change change) {
        return of(change, Refs::of);
    }

    private static String of(Change change, Function<GuestRef.Obj, String> name) {
        if (change instanceof Change.SlotStored s) {
            return "store  " + name.apply(s.target()) + " slot " + s.index() + ": " + value(name, s.oldValue())
                    + " -> " + value(name, s.newValue());
        }
        if (change instanceof Change.ByteStored b) {
            return "store  " + name.apply(b.target()) + " byte " + b.index() + ": " + b.oldValue() + " -> "
                    + b.newValue();
        }
        if (change instanceof Change.WordStored w) {
            return "store  " + name.apply(w.target()) + " word " + w.index() + ": " + Refs.hex(w.oldValue())
                    + " -> " + Refs.hex(w.newValue());
        }
        if (change instanceof Change.ClassChanged c) {
            return "class  " + name.apply(c.target()) + ": " + name.apply(c.oldClass()) + " -> "
                    + name.apply(c.newClass());
        }
        if (change instanceof Change.ObjectCreated c) {
            return "create " + name.apply(c.target()) + " (" + ObjectFormat.describe(c.format()) + ", "
                    + c.pointers().size() + " pointers, " + c.words().length + " words, " + c.bytes().length
                    + " bytes)";
        }
        if (change instanceof Change.CreationUndone u) {
            return "undo   create " + name.apply(u.target());
        }
        return change.getClass().getSimpleName() + " " + change;
    }

    private static String value(Function<GuestRef.Obj, String> name, GuestRef ref) {
        return ref instanceof GuestRef.SmallInt i ? Integer.toString(i.value()) : name.apply((GuestRef.Obj) ref);
    }

    private static String object(ObjectSpace space, GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        String what = o == null ? "?" : Describe.abbreviate(Describe.value(space.mirror(o)), 40);
        return what + " " + Refs.of(ref);
    }
}
