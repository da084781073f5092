package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * A journal written over several days: Chronicle starts a new queue file each day, so a journal is
 * read across files, and a writer killed while Chronicle created the new day's file leaves that
 * file torn as a new journal's first file can be ({@link QueueTail#tornCreation}).
 */
class DayRollTest {
    private static final Instant DAY_1 = Instant.parse("2026-03-01T23:59:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-03-02T00:01:00Z");
    private static final Instant DAY_4 = Instant.parse("2026-03-04T09:00:00Z");

    @TempDir
    static Path dir;
    private static Path image;

    @BeforeAll
    static void image() {
        image = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
    }

    @AfterEach
    void systemClock() {
        Journal.clock = SystemTimeProvider.INSTANCE;
    }

    private static void commitOn(Instant day, Path journal, String selector) {
        Journal.clock = new SetTimeProvider(day);
        try (JournalSession session = JournalSession.open(image, journal)) {
            try (Surgery s = session.space().beginSurgery(selector)) {
                session.space().classNamed("Object").orElseThrow().compile(selector + "  ^ 1");
                s.commit();
            }
        }
    }

    private static List<String> committedLabels(Path journal) {
        try (Journal j = Journal.openReadOnly(journal)) {
            JournalReport report = j.report();
            assertThat(report.problem()).isEmpty();
            return report.committed().stream().map(RecordedSurgery::label).toList();
        }
    }

    private static List<Path> queueFiles(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void aJournalWrittenOverTwoDaysIsReadAcrossItsFilesAndWrittenOn() throws IOException {
        Path journal = dir.resolve("two-days");
        commitOn(DAY_1, journal, "ozwDay1");
        commitOn(DAY_2, journal, "ozwDay2");
        assertThat(queueFiles(journal)).hasSize(2);
        assertThat(committedLabels(journal)).containsExactly("ozwDay1", "ozwDay2");
        try (Journal j = Journal.openReadOnly(journal); JournalTail tail = j.tail(0)) {
            int events = 0;
            while (tail.next().isPresent()) {
                events++;
            }
            assertThat(events).as("a live tail follows the journal into the next day's file")
                    .isEqualTo(j.report().entries().size());
        }
        commitOn(DAY_2, journal, "ozwDay2b");
        assertThat(committedLabels(journal)).containsExactly("ozwDay1", "ozwDay2", "ozwDay2b");
    }

    /**
     * The new day's file as a kill during its creation leaves it: its first header claimed, part
     * of its metadata, zeros; the manifest as the last commit (on the day before) left it.
     */
    private static Path tornRoll(String name) throws IOException {
        Path journal = dir.resolve(name);
        commitOn(DAY_1, journal, "ozwDay1");
        Path manifest = dir.resolve(name + "-manifest");
        Files.copy(journal.resolve(JournalManifest.NAME), manifest);
        commitOn(DAY_2, journal, "ozwLost");
        Files.copy(manifest, journal.resolve(JournalManifest.NAME), StandardCopyOption.REPLACE_EXISTING);
        Path day2 = queueFiles(journal).get(1);
        QueueFiles.tearCreation(day2);
        return journal;
    }

    @Test
    void aNewDaysFileTornInItsCreationIsATornTailThatTheNextWriterRemoves() throws IOException {
        Path journal = tornRoll("torn-roll");
        try (Journal j = Journal.openReadOnly(journal)) {
            JournalReport report = j.report();
            assertThat(report.problem()).isEmpty();
            assertThat(report.tornTail()).isPresent();
            assertThat(report.committed()).extracting(RecordedSurgery::label).containsExactly("ozwDay1");
            assertThat(j.lastIndex()).isEqualTo(report.entries().get(report.entries().size() - 1).index());
        }
        commitOn(DAY_2, journal, "ozwAfter");
        assertThat(committedLabels(journal)).containsExactly("ozwDay1", "ozwAfter");
    }

    @Test
    void aWriterOnALaterDayRemovesTheTornFileAndStartsItsOwnDay() throws IOException {
        Path journal = tornRoll("torn-roll-later");
        commitOn(DAY_4, journal, "ozwDay4");
        assertThat(committedLabels(journal)).containsExactly("ozwDay1", "ozwDay4");
        assertThat(queueFiles(journal)).extracting(p -> p.getFileName().toString())
                .containsExactly("20260301F.cq4", "20260304F.cq4");
    }
}
