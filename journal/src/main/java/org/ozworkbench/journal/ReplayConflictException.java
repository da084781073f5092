package org.ozworkbench.journal;

import org.ozworkbench.core.memory.Change;

/**
 * A recorded change that does not fit the space it is replayed onto: its place does not hold
 * the recorded old value, its object does not exist, or a creation would get another number or
 * hash. Says which change (0-based, in the list replayed) and what was found instead.
 */
public final class ReplayConflictException extends RuntimeException {
    private final int changeNumber;
    private final transient Change change;

    ReplayConflictException(int changeNumber, Change change, String found, Throwable cause) {
        super("change " + changeNumber + " (" + change + ") does not fit: " + found, cause);
        this.changeNumber = changeNumber;
        this.change = change;
    }

    /** The conflicting change's position in the replayed list, from 0. */
    public int changeNumber() {
        return changeNumber;
    }

    public Change change() {
        return change;
    }
}
