package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;

/** A Symbol interned by an aborted surgery is gone with it, also from the host's index of Symbols. */
class AbortedSymbolTest {
    private static final String SELECTOR = "ozwInternedThenAborted";

    private static void internInSurgery(ObjectSpace space, boolean commit) {
        try (Surgery s = space.beginSurgery("intern " + SELECTOR)) {
            space.intern(SELECTOR);
            if (commit) {
                s.commit();
            }
        }
    }

    @Test
    void aSymbolInternedByAnAbortedSurgeryIsNotFoundAfterwards() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        internInSurgery(space, false);

        assertThat(space.symbolNamed(SELECTOR)).isEmpty();
    }

    @Test
    void internedAgainAfterAnAbort_theSymbolIsCreatedAgainAsOnAFreshLoad() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        internInSurgery(space, false);
        internInSurgery(space, true);

        ObjectSpace fresh = ObjectSpace.load(Images.scratch());
        internInSurgery(fresh, true);
        assertThat(space.toBytes()).isEqualTo(fresh.toBytes());
    }
}
