package org.ozworkbench.journal.atomicity;

import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;

/**
 * The failure a generated surgery meets, before step {@code atStep} (the step count: after the
 * last step, just before the commit).
 *
 * @param refused       for the two REFUSED kinds, which invalid change the membrane is asked for
 * @param pick          which object that change targets
 * @param listenerFirst for {@link Kind#COMMIT_LISTENER_THROWS}: whether the failing listener was
 *                      added before the journal recorder (it then fails before the recorder hears
 *                      the commit) or after it (it fails after the commit record is durable)
 */
record Injection(Kind kind, int atStep, Refused refused, int pick, boolean listenerFirst) {

    enum Kind {
        /** No failure: the surgery commits. */
        NONE,
        /** The host code inside the surgery block throws. */
        HOST_EXCEPTION,
        /** The membrane refuses an invalid change, and the refusal leaves the block. */
        REFUSED_PROPAGATED,
        /** The membrane refuses an invalid change; the host catches it and goes on to commit. */
        REFUSED_RECOVERED,
        /** The block ends without calling commit. */
        NO_COMMIT,
        /** A surgery listener's committed() throws. */
        COMMIT_LISTENER_THROWS,
        /** The journal is closed under the recorder. */
        JOURNAL_CLOSED;

        boolean commits() {
            return this == NONE || this == REFUSED_RECOVERED;
        }
    }

    /** Invalid changes the membrane must refuse. */
    enum Refused { SLOT_OUT_OF_BOUNDS, NOT_A_SMALL_INTEGER, BYTE_OUT_OF_RANGE, FOREIGN_OBJECT, HOST_OBJECT, WRONG_FORMAT }

    /** Asks the membrane for the invalid change; answers its refusal (failing when it was not refused). */
    MembraneException askRefused(Patient p) {
        Membrane membrane = p.space.membrane();
        GuestObject pointers = p.pointerObject(pick);
        try {
            switch (refused) {
                case SLOT_OUT_OF_BOUNDS -> membrane.storePointer(pointers, pointers.pointerCount(), p.memory().nil());
                case NOT_A_SMALL_INTEGER -> membrane.storePointer(pointers, 0, 1 << 30);
                case BYTE_OUT_OF_RANGE -> membrane.storeByte(p.byteObject(pick), 0, 256);
                case FOREIGN_OBJECT -> membrane.storePointer(pointers, 0, p.alien);
                case HOST_OBJECT -> membrane.storePointer(pointers, 0, "a host String");
                case WRONG_FORMAT -> membrane.storeWord(pointers, 0, 1);
            }
        } catch (MembraneException e) {
            return e;
        }
        throw new AssertionError("the membrane accepted " + refused + " on " + pointers);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no failure";
            case REFUSED_PROPAGATED, REFUSED_RECOVERED -> kind + " " + refused + " on #" + pick + " before step " + atStep;
            case COMMIT_LISTENER_THROWS -> kind + (listenerFirst ? " (listener before the recorder)"
                    : " (listener after the recorder)");
            default -> kind + " before step " + atStep;
        };
    }
}
