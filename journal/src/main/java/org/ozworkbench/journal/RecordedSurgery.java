package org.ozworkbench.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ozworkbench.core.memory.Change;

/**
 * A surgery as the journal recorded it.
 *
 * @param journal    the folder of the journal it was read from
 * @param id         the surgery's id
 * @param label      its label
 * @param begun      when it began
 * @param beginIndex the index of its {@link JournalEvent.SurgeryBegun}
 * @param endIndex   the index of the event that decided its state (commit or abort), or -1 when open
 * @param state      committed, aborted, or still open (which counts as aborted)
 * @param changes    its changes in order: for a committed surgery exactly those its commit names
 *                   (count and digest checked); for an aborted one also the undos made while aborting
 * @param base       the load that began the session the surgery belongs to: its snapshot oops are
 *                   oops of that image (absent when the journal does not say)
 * @param reason     why it was aborted, for an aborted surgery
 * @param names      per change, the symbolic names recorded for the objects of the loaded file it
 *                   refers to (see {@link JournalEvent.ChangeMade#names()}); it may end before the
 *                   changes do, where the changes that follow have none: ask {@link #namesOf}
 */
public record RecordedSurgery(Path journal, String id, String label, Instant begun, long beginIndex, long endIndex, State state,
                              List<Change> changes, Optional<JournalEvent.SpaceLoaded> base, Optional<String> reason,
                              List<java.util.Map<Long, String>> names) {

    /** Where a recorded surgery stands. */
    public enum State {
        /** Its commit record is in the journal, its last event, with the right change count and digest. */
        COMMITTED,
        /** Its abort record is in the journal: never replayed. */
        ABORTED,
        /**
         * Neither: the writer died (or is still working) before it ended. Reopening a journal
         * treats it as aborted: never replayed.
         */
        OPEN
    }

    public RecordedSurgery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        changes = changes instanceof PackedChanges packed ? packed.frozen() : List.copyOf(changes);
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** The symbolic names recorded with change {@code i} (oop → name), empty when none were. */
    public java.util.Map<Long, String> namesOf(int i) {
        return i < names.size() ? names.get(i) : java.util.Map.of();
    }

    /** How errors name it: {@code journal <dir>, surgery <id> '<label>' (excerpt <index>)}. */
    public String where() {
        return "journal " + journal + ", surgery " + id + " '" + label + "' (excerpt " + Journal.formatIndex(beginIndex)
                + ")";
    }

    /** Whether the surgery may be replayed: only committed ones are. */
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }
}
