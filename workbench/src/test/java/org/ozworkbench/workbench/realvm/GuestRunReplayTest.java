package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.JournalSession;

/**
 * A guest run between two journaled surgeries leaves the journal replayable: the objects the run
 * makes and drops are never part of the space, and its allocations do not move the identity-hash
 * generator that gives the next surgery's new objects their hashes.
 */
class GuestRunReplayTest {
    @TempDir
    Path dir;

    @Test
    void givenAnEvaluationBetweenSurgeries_whenTheJournalIsReplayedOntoAFreshImage_thenTheSavedBytesAreTheSame()
            throws IOException {
        Path scratch = ImageAssumptions.assumeScratchImage();
        Path journal = dir.resolve("journal");
        Path live = dir.resolve("live.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ObjectSpace space = session.space();
            try (Surgery s = space.beginSurgery("S1")) {
                space.classNamed("Point").orElseThrow().compile("ozwS1\n\t^ x + y", "ozw");
                s.commit();
            }
            Evaluation e = space.evaluate("(100 factorial printString select: [:c | c = $0]) size");
            assertThat(e.text()).isEqualTo("30");
            try (Surgery s = space.beginSurgery("S2")) {
                space.classNamed("Point").orElseThrow().compile("ozwS2\n\t^ Array with: x with: y", "ozw");
                s.commit();
            }
            session.save(live);
        }

        Path replayed = Replays.ontoFresh(scratch, journal, dir.resolve("replayed.image"));
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(live));
    }
}
