package org.ozworkbench.journal.atomicity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * One loaded space under surgery, as the steps see it. Every pick is an index taken modulo the
 * size of a list the space itself determines (objects in memory order, classes in memory order,
 * the scheduler's processes), so the same steps do the same thing on every fresh load of an image.
 */
final class Patient {
    /** A method a step installed, so that a later step may remove it. */
    record Installed(ClassMirror cls, String selector) {
    }

    final ObjectSpace space;
    final Surgery surgery;
    /** An object of another space: the membrane must refuse it. */
    final GuestObject alien;
    final List<Installed> installed = new ArrayList<>();
    final List<ProcessMirror> createdProcesses = new ArrayList<>();
    private final List<GuestObject> pointerObjects = new ArrayList<>();
    private final List<GuestObject> byteObjects = new ArrayList<>();
    private final List<GuestObject> wordObjects = new ArrayList<>();
    /** Steps the mirrors refused (the surgery went on without them), by step. */
    final List<String> refusals = new ArrayList<>();

    Patient(ObjectSpace space, Surgery surgery, GuestObject alien) {
        this.space = space;
        this.surgery = surgery;
        this.alien = alien;
        for (GuestObject o : space.memory().objects()) {
            if (o.isPointers() && o.pointerCount() > 0) {
                pointerObjects.add(o);
            } else if (o.isBytes() && o.byteCount() > 0) {
                byteObjects.add(o);
            } else if (o.isWords() && o.words().length > 0) {
                wordObjects.add(o);
            }
        }
    }

    ObjectMemory memory() {
        return space.memory();
    }

    /** Any object, created ones included. */
    GuestObject anyObject(int pick) {
        List<GuestObject> all = memory().objects();
        return all.get(Math.floorMod(pick, all.size()));
    }

    GuestObject pointerObject(int pick) {
        return pick(pointerObjects, pick, o -> o.isPointers() && o.pointerCount() > 0);
    }

    GuestObject byteObject(int pick) {
        return pick(byteObjects, pick, o -> o.isBytes() && o.byteCount() > 0);
    }

    GuestObject wordObject(int pick) {
        return pick(wordObjects, pick, o -> o.isWords() && o.words().length > 0);
    }

    /** Loaded objects of a kind, then those created so far in this surgery. */
    private GuestObject pick(List<GuestObject> loaded, int pick, java.util.function.Predicate<GuestObject> kind) {
        List<GuestObject> all = memory().objects();
        List<GuestObject> created = all.subList(memory().snapshotObjectCount(), all.size()).stream().filter(kind).toList();
        int n = Math.floorMod(pick, loaded.size() + created.size());
        return n < loaded.size() ? loaded.get(n) : created.get(n - loaded.size());
    }

    ClassMirror cls(int pick, boolean meta) {
        List<ClassMirror> classes = space.classes();
        ClassMirror c = classes.get(Math.floorMod(pick, classes.size()));
        return meta ? c.metaclass() : c;
    }

    /** The processes the scheduler knows, then those created in this surgery that it does not. */
    List<ProcessMirror> processes() {
        Set<ProcessMirror> all = new LinkedHashSet<>(space.scheduler().knownProcesses());
        all.addAll(createdProcesses);
        return List.copyOf(all);
    }

    int changeCount() {
        return surgery.changes().size();
    }
}
