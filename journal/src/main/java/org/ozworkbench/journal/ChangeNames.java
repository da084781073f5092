package org.ozworkbench.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.names.ObjectName;
import org.ozworkbench.core.space.names.SymbolicNames;

/**
 * Names the objects of the loaded file a change refers to, as they can be found when the change
 * is made ({@link SymbolicNames}): what {@link JournalEvent.ChangeMade#names()} records. The old
 * value of a slot store is named by its place (the target's name and the slot) unless it has a
 * name of its own that no slot store can change (a class, a Symbol, a method, a binding): after
 * the store, nothing else may lead to it. The index is built at the first change that needs it.
 */
final class ChangeNames implements AutoCloseable {
    private final ObjectSpace space;
    private SymbolicNames names;

    ChangeNames(ObjectSpace space) {
        this.space = space;
    }

    Map<Long, String> of(Change change) {
        if (change instanceof Change.SlotStored s && !(s.target() instanceof GuestRef.Snapshot)
                && !(s.oldValue() instanceof GuestRef.Snapshot) && !(s.newValue() instanceof GuestRef.Snapshot)) {
            return Map.of(); // the common store into a new object: nothing to name, nothing to allocate
        }
        List<GuestRef.Snapshot> refs = snapshotRefs(change);
        if (refs.isEmpty()) {
            return Map.of();
        }
        if (names == null) {
            names = SymbolicNames.of(space);
        }
        Map<Long, String> out = new HashMap<>();
        if (change instanceof Change.Noted n && n.operation() instanceof Operation.OnMethod m
                && replacedMethod(m) instanceof GuestRef.Snapshot old) {
            // the method the operation replaced or removed was Class>>selector until then
            out.put(Integer.toUnsignedLong(old.oop()), methodName(m).toString());
        }
        GuestRef.Snapshot placed = change instanceof Change.SlotStored s && s.oldValue() instanceof GuestRef.Snapshot old
                ? old : null;
        for (GuestRef.Snapshot ref : refs) {
            // the old value of a store: by a name of its own, else by its place; a path to it, which the
            // store may have broken, is not looked for (that would build the whole index again)
            Optional<ObjectName> name = ref.equals(placed) ? names.ownNameOf(ref) : names.nameOf(ref);
            if (ref.equals(placed) && name.isEmpty()) {
                name = place(((Change.SlotStored) change).target(), ((Change.SlotStored) change).index());
            }
            name.ifPresent(n -> out.putIfAbsent(Integer.toUnsignedLong(ref.oop()), n.toString()));
        }
        return out;
    }

    private static GuestRef.Obj replacedMethod(Operation.OnMethod m) {
        return m instanceof Operation.MethodInstalled i ? i.oldMethod() : ((Operation.MethodRemoved) m).oldMethod();
    }

    private static ObjectName methodName(Operation.OnMethod m) {
        String cls = m.className();
        ObjectName.Behavior behavior = cls.endsWith(" class")
                ? new ObjectName.MetaclassNamed(cls.substring(0, cls.length() - " class".length()))
                : new ObjectName.ClassNamed(cls);
        return new ObjectName.MethodNamed(behavior, m.selector());
    }

    /** {@code target/index}: what held the old value before the store. */
    private Optional<ObjectName> place(GuestRef.Obj target, int index) {
        return names.nameOf(target).map(t -> {
            if (t instanceof ObjectName.Path p) {
                List<ObjectName.Step> steps = new ArrayList<>(p.steps());
                steps.add(new ObjectName.Slot(index));
                return new ObjectName.Path(p.root(), steps);
            }
            return new ObjectName.Path(t, List.of(new ObjectName.Slot(index)));
        });
    }

    private static List<GuestRef.Snapshot> snapshotRefs(Change change) {
        List<GuestRef> refs = new ArrayList<>();
        refs.add(change.target());
        if (change instanceof Change.SlotStored s) {
            refs.add(s.oldValue());
            refs.add(s.newValue());
        } else if (change instanceof Change.ClassChanged c) {
            refs.add(c.oldClass());
            refs.add(c.newClass());
        } else if (change instanceof Change.ObjectCreated o) {
            refs.add(o.cls());
            refs.addAll(o.pointers());
        } else if (change instanceof Change.Noted n) {
            Operation op = n.operation();
            if (op instanceof Operation.MethodInstalled m) {
                refs.add(m.method());
                refs.add(m.oldMethod());
            } else if (op instanceof Operation.MethodRemoved m) {
                refs.add(m.oldMethod());
            } else if (op instanceof Operation.ProcessActivated p) {
                refs.add(p.previous());
            }
        }
        List<GuestRef.Snapshot> out = new ArrayList<>();
        for (GuestRef r : refs) {
            if (r instanceof GuestRef.Snapshot s) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (names != null) {
            names.close();
        }
    }
}
