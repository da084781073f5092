package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.TestImages;

/**
 * Bad input, end to end: a real journal of three surgeries on a copy of Scratch.image is damaged
 * (or replayed onto the wrong image), then read and replayed. Each time: the error is a
 * {@link JournalException} (with its problem code) or a {@link ReplayConflictException}, one line
 * naming the journal folder, the excerpt or surgery and what was expected; only the surgeries
 * committed before the damage replay; the image file replayed onto is untouched.
 *
 * <p>Surgery {@code sN} stores {@code N001} then {@code N002} into the value of the Transcript
 * association, so the space shows which surgeries were applied.
 */
class BadJournalTest {
    private static final int ASSOCIATION_VALUE = 1;
    private static final int SURGERIES = 3;

    @TempDir
    Path dir;
    private Path image;
    private Path journalDir;

    @BeforeEach
    void recordThreeSurgeries() throws IOException {
        image = Files.copy(TestImages.scratchImage(), dir.resolve("target.image"));
        Files.setLastModifiedTime(image, FileTime.fromMillis(1_000_000_000_000L));
        journalDir = dir.resolve("journal");
        ObjectSpace space = ObjectSpace.load(image);
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            for (int n = 1; n <= SURGERIES; n++) {
                try (Surgery s = space.beginSurgery("s" + n)) {
                    transcriptValue(space, n * 1000 + 1);
                    transcriptValue(space, n * 1000 + 2);
                    s.commit();
                }
            }
        }
    }

    private static void transcriptValue(ObjectSpace space, int value) {
        space.globalAssociation("Transcript").orElseThrow().slotPut(ASSOCIATION_VALUE, SmallInteger.of(value));
    }

    /** The Transcript association's value: an Integer once a surgery wrote it, else the object's reference. */
    private static Object transcriptValue(ObjectSpace space) {
        GuestValue v = space.globalAssociation("Transcript").orElseThrow().slot(ASSOCIATION_VALUE);
        return v instanceof SmallInteger i ? (Object) i.value() : ((ObjectMirror) v).ref();
    }

    private Path queueFile() {
        return QueueFiles.queueFile(journalDir);
    }

    /**
     * Reads the damaged journal, replays what it reports committed onto a fresh load of the image,
     * and checks: the problem, where it is reported, which surgeries replayed, the file untouched.
     */
    private JournalException readAndReplay(JournalException.Problem expected, List<String> committedBefore) throws IOException {
        byte[] imageBytes = Files.readAllBytes(image);
        FileTime imageTime = Files.getLastModifiedTime(image);
        JournalException problem;
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            JournalReport report = journal.report();
            problem = report.problem().orElseThrow(() -> new AssertionError("no problem found in " + report.summary()));
            assertThatThrownBy(journal::surgeries).isInstanceOf(JournalException.class)
                    .hasMessage(problem.getMessage());
            assertThat(report.committed()).extracting(RecordedSurgery::label).containsExactlyElementsOf(committedBefore);

            ObjectSpace fresh = ObjectSpace.load(image);
            Object before = transcriptValue(fresh);
            Replayer.onto(fresh).replayAll(report.committed());
            assertThat(transcriptValue(fresh)).as("the Transcript value after replaying %s", committedBefore)
                    .isEqualTo(committedBefore.isEmpty() ? before : (Object) (committedBefore.size() * 1000 + 2));
        }
        assertThat(problem.problem()).isEqualTo(expected);
        assertThat(problem.getMessage()).doesNotContain("\n").startsWith("journal " + journalDir)
                .endsWith("[" + expected.code() + "]");
        assertThat(Files.readAllBytes(image)).isEqualTo(imageBytes);
        assertThat(Files.getLastModifiedTime(image)).isEqualTo(imageTime);
        System.out.println("[bad input] " + problem.getMessage());
        return problem;
    }

    private static void assertLocated(JournalException e, Path file) {
        assertThat(e.file()).contains(file);
        assertThat(e.index()).isPresent();
        assertThat(e.getMessage()).contains("file " + file.getFileName())
                .contains("excerpt " + Journal.formatIndex(e.index().getAsLong()));
    }

    @Test
    void corruptBytesInTheMiddleOfAQueueFileStopTheReadingAtThatExcerpt() throws IOException {
        Path file = queueFile();
        QueueFiles.write(file, QueueFiles.offsetOf(file, "\"smallInteger\":2001") + 3, "#$%".getBytes(StandardCharsets.UTF_8));

        JournalException e = readAndReplay(JournalException.Problem.CORRUPT_EXCERPT, List.of("s1"));
        assertLocated(e, file);
        assertThat(e.what()).contains("ChangeMade");
    }

    @Test
    void corruptBytesInTheLastExcerptLeaveItsSurgeryUncommitted() throws IOException {
        Path file = queueFile();
        QueueFiles.write(file, QueueFiles.offsetOf(file, "\"changeCount\":2", 2) + 2, "\u0000\u0007".getBytes(StandardCharsets.UTF_8));

        JournalException e = readAndReplay(JournalException.Problem.CORRUPT_EXCERPT, List.of("s1", "s2"));
        assertLocated(e, file);
    }

    @Test
    void garbageAfterTheLastExcerptIsReportedAndEveryCommittedSurgeryBeforeItReplays() throws IOException {
        Path file = queueFile();
        long last = QueueFiles.headerOf(file, "\"changeCount\":2", 2);
        long next = (last + Integer.BYTES + QueueFiles.intAt(file, last) + 3) & ~3L;
        QueueFiles.write(file, next, "not an excerpt, not zeros".getBytes(StandardCharsets.UTF_8));

        JournalException e = readAndReplay(JournalException.Problem.CORRUPT_EXCERPT, List.of("s1", "s2", "s3"));
        assertThat(e.file()).contains(file);
        assertThat(e.what()).contains("offset");
    }

    @Test
    void aQueueFileCutInsideASurgeryKeepsOnlyTheSurgeriesCommittedBeforeTheCut() throws IOException {
        Path file = queueFile();
        QueueFiles.cut(file, QueueFiles.offsetOf(file, "\"smallInteger\":2002") + 2);

        JournalException e = readAndReplay(JournalException.Problem.CORRUPT_EXCERPT, List.of("s1"));
        assertThat(e.file()).contains(file);
    }

    @Test
    void anEventOfAnUnknownTypeStopsTheReadingAndNamesTheTypesThisVersionKnows() throws IOException {
        long bad = insertBeforeSurgery(2, "{\"schema\":1,\"type\":\"SurgeryRenamed\",\"surgeryId\":\"x\",\"label\":\"y\"}");

        JournalException e = readAndReplay(JournalException.Problem.UNKNOWN_EVENT_TYPE, List.of("s1"));
        assertThat(e.index()).hasValue(bad);
        assertThat(e.what()).contains("'SurgeryRenamed'").contains("this version knows").contains("SurgeryBegun");
    }

    @Test
    void anEventOfANewerSchemaStopsTheReadingAndSaysWhichSchemaThisVersionReads() throws IOException {
        long bad = insertBeforeSurgery(2, "{\"schema\":" + (EventCodec.SCHEMA + 1)
                + ",\"type\":\"SurgeryAborted\",\"surgeryId\":\"x\",\"reason\":\"y\"}");

        JournalException e = readAndReplay(JournalException.Problem.NEWER_SCHEMA, List.of("s1"));
        assertThat(e.index()).hasValue(bad);
        assertThat(e.what()).contains("schema " + (EventCodec.SCHEMA + 1)).contains("schema " + EventCodec.SCHEMA);
    }

    /**
     * Rewrites the journal with {@code json} as an excerpt before surgery {@code n}'s begin;
     * answers the bad excerpt's index.
     */
    private long insertBeforeSurgery(int n, String json) throws IOException {
        List<Journal.Entry> entries;
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            entries = journal.read();
        }
        Path copy = dir.resolve("rewritten");
        long bad = -1;
        try (Journal out = Journal.open(copy)) {
            for (Journal.Entry e : entries) {
                if (e.event() instanceof JournalEvent.SurgeryBegun b && b.label().equals("s" + n)) {
                    bad = out.appendBytes(json.getBytes(StandardCharsets.UTF_8));
                }
                out.append(e.event());
            }
        }
        journalDir = copy;
        return bad;
    }

    @Test
    void aReplayOntoAnotherImageIsRefusedNamingBothHashesUnlessAskedFor() throws IOException {
        Path other = dir.resolve("other.image");
        ObjectSpace changed = ObjectSpace.load(image);
        changed.newString("another image");
        changed.save(other);
        byte[] otherBytes = Files.readAllBytes(other);
        String imageSha = JournalRecorder.sha256(image);
        String otherSha = JournalRecorder.sha256(other);

        try (Journal journal = Journal.openReadOnly(journalDir)) {
            List<RecordedSurgery> committed = journal.report().committed();
            ObjectSpace onto = ObjectSpace.load(other);
            Object before = transcriptValue(onto);

            assertThatThrownBy(() -> Replayer.onto(onto).replayAll(committed))
                    .isInstanceOfSatisfying(JournalException.class, e -> {
                        assertThat(e.problem()).isEqualTo(JournalException.Problem.OTHER_BASE_IMAGE);
                        assertThat(e.getMessage()).doesNotContain("\n").startsWith("journal " + journalDir)
                                .contains(imageSha).contains(otherSha).contains("surgery " + committed.get(0).id())
                                .contains("excerpt 0x").endsWith("[other-base-image]");
                        System.out.println("[bad input] " + e.getMessage());
                    });
            assertThat(transcriptValue(onto)).isEqualTo(before);
            assertThat(onto.openSurgery()).isEmpty();

            Replayer.onto(onto, Replayer.BasePolicy.ANY_IMAGE).replayAll(committed);
            assertThat(transcriptValue(onto)).isEqualTo(SURGERIES * 1000 + 2);
        }
        assertThat(Files.readAllBytes(other)).isEqualTo(otherBytes);
    }

    @Test
    void aSurgeryWhoseOldValueDiffersIsAConflictNamingSurgeryObjectAndSlotAndTheOnesBeforeItStayApplied() throws IOException {
        byte[] imageBytes = Files.readAllBytes(image);
        FileTime imageTime = Files.getLastModifiedTime(image);
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            List<RecordedSurgery> committed = journal.report().committed();
            ObjectSpace fresh = ObjectSpace.load(image);
            Replayer replayer = Replayer.onto(fresh);
            replayer.replay(committed.get(0));
            transcriptValue(fresh, 77);
            RecordedSurgery s2 = committed.get(1);
            String association = "0x" + Integer.toHexString(
                    ((org.ozworkbench.core.memory.GuestRef.Snapshot) fresh.globalAssociation("Transcript").orElseThrow()
                            .ref()).oop());

            assertThatThrownBy(() -> replayer.replayAll(committed.subList(1, committed.size())))
                    .isInstanceOfSatisfying(ReplayConflictException.class, e -> {
                        assertThat(e.surgery()).contains(s2);
                        assertThat(e.changeNumber()).isZero();
                        assertThat(e.getMessage()).doesNotContain("\n").startsWith("journal " + journalDir)
                                .contains("surgery " + s2.id() + " 's2'").contains(association)
                                .contains("slot " + ASSOCIATION_VALUE).contains("SmallInteger 77")
                                .contains("recorded old value SmallInteger 1002");
                        System.out.println("[bad input] " + e.getMessage());
                    });
            assertThat(transcriptValue(fresh)).isEqualTo(77);
            assertThat(fresh.openSurgery()).isEmpty();
        }
        assertThat(Files.readAllBytes(image)).isEqualTo(imageBytes);
        assertThat(Files.getLastModifiedTime(image)).isEqualTo(imageTime);
    }
}
