package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Applies recorded changes to a space through its membrane, checking before each one that its
 * place holds the recorded old value (an expected-version check per slot, byte or word), that a
 * creation gets the recorded creation number and identity hash, and that an undone creation is the
 * latest one. Snapshot oops are resolved directly: the space must be loaded from the image the
 * changes were recorded on, which {@link #replay} checks by SHA-256 unless told
 * {@link BasePolicy#ANY_IMAGE}.
 *
 * <p>All or nothing per surgery: each recorded surgery is applied inside a surgery of the space
 * (labelled {@code "replay: <label>"}, committed at its end); on a conflict that surgery is
 * aborted, which undoes what it applied, and a {@link ReplayConflictException} says which
 * surgery, which change, which object and place, and what was found there. Surgeries replayed
 * before it stay applied.
 *
 * <pre>{@code
 * Replayer replayer = Replayer.onto(fresh);        // checks the base image once, by SHA-256
 * for (RecordedSurgery s : journal.report().committed()) {
 *     replayer.replay(s);
 * }
 * }</pre>
 *
 * <p>Runs on the space's thread; not thread-safe.
 */
public final class Replayer {
    /** Whether a replay insists on the image its surgeries were recorded on. */
    public enum BasePolicy {
        /** Refuse a surgery recorded on an image with another SHA-256 than the space's file ({@link JournalException.Problem#OTHER_BASE_IMAGE}). */
        SAME_IMAGE,
        /** Replay whatever the space was loaded from: the caller vouches that the snapshot oops still fit. */
        ANY_IMAGE,
        /**
         * Replay onto another image of the same system (one saved again elsewhere, where every object
         * moved): objects of the journal's base image are found by the symbolic names recorded with
         * each change, never by oop; creations are renumbered and noted operations redone by name,
         * as after a left-out surgery. An object without a name, or whose name does not resolve,
         * is a conflict naming it.
         */
        SYMBOLIC
    }

    private final ObjectSpace space;
    private final ObjectMemory memory;
    private final Membrane membrane;
    private final BasePolicy policy;
    /** The SHA-256 of the space's image file, computed the first time a base is checked. */
    private String spaceSha256;
    /**
     * Whether a committed surgery before the one replayed now was left out ({@link #skip}): objects
     * created since then get other creation numbers and identity hashes than recorded, so an
     * operation whose note says how to redo it (a method compiled from source or removed, a class
     * defined) is redone through the mirrors, which place Symbols and methods by the hashes they
     * have now, instead of replaying its slot stores.
     */
    private boolean diverged;
    /** The objects created by this replay, by the creation number the journal recorded for them. */
    private final Map<Integer, GuestObject> created = new HashMap<>();
    /** Creation numbers mapped by the surgery being replayed: forgotten when it does not fit. */
    private final List<Integer> createdNow = new java.util.ArrayList<>();
    /**
     * The last object ref resolved and the object it names: the stores of a surgery mostly go to a
     * few objects. Forgotten at every change that is not a store, and between surgeries.
     */
    private GuestRef.Obj resolvedRef;
    private GuestObject resolved;
    /** Class changes still standing per object, newest first: replaying their inverse restores the exact header. */
    private final Map<GuestRef.Obj, Deque<Change.ClassChanged>> classChanges = new HashMap<>();

    private Replayer(ObjectSpace space, BasePolicy policy) {
        this.space = space;
        this.memory = space.memory();
        this.membrane = space.membrane();
        this.policy = policy;
        this.diverged = policy == BasePolicy.SYMBOLIC;
    }

    /** The names recorded with the change being replayed (oop → name), under {@link BasePolicy#SYMBOLIC}. */
    private Map<Long, String> names = Map.of();
    /** The space's own symbolic names, built at the first name to resolve. */
    private org.ozworkbench.core.space.names.SymbolicNames spaceNames;

    /** A replayer onto {@code space} that refuses surgeries recorded on another image ({@link BasePolicy#SAME_IMAGE}). */
    public static Replayer onto(ObjectSpace space) {
        return onto(space, BasePolicy.SAME_IMAGE);
    }

    public static Replayer onto(ObjectSpace space, BasePolicy policy) {
        return new Replayer(space, java.util.Objects.requireNonNull(policy, "policy"));
    }

    /** Replays one committed surgery onto a space loaded from its base image: {@code onto(space).replay(surgery)}. */
    public static void replay(ObjectSpace space, RecordedSurgery surgery) {
        onto(space).replay(surgery);
    }

    /**
     * Replays a committed surgery as a new surgery of the space labelled {@code "replay: <label>"}.
     *
     * @throws IllegalArgumentException when the surgery is not committed
     * @throws JournalException         ({@link JournalException.Problem#OTHER_BASE_IMAGE}) under
     *                                  {@link BasePolicy#SAME_IMAGE}, when the space was not loaded from
     *                                  a file with the SHA-256 of the surgery's base image; nothing is applied
     * @throws ReplayConflictException  when a change does not fit: nothing of this surgery is applied
     */
    public void replay(RecordedSurgery surgery) {
        if (!surgery.isCommitted()) {
            throw new IllegalArgumentException(surgery.where() + " is " + surgery.state().name().toLowerCase()
                    + ": only committed surgeries are replayed");
        }
        if (policy == BasePolicy.SAME_IMAGE) {
            surgery.base().ifPresent(base -> checkBase(surgery, base));
        }
        classChanges.clear();
        createdNow.clear();
        forgetResolved();
        boolean committed = false;
        try (Surgery s = space.beginSurgery("replay: " + surgery.label())) {
            try {
                applyAll(surgery.changes(), surgery::namesOf);
            } catch (ReplayConflictException e) {
                throw e.in(surgery);
            }
            s.commit();
            committed = true;
        } finally {
            if (!committed) {
                createdNow.forEach(created::remove); // its objects went with its abort
            }
            createdNow.clear();
            forgetResolved();
        }
    }

    /**
     * Tells the replayer that a committed surgery is left out: the surgeries replayed after it are
     * replayed operation by operation where their notes allow (see the class comment).
     */
    public void skip(RecordedSurgery surgery) {
        if (!surgery.changes().isEmpty()) {
            diverged = true;
        }
    }

    /** Replays committed surgeries in order, stopping at the first that does not fit (see {@link #replay(RecordedSurgery)}). */
    public void replayAll(List<RecordedSurgery> surgeries) {
        surgeries.forEach(this::replay);
    }

    private void checkBase(RecordedSurgery surgery, JournalEvent.SpaceLoaded base) {
        Path source = space.memory().source().toAbsolutePath().normalize();
        if (spaceSha256 == null) {
            spaceSha256 = JournalRecorder.sha256(source);
        }
        if (!spaceSha256.equals(base.sha256())) {
            throw JournalException.otherBase(surgery, base, source, spaceSha256);
        }
    }

    /**
     * Applies {@code changes} in order, inside the space's open surgery or, when none is open, a
     * new surgery labelled {@code "replay"} that commits at the end. The base image is not checked.
     *
     * @throws ReplayConflictException when a change does not fit: the surgery is aborted
     */
    public static void apply(ObjectSpace space, List<Change> changes) {
        Replayer replayer = new Replayer(space, BasePolicy.ANY_IMAGE);
        if (space.openSurgery().isPresent()) {
            Surgery s = space.openSurgery().get();
            try {
                replayer.applyAll(changes);
            } catch (RuntimeException e) {
                s.abort("replay failed: " + e.getMessage());
                throw e;
            }
            return;
        }
        try (Surgery s = space.beginSurgery("replay")) {
            replayer.applyAll(changes);
            s.commit();
        }
    }

    private void applyAll(List<Change> changes) {
        applyAll(changes, i -> Map.of());
    }

    private void applyAll(List<Change> changes, java.util.function.IntFunction<Map<Long, String>> namesOf) {
        boolean[] redone = diverged ? redoneByTheirNotes(changes) : new boolean[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            names = namesOf.apply(i);
            try {
                if (redone[i]) {
                    continue;
                }
                if (diverged && c instanceof Change.Noted n && redoable(n.operation())) {
                    forgetResolved();
                    redo(n.operation());
                    forgetResolved();
                    continue;
                }
                applyOne(c);
            } catch (ReplayConflictException e) {
                throw e;
            } catch (MembraneException e) {
                throw new ReplayConflictException(i, c, "the membrane refused it: " + e.getMessage(), e);
            } catch (Conflict e) {
                throw new ReplayConflictException(i, c, e.getMessage(), null);
            }
        }
    }

    private void applyOne(Change change) {
        if (change instanceof Change.SlotStored s) {
            GuestObject t = resolve(s.target());
            Object[] slots = t.pointers();
            if (s.index() >= slots.length) {
                throw new Conflict(t + " has " + slots.length + " pointer slots, no slot " + s.index());
            }
            Object found = slots[s.index()];
            if (!holds(found, s.oldValue())) {
                throw notHeld("slot " + s.index() + " of " + t, found, s.oldValue());
            }
            membrane.replayStorePointer(t, s.index(), value(s.newValue()));
        } else if (change instanceof Change.ByteStored b) {
            GuestObject t = resolve(b.target());
            if (b.index() >= t.byteCount()) {
                throw new Conflict(t + " has " + t.byteCount() + " bytes, no byte " + b.index());
            }
            int found = t.bytes()[b.index()] & 0xFF;
            if (found != b.oldValue()) {
                throw new Conflict("byte " + b.index() + " of " + t + " is " + found + ", not " + b.oldValue());
            }
            membrane.storeByte(t, b.index(), b.newValue());
        } else if (change instanceof Change.WordStored w) {
            GuestObject t = resolve(w.target());
            int[] words = t.words();
            if (w.index() >= words.length) {
                throw new Conflict(t + " has " + words.length + " words, no word " + w.index());
            }
            if (words[w.index()] != w.oldValue()) {
                throw new Conflict("word " + w.index() + " of " + t + " is " + Integer.toUnsignedString(words[w.index()])
                        + ", not " + Integer.toUnsignedString(w.oldValue()));
            }
            membrane.storeWord(t, w.index(), w.newValue());
        } else {
            // Any other change may create or undo objects: what a ref resolves to may change.
            forgetResolved();
            try {
                applyOther(change);
            } finally {
                forgetResolved();
            }
        }
    }

    private void applyOther(Change change) {
        if (change instanceof Change.ClassChanged c) {
            changeClass(c);
        } else if (change instanceof Change.ObjectCreated o) {
            create(o);
        } else if (change instanceof Change.CreationUndone u) {
            GuestObject t = resolve(u.target());
            if (memory.createdCount() != t.createdIndex()) {
                throw new Conflict(u.target() + " is not the latest created object (" + memory.createdCount()
                        + " objects created)");
            }
            // The membrane undoes a creation given the creation itself; only its target matters.
            membrane.undo(new Change.ObjectCreated(u.target(), GuestRef.of(t.cls()), t.format(), t.hash(), List.of(),
                    new int[0], new byte[0]));
            if (memory.lastHash() != u.restoredHashSeed()) {
                throw new Conflict("undoing " + u.target() + " restored hash seed " + memory.lastHash() + ", not "
                        + u.restoredHashSeed());
            }
        } else if (change instanceof Change.Noted n) {
            if (!diverged) { // nothing to apply; noted again, the replay's journal reads like the original
                membrane.noteSpanning(n.operation(), n.spans());
            } // else its object references are the recording's, not this space's: left out
        } else {
            throw new Conflict("unknown change kind " + change.getClass().getSimpleName());
        }
    }

    private void changeClass(Change.ClassChanged c) {
        GuestObject t = resolve(c.target());
        expect("the class of " + t, t.cls(), c.oldClass());
        if (t.headerWords() != c.oldHeaderWords() || t.compactIndex() != c.oldCompactIndex()) {
            throw new Conflict(t + " has a " + t.headerWords() + "-word header with compact index " + t.compactIndex()
                    + ", not " + c.oldHeaderWords() + " words with compact index " + c.oldCompactIndex());
        }
        Deque<Change.ClassChanged> standing = classChanges.computeIfAbsent(c.target(), k -> new ArrayDeque<>());
        Change.ClassChanged last = standing.peek();
        if (last != null && last.oldClass().equals(c.newClass()) && last.newClass().equals(c.oldClass())) {
            // The inverse of the standing change: undo it, which restores the very header it replaced.
            membrane.undo(last);
            standing.pop();
        } else {
            membrane.changeClass(t, resolve(c.newClass()));
            standing.push(c);
        }
    }

    /** Which changes belong to an operation that will be redone from its note rather than replayed. */
    private static boolean[] redoneByTheirNotes(List<Change> changes) {
        boolean[] redone = new boolean[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) instanceof Change.Noted n && redoable(n.operation())) {
                for (int j = Math.max(0, i - n.spans()); j < i; j++) {
                    redone[j] = true;
                }
            }
        }
        return redone;
    }

    private static boolean redoable(Operation op) {
        return (op instanceof Operation.MethodInstalled m && m.source() != null) || op instanceof Operation.MethodRemoved
                || op instanceof Operation.ClassDefined;
    }

    /** Redoes a noted operation through the mirrors, checking first that its place is as recorded. */
    private void redo(Operation op) {
        if (op instanceof Operation.MethodInstalled m) {
            ClassMirror cls = classNamed(m.className());
            expectMethod(cls, m.selector(), m.oldMethod());
            MethodMirror method = cls.compile(m.source(), m.category());
            remember(m.method(), method.guestObject());
        } else if (op instanceof Operation.MethodRemoved m) {
            ClassMirror cls = classNamed(m.className());
            expectMethod(cls, m.selector(), m.oldMethod());
            cls.removeMethod(m.selector());
        } else {
            Operation.ClassDefined d = (Operation.ClassDefined) op;
            if (space.classNamed(d.name()).isPresent()) {
                throw new Conflict("class " + d.name() + " exists already");
            }
            ClassMirror cls = space.defineClass(d.name(), classNamed(d.superclassName()), d.kind(), d.instanceVariables(),
                    d.classVariables(), d.category());
            remember(d.cls(), cls.guestObject());
        }
    }

    private ClassMirror classNamed(String name) {
        return space.classNamed(name).orElseThrow(() -> new Conflict("no class " + name + " in "
                + space.memory().source()));
    }

    private void expectMethod(ClassMirror cls, String selector, GuestRef.Obj recordedOld) {
        GuestObject found = cls.compiledMethodAt(selector).map(MethodMirror::guestObject).orElse(null);
        GuestObject expected = recordedOld == null ? null : resolve(recordedOld);
        if (found != expected) {
            throw new Conflict(cls.name() + ">>" + selector + " is " + (found == null ? "absent" : "another method")
                    + ", not " + (recordedOld == null ? "absent" : "the recorded old method " + recordedOld));
        }
    }

    private void remember(GuestRef.Obj recorded, GuestObject now) {
        if (recorded instanceof GuestRef.Created c) {
            created.put(c.index(), now);
            createdNow.add(c.index());
        }
    }

    private void create(Change.ObjectCreated o) {
        int next = memory.createdCount() + 1;
        if (!diverged && o.target().index() != next) {
            throw new Conflict("the next object created would be " + new GuestRef.Created(next) + ", not " + o.target());
        }
        List<GuestRef> refs = o.pointers();
        Object[] pointers = new Object[refs.size()];
        for (int i = 0; i < pointers.length; i++) {
            pointers[i] = value(refs.get(i));
        }
        GuestObject made = o.hashGiven()
                ? membrane.createWithHash(resolve(o.cls()), o.format(), pointers, o.words(), o.bytes(), o.hash())
                : membrane.create(resolve(o.cls()), o.format(), pointers, o.words(), o.bytes());
        remember(o.target(), made);
        if ((!diverged && made.hash() != o.hash()) || made.format() != o.format()) {
            throw new Conflict("the created object got hash " + made.hash() + " and format " + made.format()
                    + ", not " + o.hash() + " and " + o.format());
        }
    }

    private GuestObject resolve(GuestRef.Obj ref) {
        if (ref.equals(resolvedRef)) {
            return resolved;
        }
        if (policy == BasePolicy.SYMBOLIC && ref instanceof GuestRef.Snapshot s) {
            return resolveByName(s); // by the names recorded with the change being replayed: not kept
        }
        GuestObject o = ref instanceof GuestRef.Created c && created.containsKey(c.index()) ? created.get(c.index())
                : diverged && ref instanceof GuestRef.Created ? null : memory.resolve(ref);
        if (o == null) {
            throw new Conflict("no object " + ref + " in " + space.memory().source());
        }
        resolvedRef = ref;
        resolved = o;
        return o;
    }

    /** Forgets the last ref resolved: a creation, an undone creation or a surgery's end may change what it names. */
    private void forgetResolved() {
        resolvedRef = null;
        resolved = null;
    }

    private GuestObject resolveByName(GuestRef.Snapshot ref) {
        String text = names.get(Integer.toUnsignedLong(ref.oop()));
        if (text == null) {
            throw new Conflict("the journal recorded no name for " + ref + " of its base image: it cannot be found in "
                    + space.memory().source());
        }
        if (spaceNames == null) {
            spaceNames = org.ozworkbench.core.space.names.SymbolicNames.of(space);
        }
        org.ozworkbench.core.space.names.ObjectName name;
        try {
            name = org.ozworkbench.core.space.names.ObjectName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Conflict("the name recorded for " + ref + " is not a name: " + e.getMessage());
        }
        var resolution = spaceNames.resolution(name);
        if (resolution instanceof org.ozworkbench.core.space.names.Resolution.Resolved r) {
            return r.target();
        }
        throw new Conflict(text + " (" + ref + " in the base image) does not resolve in " + space.memory().source()
                + ": " + resolution);
    }

    private Object value(GuestRef ref) {
        return ref instanceof GuestRef.Obj obj ? resolve(obj) : membrane.resolveValue(ref);
    }

    /** The slot value must be the recorded one: the same SmallInteger, or the very object the ref names here. */
    private void expect(String place, Object found, GuestRef expected) {
        if (!holds(found, expected)) {
            throw notHeld(place, found, expected);
        }
    }

    private boolean holds(Object found, GuestRef expected) {
        if (expected instanceof GuestRef.SmallInt i) {
            return found instanceof Integer value && value == i.value();
        }
        return found == resolveOrNull((GuestRef.Obj) expected);
    }

    private static Conflict notHeld(String place, Object found, GuestRef expected) {
        return new Conflict(place + " holds " + GuestRef.of(found) + ", not the recorded old value " + expected);
    }

    private GuestObject resolveOrNull(GuestRef.Obj ref) {
        try {
            return resolve(ref);
        } catch (Conflict e) {
            return null;
        }
    }

    /** A conflict found inside one change; {@link #applyAll} names the change. */
    private static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }
}
