package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * A queue file's own header, the first excerpt Chronicle writes in it (the queue's metadata):
 * torn by a writer killed while creating the file, or damaged on disk. Either way reading throws
 * nothing but a {@link JournalException}, and a torn creation, which holds no excerpt, is no damage.
 */
class QueueFileHeaderTest {
    @TempDir
    static Path dir;
    private static Path image;
    /** A journal of one session and one committed surgery. */
    private static Path journal;

    @BeforeAll
    static void oneSurgery() {
        image = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        journal = dir.resolve("journal");
        commitOne(journal, "s1");
    }

    private static void commitOne(Path journalDir, String label) {
        try (JournalSession session = JournalSession.open(image, journalDir)) {
            try (Surgery s = session.space().beginSurgery(label)) {
                session.space().classNamed("Object").orElseThrow().compile("ozwHeader  ^ 1");
                s.commit();
            }
        }
    }

    /**
     * The state a writer killed while Chronicle created a new journal's first queue file leaves
     * (CrashTest met it): the file's first header claimed, part of its metadata, zeros; no manifest.
     */
    private static Path tornCreation(String name) throws IOException {
        Path copy = copyOf(journal, name);
        Files.delete(copy.resolve(JournalManifest.NAME));
        Path queue = QueueFiles.queueFile(copy);
        QueueFiles.tearCreation(queue);
        return copy;
    }

    /** A kill a moment earlier: the file made (Chronicle sizes it at once), its first header not yet claimed. */
    private static Path madeNotClaimed(String name) throws IOException {
        Path copy = copyOf(journal, name);
        Files.delete(copy.resolve(JournalManifest.NAME));
        Path queue = QueueFiles.queueFile(copy);
        QueueFiles.write(queue, 0, new byte[(int) Files.size(queue)]);
        return copy;
    }

    @Test
    void aQueueFileMadeButNeverClaimedIsATornCreationToo() throws IOException {
        Path torn = madeNotClaimed("made");
        try (Journal j = Journal.openReadOnly(torn)) {
            assertThat(j.report().tornTail()).isPresent();
        }
        commitOne(torn, "after");
        try (Journal j = Journal.openReadOnly(torn)) {
            assertThat(j.report().committed()).extracting(RecordedSurgery::label).containsExactly("after");
        }
    }

    @Test
    void aQueueFileWhoseCreationWasTornReadsAsAnEmptyJournalWithATornTail() throws IOException {
        Path torn = tornCreation("torn-read");
        try (Journal j = Journal.openReadOnly(torn)) {
            JournalReport report = j.report();
            assertThat(report.problem()).isEmpty();
            assertThat(report.entries()).isEmpty();
            assertThat(report.tornTail()).hasValueSatisfying(t -> assertThat(t.getMessage())
                    .contains("being created when its writer died"));
            assertThat(j.lastIndex()).isEqualTo(-1);
        }
        assertThat(Files.exists(QueueFiles.queueFile(torn))).as("a reader removes nothing").isTrue();
    }

    @Test
    void openingForWritingRemovesATornCreationAndTheJournalStartsAnew() throws IOException {
        Path torn = tornCreation("torn-write");
        Path queue = QueueFiles.queueFile(torn);
        try (Journal j = Journal.open(torn)) {
            assertThat(j.damage()).isEmpty();
            assertThat(j.recovered()).hasValueSatisfying(r -> assertThat(r.problem())
                    .isEqualTo(JournalException.Problem.TORN_TAIL));
            assertThat(Files.exists(queue)).isFalse();
        }
        commitOne(torn, "after");
        try (Journal j = Journal.openReadOnly(torn)) {
            JournalReport report = j.report();
            assertThat(report.problem()).isEmpty();
            assertThat(report.committed()).extracting(RecordedSurgery::label).containsExactly("after");
        }
    }

    @Test
    void aClaimedFirstHeaderInAJournalWithAManifestIsDamageAndNothingIsRemoved() throws IOException {
        Path copy = copyOf(journal, "claimed-with-manifest");
        Path queue = QueueFiles.queueFile(copy);
        QueueFiles.putInt(queue, 0, QueueFiles.CLAIMED);
        try (Journal j = Journal.open(copy)) {
            assertThat(j.damage()).isPresent();
        }
        assertThat(QueueFiles.intAt(queue, 0)).isEqualTo(QueueFiles.CLAIMED);
        assertThatThrownBy(() -> commitOne(copy, "refused")).isInstanceOf(JournalException.class);
    }

    /**
     * Every single byte of the queue file's metadata flipped in turn (in place, undone after each):
     * Chronicle fails in a dozen ways parsing it (StreamCorruptedException, BufferUnderflowException,
     * UnsupportedOperationException "code=0x8D", which DamageSweepTest met once); the journal turns
     * each into a located {@link JournalException}, or reads the one surgery when the flip is harmless.
     */
    @Test
    void everyFlippedByteOfTheFilesOwnMetadataIsReportedAsDamage() throws IOException {
        Path copy = copyOf(journal, "flipped");
        Path queue = QueueFiles.queueFile(copy);
        int metadata = Integer.BYTES + (QueueFiles.intAt(queue, 0) & 0x3FFF_FFFF);
        byte[] original = QueueFiles.read(queue);
        int damaged = 0;
        for (int at = 0; at < metadata; at++) {
            QueueFiles.write(queue, at, new byte[] {(byte) ~original[at]});
            try (Journal j = Journal.openReadOnly(copy)) {
                JournalReport report = j.report();
                if (report.problem().isPresent()) {
                    damaged++;
                    assertThat(report.problem().get().getMessage()).as("flip at %d", at).doesNotContain("\n")
                            .contains(queue.getFileName().toString());
                } else {
                    assertThat(report.committed()).as("flip at %d", at).extracting(RecordedSurgery::label)
                            .containsExactly("s1");
                }
            } catch (JournalException e) {
                damaged++;
            } finally {
                QueueFiles.write(queue, at, new byte[] {original[at]});
            }
        }
        System.out.printf("queue file metadata: %d bytes flipped one at a time, %d read as damage%n", metadata,
                damaged);
        assertThat(damaged).isPositive();
    }

    private static Path copyOf(Path from, String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals(WriterLock.NAME)).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
