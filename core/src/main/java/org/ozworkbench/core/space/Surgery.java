package org.ozworkbench.core.space;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Membrane;

/**
 * A named batch of membrane changes, applied whole or not at all:
 *
 * <pre>{@code
 * try (Surgery s = space.beginSurgery("fix Array>>do:")) {
 *     ...changes through mirrors...
 *     s.commit();
 * }
 * }</pre>
 *
 * Leaving the block without {@link #commit()} (an exception, a forgotten commit) aborts: every
 * change of the surgery is undone in reverse order, so the guest is exactly as before (a save
 * writes the same bytes). One surgery at a time per space; not thread-safe.
 */
public final class Surgery implements AutoCloseable {
    /** Where a surgery stands. */
    public enum State { OPEN, COMMITTED, ABORTED }

    private final ObjectSpace space;
    private final String id;
    private final String label;
    private final Instant begun;
    private final List<Change> changes = new ArrayList<>();
    private final Membrane.Listener recorder = changes::add;
    private State state = State.OPEN;
    /** How many objects the memory had created when this surgery began. */
    private final int createdBefore;

    Surgery(ObjectSpace space, String label, Instant begun) {
        this.space = space;
        this.id = UUID.randomUUID().toString();
        this.label = label;
        this.begun = begun;
        this.createdBefore = space.memory().createdCount();
        space.membrane().addListener(recorder);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Instant begun() {
        return begun;
    }

    public State state() {
        return state;
    }

    /** The changes made so far, in order. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /**
     * Commits: the changes stay, and every surgery listener is told (a journal makes the surgery
     * durable before this returns). If a listener fails, the surgery is aborted and the failure
     * rethrown.
     *
     * <p>First the changes are checked to replay: applied in order onto the state the surgery began
     * from, each finds the old value it recorded, and together they give the state the guest is in
     * now (nothing changed a place behind the membrane, no object is created twice or referred to
     * before it exists). If not, the surgery is aborted and nothing is committed.
     *
     * @throws UnreplayableSurgeryException when the changes would not replay
     */
    public void commit() {
        requireOpen("commit");
        space.membrane().removeListener(recorder);
        java.util.Optional<String> broken = space.verifiesCommits()
                ? ChangeChain.check(space.memory(), createdBefore, changes) : java.util.Optional.empty();
        if (broken.isPresent()) {
            UnreplayableSurgeryException e = UnreplayableSurgeryException.of(this, broken.get());
            try {
                end("not replayable: " + broken.get());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        try {
            space.surgeryListeners().forEach(l -> l.committed(this));
        } catch (RuntimeException e) {
            try {
                end("commit failed: " + e.getMessage());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        state = State.COMMITTED;
        space.surgeryEnded(this);
    }

    /** Aborts: every change is undone, in reverse order; listeners are told why. */
    public void abort(String reason) {
        requireOpen("abort");
        space.membrane().removeListener(recorder);
        end(reason);
    }

    /**
     * Ends an aborted surgery: the state says ABORTED while the undo runs, so listeners can tell
     * its changes from new ones; every listener hears the abort even if one throws.
     */
    private void end(String reason) {
        state = State.ABORTED;
        RuntimeException failure = null;
        // an object this surgery made and took back again (a doIt's method) is already gone: skip both
        java.util.Set<Integer> takenBack = new java.util.HashSet<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            if (c instanceof Change.CreationUndone u && u.target().index() > createdBefore) {
                takenBack.add(u.target().index());
                continue;
            }
            if (c instanceof Change.ObjectCreated o && takenBack.remove(o.target().index())) {
                continue;
            }
            try {
                space.membrane().undo(c);
            } catch (RuntimeException e) {
                // a change listener failed after the undo was applied, or the membrane refused it:
                // either way the earlier changes must still be undone
                failure = first(failure, e);
            }
        }
        space.surgeryEnded(this);
        for (Listener l : space.surgeryListeners()) {
            try {
                l.aborted(this, reason);
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException first(RuntimeException failure, RuntimeException e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }

    private void requireOpen(String what) {
        if (state != State.OPEN) {
            throw new IllegalStateException("cannot " + what + " surgery '" + label + "': it is " + state.name().toLowerCase());
        }
    }

    /** Aborts the surgery if it is still open. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abort("closed without commit");
        }
    }

    /** Hears surgeries begin and end (the journal is one). Listeners run on the surgery's thread. */
    public interface Listener {
        void begun(Surgery surgery);

        void committed(Surgery surgery);

        void aborted(Surgery surgery, String reason);
    }
}
