package org.ozworkbench.journal;

import java.util.Optional;
import org.ozworkbench.core.memory.Change;

/**
 * A recorded change that does not fit the space it is replayed onto: its place does not hold
 * the recorded old value, its object does not exist, or a creation would get another number or
 * hash. One line naming the journal and surgery (when replaying a recorded surgery), which change
 * (0-based, in the list replayed), its object and place, and what was found instead.
 */
public final class ReplayConflictException extends RuntimeException {
    private final int changeNumber;
    private final transient Change change;
    private final transient RecordedSurgery surgery;
    private final String found;

    ReplayConflictException(int changeNumber, Change change, String found, Throwable cause) {
        this(null, changeNumber, change, found, cause);
    }

    private ReplayConflictException(RecordedSurgery surgery, int changeNumber, Change change, String found,
                                    Throwable cause) {
        super((surgery == null ? "" : surgery.where() + ": ") + "change " + changeNumber + " (" + change
                + ") does not fit: " + found, cause);
        this.surgery = surgery;
        this.changeNumber = changeNumber;
        this.change = change;
        this.found = found;
    }

    /** The same conflict, located in the recorded surgery being replayed. */
    ReplayConflictException in(RecordedSurgery s) {
        return new ReplayConflictException(s, changeNumber, change, found, getCause());
    }

    /** The recorded surgery the change belongs to, when a recorded surgery was replayed. */
    public Optional<RecordedSurgery> surgery() {
        return Optional.ofNullable(surgery);
    }

    /** The conflicting change's position in the replayed list, from 0. */
    public int changeNumber() {
        return changeNumber;
    }

    public Change change() {
        return change;
    }

    /** What the place held instead of what the change expected, in words. */
    public String found() {
        return found;
    }
}
