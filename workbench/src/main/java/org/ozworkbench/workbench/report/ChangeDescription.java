package org.ozworkbench.workbench.report;

import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.space.ObjectSpace;

/** One membrane change told in a line, its objects described as they are now in the space. */
public final class ChangeDescription {
    private ChangeDescription() {
    }

    public static String of(ObjectSpace space, Change change) {
        if (change instanceof Change.SlotStored s) {
            return "store  " + object(space, s.target()) + " slot " + s.index() + ": " + value(space, s.oldValue())
                    + " -> " + value(space, s.newValue());
        }
        if (change instanceof Change.ByteStored b) {
            return "store  " + object(space, b.target()) + " byte " + b.index() + ": " + b.oldValue() + " -> "
                    + b.newValue();
        }
        if (change instanceof Change.WordStored w) {
            return "store  " + object(space, w.target()) + " word " + w.index() + ": " + Refs.hex(w.oldValue())
                    + " -> " + Refs.hex(w.newValue());
        }
        if (change instanceof Change.ClassChanged c) {
            return "class  " + object(space, c.target()) + ": " + object(space, c.oldClass()) + " -> "
                    + object(space, c.newClass());
        }
        if (change instanceof Change.Noted n) {
            return "note   " + of(n.operation());
        }
        if (change instanceof Change.CreationUndone u) {
            return "uncreate " + u.target();
        }
        Change.ObjectCreated c = (Change.ObjectCreated) change;
        return "create " + object(space, c.target()) + " (" + ObjectFormat.describe(c.format()) + ", "
                + c.pointers().size() + " pointers, " + c.words().length + " words, " + c.bytes().length + " bytes)";
    }

    /** An operation in the guest's words: {@code Array>>do: installed (replaced Snapshot(0x...))}. */
    public static String of(Operation op) {
        if (op instanceof Operation.MethodInstalled m) {
            return m.className() + ">>" + m.selector() + (m.oldMethod() == null ? " added" : " replaced");
        } else if (op instanceof Operation.MethodRemoved m) {
            return m.className() + ">>" + m.selector() + " removed";
        } else if (op instanceof Operation.ClassDefined c) {
            return "class " + c.name() + " (subclass of " + c.superclassName() + ") " + (c.created() ? "created" : "redefined");
        } else if (op instanceof Operation.ProcessCreated p) {
            return "process " + p.process() + " created at priority " + p.priority();
        } else if (op instanceof Operation.ProcessSuspended p) {
            return "process " + p.process() + " suspended";
        } else if (op instanceof Operation.ProcessResumed p) {
            return "process " + p.process() + " resumed";
        } else if (op instanceof Operation.ProcessTerminated p) {
            return "process " + p.process() + " terminated";
        } else if (op instanceof Operation.ProcessPriorityChanged p) {
            return "process " + p.process() + " priority " + p.oldPriority() + " -> " + p.newPriority();
        }
        Operation.ProcessActivated p = (Operation.ProcessActivated) op;
        return "process " + p.process() + " made active (was " + p.previous() + ")";
    }

    private static String value(ObjectSpace space, GuestRef ref) {
        return ref instanceof GuestRef.SmallInt i ? Integer.toString(i.value()) : object(space, (GuestRef.Obj) ref);
    }

    private static String object(ObjectSpace space, GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        String what = o == null ? "?" : Describe.abbreviate(Describe.value(space.mirror(o)), 40);
        return what + " " + Refs.of(ref);
    }
}
