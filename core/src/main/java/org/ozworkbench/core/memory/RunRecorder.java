package org.ozworkbench.core.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a guest run did to the memory into membrane changes, so that guest code can be part
 * of a surgery (a file-in's doIt): journaled, undone by an abort, redone by a replay.
 *
 * <p>{@link #before} copies the body of every object of the memory and listens to the membrane:
 * what the membrane changes meanwhile (compiling the doIt interns its Symbols) is already a change
 * of the surgery, so it moves into the copy, and an object the membrane creates is copied too.
 * The guest runs, without adopting its new objects into the memory; {@link #restore} puts every
 * copied object back as it was and answers the run's stores; {@link #record} makes them again
 * through the membrane, first creating each object the run made that the stores reach, with the
 * identity hash the run gave it (the run may have placed it in a Set or Dictionary by it). A run
 * the membrane cannot express is refused: one that changed an existing object's class, size or
 * identity hash (become:, a class change).
 */
public final class RunRecorder implements AutoCloseable {
    /** One store the run made into an object that existed before it. */
    public record Store(GuestObject target, Kind kind, int index, Object value) {
    }

    public enum Kind { POINTER, WORD, BYTE }

    /** The run did something the membrane cannot record; the memory is back as before the run. */
    public static final class UnrecordableRun extends RuntimeException {
        public UnrecordableRun(String message) {
            super(message);
        }
    }

    /** An object as it was before the run (or as the membrane left it since). */
    private static final class Copy {
        final GuestObject object;
        Object[] pointers;
        int[] words;
        byte[] bytes;
        GuestObject cls;
        int hash;

        Copy(GuestObject o) {
            this.object = o;
            take();
        }

        void take() {
            pointers = o().pointers().length == 0 ? o().pointers() : o().pointers().clone();
            words = o().words().length == 0 ? o().words() : o().words().clone();
            bytes = o().bytes().length == 0 ? o().bytes() : o().bytes().clone();
            cls = o().cls();
            hash = o().hash();
        }

        private GuestObject o() {
            return object;
        }
    }

    private final ObjectMemory memory;
    private final Membrane membrane;
    private final List<Copy> copies;
    /** The copies of objects the membrane changed during the run, found by identity. */
    private final Map<GuestObject, Copy> byObject = new IdentityHashMap<>();
    private final int count;
    private int createdByMembrane;
    /** The membrane's creations while the run was recorded (the doIt's method and literals among them), in order. */
    private final List<Change.ObjectCreated> creations = new ArrayList<>();
    private final Membrane.Listener listener = this::membraneChanged;

    private RunRecorder(ObjectMemory memory, Membrane membrane) {
        this.memory = memory;
        this.membrane = membrane;
        this.count = memory.objectCount();
        this.copies = new ArrayList<>(count + 16);
        for (int i = 0; i < count; i++) {
            copies.add(new Copy(memory.objectAt(i)));
        }
        membrane.addListener(listener);
        memory.heap().suspendAdoption(true);
    }

    /** Copies the memory as it is before a run, and follows the membrane until {@link #restore} or {@link #close}. */
    public static RunRecorder before(ObjectMemory memory, Membrane membrane) {
        return new RunRecorder(memory, membrane);
    }

    /**
     * A membrane change during the run is the surgery's own: the copy takes it, so that restoring
     * keeps it and the run is not credited with it.
     */
    private void membraneChanged(Change change) {
        if (change instanceof Change.ObjectCreated created) {
            Copy c = new Copy(memory.objectAt(memory.objectCount() - 1));
            copies.add(c);
            byObject.put(c.object, c);
            createdByMembrane++;
            creations.add(created);
            return;
        }
        if (change instanceof Change.CreationUndone) {
            Copy last = copies.remove(copies.size() - 1);
            byObject.remove(last.object);
            createdByMembrane--;
            creations.remove(creations.size() - 1);
            return;
        }
        if (change instanceof Change.Noted) {
            return;
        }
        GuestObject target = memory.resolve(change.target());
        Copy c = byObject.get(target);
        if (c == null) {
            c = copyOf(target);
            byObject.put(target, c);
        }
        if (change instanceof Change.SlotStored s) {
            c.pointers[s.index()] = target.pointers()[s.index()];
        } else if (change instanceof Change.ByteStored b) {
            c.bytes[b.index()] = target.bytes()[b.index()];
        } else if (change instanceof Change.WordStored w) {
            c.words[w.index()] = target.words()[w.index()];
        } else {
            c.take(); // a class change: the membrane's header and class are the surgery's
        }
    }

    private Copy copyOf(GuestObject target) {
        for (int i = copies.size() - 1; i >= 0; i--) { // rare: a membrane change while a run is recorded
            if (copies.get(i).object == target) {
                return copies.get(i);
            }
        }
        throw new IllegalStateException(target + " changed by the membrane is not in the memory the run started from");
    }

    /**
     * Puts every object that existed before the run back as it was, and answers the stores the
     * run made into them, in memory order. Stops following the membrane.
     *
     * @throws UnrecordableRun when the run changed an object's class, size or identity hash
     */
    public List<Store> restore() {
        close();
        if (memory.objectCount() != count + createdByMembrane) {
            throw new IllegalStateException("the memory holds " + memory.objectCount() + " objects after a recorded run, not "
                    + (count + createdByMembrane) + ": a guest object was adopted behind the membrane");
        }
        List<Store> stores = new ArrayList<>();
        String unrecordable = null;
        for (Copy c : copies) {
            GuestObject o = c.object;
            if (o.cls() != c.cls || o.hash() != c.hash || o.pointers().length != c.pointers.length
                    || o.words().length != c.words.length || o.bytes().length != c.bytes.length) {
                if (unrecordable == null) {
                    unrecordable = "the guest changed the class, size or identity hash of an existing object, " + o
                            + " (a become: or a class change, as a MethodDictionary's rehash does), which a surgery"
                            + " cannot record; make the change through the membrane instead: methods and classes"
                            + " with method chunks and class definitions, a removal with a JSON batch's removeMethod";
                }
                o.setClass(c.cls);
                o.setHash(c.hash);
                o.setBody(c.pointers, c.words, c.bytes);
                continue;
            }
            diffPointers(o, c.pointers, stores);
            diffWords(o, c.words, stores);
            diffBytes(o, c.bytes, stores);
        }
        if (unrecordable != null) {
            throw new UnrecordableRun(unrecordable);
        }
        return stores;
    }

    /**
     * Takes back, newest first, the objects the membrane made while the run was recorded that
     * nothing refers to once the run is over (the doIt's method, its literals, the printString
     * helper): neither an object of the memory nor the run's {@code stores}, nor the new objects
     * those reach. Stops at the first one still referred to (creations are undone newest first).
     * Call after {@link #restore}; answers how many were taken back.
     */
    public int dropUnreferencedCreations(List<Store> stores) {
        Map<GuestObject, Boolean> candidates = new IdentityHashMap<>();
        for (Change.ObjectCreated c : creations) {
            candidates.put(memory.resolve(c.target()), Boolean.TRUE);
        }
        Map<GuestObject, Boolean> referred = new IdentityHashMap<>();
        for (int i = 0; i < memory.objectCount(); i++) {
            GuestObject o = memory.objectAt(i);
            if (!candidates.containsKey(o)) {
                noteReferences(o, candidates, referred);
            }
        }
        List<GuestObject> newObjects = new ArrayList<>();
        Map<GuestObject, Boolean> seen = new IdentityHashMap<>();
        for (Store st : stores) {
            if (st.value() instanceof GuestObject g) {
                reach(g, candidates, referred, newObjects, seen);
            }
        }
        while (!newObjects.isEmpty()) {
            GuestObject t = newObjects.remove(newObjects.size() - 1);
            reach(t.cls(), candidates, referred, newObjects, seen);
            for (Object p : t.pointers()) {
                if (p instanceof GuestObject g) {
                    reach(g, candidates, referred, newObjects, seen);
                }
            }
        }
        int dropped = 0;
        for (int i = creations.size() - 1; i >= 0; i--) {
            Change.ObjectCreated c = creations.get(i);
            if (referred.containsKey(memory.resolve(c.target()))) {
                break;
            }
            membrane.undo(c);
            dropped++;
        }
        return dropped;
    }

    private static void noteReferences(GuestObject o, Map<GuestObject, Boolean> candidates, Map<GuestObject, Boolean> referred) {
        if (candidates.containsKey(o.cls())) {
            referred.put(o.cls(), Boolean.TRUE);
        }
        for (Object p : o.pointers()) {
            if (p instanceof GuestObject g && candidates.containsKey(g)) {
                referred.put(g, Boolean.TRUE);
            }
        }
    }

    /** Notes {@code g} if it is a candidate; queues it if it is a new object of the run not seen yet. */
    private static void reach(GuestObject g, Map<GuestObject, Boolean> candidates, Map<GuestObject, Boolean> referred,
                              List<GuestObject> newObjects, Map<GuestObject, Boolean> seen) {
        if (candidates.containsKey(g)) {
            referred.put(g, Boolean.TRUE);
        } else if (g.isTransient() && seen.put(g, Boolean.TRUE) == null) {
            newObjects.add(g);
        }
    }

    /** Stops following the membrane and lets the guest's heap adopt again. */
    @Override
    public void close() {
        membrane.removeListener(listener);
        memory.heap().suspendAdoption(false);
    }

    private static void diffPointers(GuestObject o, Object[] before, List<Store> stores) {
        Object[] now = o.pointers();
        if (Arrays.equals(now, before)) {
            return;
        }
        for (int k = 0; k < now.length; k++) {
            if (!ObjectMemory.identical(now[k], before[k])) {
                stores.add(new Store(o, Kind.POINTER, k, now[k]));
                now[k] = before[k];
            }
        }
    }

    private static void diffWords(GuestObject o, int[] before, List<Store> stores) {
        int[] now = o.words();
        if (Arrays.equals(now, before)) {
            return;
        }
        for (int k = 0; k < now.length; k++) {
            if (now[k] != before[k]) {
                stores.add(new Store(o, Kind.WORD, k, now[k]));
                now[k] = before[k];
            }
        }
    }

    private static void diffBytes(GuestObject o, byte[] before, List<Store> stores) {
        byte[] now = o.bytes();
        if (Arrays.equals(now, before)) {
            return;
        }
        for (int k = 0; k < now.length; k++) {
            if (now[k] != before[k]) {
                stores.add(new Store(o, Kind.BYTE, k, now[k] & 0xFF));
                now[k] = before[k];
            }
        }
    }

    /**
     * Makes {@code stores} again through the membrane. The objects the run made that they reach
     * are created first (a class before its instances), each with the identity hash the run gave
     * it, then every store is made, each new object standing for the run's one.
     */
    public static void record(Membrane membrane, List<Store> stores) {
        Map<GuestObject, GuestObject> made = new IdentityHashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (Store s : stores) {
            if (s.value() instanceof GuestObject g && g.isTransient()) {
                create(membrane, g, made, pending);
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            membrane.storePointer(made.get(p.holder()), p.index(), create(membrane, p.value(), made, pending));
        }
        for (Store s : stores) {
            switch (s.kind()) {
                case POINTER -> membrane.storePointer(s.target(), s.index(),
                        s.value() instanceof GuestObject g && g.isTransient() ? made.get(g) : s.value());
                case WORD -> membrane.storeWord(s.target(), s.index(), (Integer) s.value());
                case BYTE -> membrane.storeByte(s.target(), s.index(), (Integer) s.value());
            }
        }
    }

    /** A slot of a new object that holds another new object, stored once both exist. */
    private record Pending(GuestObject holder, int index, GuestObject value) {
    }

    /**
     * The membrane's copy of a transient object, made now if not yet: its class first, its slots
     * that hold other new objects nil until {@code pending} stores them.
     */
    private static GuestObject create(Membrane membrane, GuestObject o, Map<GuestObject, GuestObject> made,
                                      List<Pending> pending) {
        GuestObject done = made.get(o);
        if (done != null) {
            return done;
        }
        GuestObject cls = o.cls().isTransient() ? create(membrane, o.cls(), made, pending) : o.cls();
        Object[] slots = o.pointers().clone();
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] instanceof GuestObject g && g.isTransient()) {
                pending.add(new Pending(o, k, g));
                slots[k] = membrane.memory().nil();
            }
        }
        int format = o.isCompiledMethod() ? ObjectFormat.COMPILED_METHOD : o.isBytes() ? ObjectFormat.BYTES : o.format();
        byte[] content = o.bytes().length == 0 ? o.bytes() : Arrays.copyOf(o.bytes(), o.byteCount());
        GuestObject copy = membrane.createWithHash(cls, format, slots, o.words(), content, o.hash());
        made.put(o, copy);
        return copy;
    }
}
