package org.ozworkbench.workbench.report;

import java.util.Map;
import java.util.function.Function;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.Operation;
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

    /**
     * The change as a journal recorded it: an object of the loaded file by the symbolic name
     * recorded for it ({@code Point>>x 0x1537f004}, see {@link org.ozworkbench.core.space.names}),
     * else by its ref alone.
     *
     * @param names symbolic names by oop (unsigned), as a journal's change carries them
     */
    public static String of(Change change, Map<Long, String> names) {
        return of(change, ref -> {
            String name = ref instanceof GuestRef.Snapshot s ? names.get(Integer.toUnsignedLong(s.oop())) : null;
            return name == null ? Refs.of(ref) : name + " " + Refs.of(ref);
        });
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
        Change.Noted n = (Change.Noted) change;
        return "note   " + of(n.operation(), name);
    }

    /** An operation in the guest's words: {@code Array>>do: replaced}, {@code process ... suspended}. */
    public static String of(Operation op, Function<GuestRef.Obj, String> name) {
        if (op instanceof Operation.MethodInstalled m) {
            return m.methodName() + (m.oldMethod() == null ? " added" : " replaced");
        } else if (op instanceof Operation.MethodRemoved m) {
            return m.methodName() + " removed";
        } else if (op instanceof Operation.ClassDefined c) {
            return "class " + c.name() + " created (" + c.superclassName() + " " + c.kind() + ")";
        } else if (op instanceof Operation.ProcessCreated p) {
            return "process " + name.apply(p.process()) + " created at priority " + p.priority();
        } else if (op instanceof Operation.ProcessSuspended p) {
            return "process " + name.apply(p.process()) + " suspended";
        } else if (op instanceof Operation.ProcessResumed p) {
            return "process " + name.apply(p.process()) + " resumed";
        } else if (op instanceof Operation.ProcessTerminated p) {
            return "process " + name.apply(p.process()) + " terminated";
        } else if (op instanceof Operation.ProcessPriorityChanged p) {
            return "process " + name.apply(p.process()) + " priority " + p.oldPriority() + " -> " + p.newPriority();
        }
        Operation.ProcessActivated p = (Operation.ProcessActivated) op;
        return "process " + name.apply(p.process()) + " made active (was " + name.apply(p.previous()) + ")";
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
