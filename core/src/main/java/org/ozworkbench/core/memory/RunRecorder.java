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
 * <p>{@link #before} copies the body of every object of the memory; the guest runs; {@link
 * #restore} puts every object back as it was and answers the run's stores; {@link #record} makes
 * them again through the membrane, first creating (in the memory's own creation order and
 * identity-hash sequence) each object the run made that the stores reach. A run the membrane
 * cannot express is refused: one that changed an existing object's class, size or identity hash
 * (become:, a class change), or that placed one of its new objects by its identity hash (which
 * the membrane's creation would change).
 */
public final class RunRecorder {
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

    private final ObjectMemory memory;
    private final int count;
    private final Object[][] pointers;
    private final int[][] words;
    private final byte[][] bytes;
    private final GuestObject[] classes;
    private final int[] hashes;

    private RunRecorder(ObjectMemory memory) {
        this.memory = memory;
        this.count = memory.objectCount();
        this.pointers = new Object[count][];
        this.words = new int[count][];
        this.bytes = new byte[count][];
        this.classes = new GuestObject[count];
        this.hashes = new int[count];
        for (int i = 0; i < count; i++) {
            GuestObject o = memory.objectAt(i);
            pointers[i] = o.pointers().length == 0 ? o.pointers() : o.pointers().clone();
            words[i] = o.words().length == 0 ? o.words() : o.words().clone();
            bytes[i] = o.bytes().length == 0 ? o.bytes() : o.bytes().clone();
            classes[i] = o.cls();
            hashes[i] = o.hash();
        }
    }

    /** Copies the memory as it is before a run. */
    public static RunRecorder before(ObjectMemory memory) {
        return new RunRecorder(memory);
    }

    /**
     * Puts every object that existed before the run back as it was, and answers the stores the
     * run made into them, in memory order.
     *
     * @throws UnrecordableRun when the run changed an object's class, size or identity hash
     */
    public List<Store> restore() {
        List<Store> stores = new ArrayList<>();
        String unrecordable = null;
        for (int i = 0; i < count; i++) {
            GuestObject o = memory.objectAt(i);
            if (o.cls() != classes[i] || o.hash() != hashes[i] || o.pointers().length != pointers[i].length
                    || o.words().length != words[i].length || o.bytes().length != bytes[i].length) {
                if (unrecordable == null) {
                    unrecordable = "the guest changed the class, size or identity hash of " + o + " (become: or a class"
                            + " change), which a surgery cannot record";
                }
                o.setClass(classes[i]);
                o.setHash(hashes[i]);
                o.setBody(pointers[i], words[i], bytes[i]);
                continue;
            }
            diffPointers(o, pointers[i], stores);
            diffWords(o, words[i], stores);
            diffBytes(o, bytes[i], stores);
        }
        if (unrecordable != null) {
            throw new UnrecordableRun(unrecordable);
        }
        return stores;
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
     * are created first (a class before its instances), then every store is made, each new
     * object standing for the run's one.
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
        GuestObject copy = membrane.create(cls, format, slots, o.words(), content);
        made.put(o, copy);
        return copy;
    }
}
