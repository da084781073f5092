package org.ozworkbench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.journal.Checkpoints;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalRecorder;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalSession;

/**
 * A replay that leaves a surgery out (--skip, --only) or stops early (--until) starts from a
 * checkpoint only when the checkpoint holds nothing it leaves out, and gives the bytes of the same
 * replay from the base.
 */
class CheckpointReplayTest {
    private static Path mini;
    private static Path journal;

    @TempDir
    static Path dir;

    /** Five surgeries, each a method of Point, checkpoints after the first and after the fourth: one journal for all tests. */
    @BeforeAll
    static void journalOfFiveSurgeries() {
        mini = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(mini, journal)) {
            for (int n = 1; n <= 5; n++) {
                try (Surgery s = session.space().beginSurgery("s" + n)) {
                    session.space().classNamed("Point").orElseThrow().compile("ozw" + n + " ^ x + " + n, "ozw");
                    s.commit();
                }
                if (n == 1 || n == 4) {
                    session.checkpoint().orElseThrow();
                }
            }
        }
    }

    private static Path journal() {
        return journal;
    }

    private static JournalReport report(Path journal) {
        try (Journal j = Journal.openReadOnly(journal)) {
            return j.surgeryReport();
        }
    }

    private record Outcome(byte[] bytes, String text, int fromCheckpoint) {
    }

    private Outcome fromCheckpoint(Path journal, ReplayOptions options) {
        JournalReport report = report(journal);
        List<String> warnings = new ArrayList<>();
        Checkpoints.Resumed resumed = Checkpoints.resume(journal, mini, () -> JournalRecorder.sha256(mini),
                report.committed(), Replay.checkpointable(report, options), warnings::add);
        assertThat(warnings).isEmpty();
        try (ObjectSpace space = resumed.space()) {
            ReplayReport r = Replay.run(space, report, options, s -> { }, resumed.surgeries());
            return new Outcome(space.toBytes(), r.text(), resumed.surgeries());
        }
    }

    private Outcome fromBase(Path journal, ReplayOptions options) {
        try (ObjectSpace space = ObjectSpace.load(mini)) {
            ReplayReport r = Replay.run(space, report(journal), options, s -> { });
            return new Outcome(space.toBytes(), r.text(), 0);
        }
    }

    private void assertSameAsFromTheBase(Path journal, ReplayOptions options, int expectedFromCheckpoint) {
        Outcome checkpointed = fromCheckpoint(journal, options);
        Outcome base = fromBase(journal, options);
        assertThat(checkpointed.fromCheckpoint()).as("surgeries the checkpoint stood for").isEqualTo(expectedFromCheckpoint);
        assertThat(checkpointed.text()).isEqualTo(base.text());
        assertThat(checkpointed.bytes()).isEqualTo(base.bytes());
    }

    @Test
    void everySurgeryReplaysFromTheNewestCheckpoint() {
        assertSameAsFromTheBase(journal(), ReplayOptions.all(), 4);
    }

    @Test
    void aSkipBeforeTheNewestCheckpointStartsFromTheOlderOne() {
        Path journal = journal();
        assertSameAsFromTheBase(journal, ReplayOptions.all().skipping(List.of("s3")), 1);
        assertSameAsFromTheBase(journal, ReplayOptions.all().skipping(List.of("s5")), 4);
    }

    @Test
    void aSkipOfTheFirstSurgeryStartsFromTheBase() {
        assertSameAsFromTheBase(journal(), ReplayOptions.all().skipping(List.of("s1")), 0);
    }

    @Test
    void untilAndOnlyUseNoCheckpointPastWhatTheyReplay() {
        Path journal = journal();
        assertSameAsFromTheBase(journal, ReplayOptions.all().until("s3"), 1);
        assertSameAsFromTheBase(journal, ReplayOptions.all().until("s4"), 4);
        assertSameAsFromTheBase(journal, ReplayOptions.all().only("s[1245]"), 1);
    }
}
