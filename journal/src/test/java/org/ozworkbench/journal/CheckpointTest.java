package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * Checkpoints: a session reopened from one holds the very bytes a replay of the whole journal
 * from the base gives, and a checkpoint that is damaged, whose SHA-256 does not match, of another
 * base image or of a commit the journal does not have is refused with one warning, an older one
 * (or the base) used, the result the same bytes.
 */
class CheckpointTest {
    private final Path mini = ImageAssumptions.assumeSharedImage(SharedImage.MINI);

    @TempDir
    Path dir;

    private static final String CLASS_CHUNKS = """
            Object subclass: #OzCheckpointed
                instanceVariableNames: 'a b'
                classVariableNames: ''
                poolDictionaries: ''
                category: 'Oz'!
            !OzCheckpointed methodsFor: 'x'!
            sum ^ a + b! !
            """;

    private static String method(JournalSession session, String source) {
        try (Surgery s = session.space().beginSurgery("method " + source.substring(0, source.indexOf(' ')))) {
            session.space().classNamed("Point").orElseThrow().compile(source, "ozw");
            s.commit();
            return s.id();
        }
    }

    /** A surgery that creates an Array and a String and stores into the Array: objects a later rollback takes back. */
    private static String creations(JournalSession session, int n) {
        try (Surgery s = session.space().beginSurgery("creations " + n)) {
            ObjectMirror array = session.space().newArray(List.<GuestValue>of(SmallInteger.of(n), SmallInteger.of(2)));
            array.slotPut(1, session.space().newString("checkpointed " + n));
            s.commit();
            return s.id();
        }
    }

    private static void aborted(JournalSession session) {
        try (Surgery s = session.space().beginSurgery("aborted")) {
            session.space().newArray(List.<GuestValue>of(SmallInteger.of(1)));
            session.space().classNamed("Point").orElseThrow().compile("ozwNever ^ 1", "ozw");
            s.abort("on purpose");
        }
    }

    private static void fileIn(JournalSession session) {
        try (Surgery s = session.space().beginSurgery("class")) {
            new FileIn(session.space()).fileIn(CLASS_CHUNKS, "class.st");
            s.commit();
        }
    }

    /** The bytes the journal's committed surgeries give replayed onto a fresh load of the base, with no checkpoint. */
    private byte[] fullReplay(Path journal) {
        List<RecordedSurgery> committed;
        try (Journal j = Journal.openReadOnly(journal)) {
            committed = j.report().committed();
        }
        try (ObjectSpace space = ObjectSpace.load(mini)) {
            Replayer.onto(space).replayAll(committed);
            return space.toBytes();
        }
    }

    private static byte[] reopened(Path image, Path journal, JournalSessionCheck check) {
        try (JournalSession session = JournalSession.open(image, journal)) {
            check.accept(session);
            return session.space().toBytes();
        }
    }

    @FunctionalInterface
    private interface JournalSessionCheck {
        void accept(JournalSession session);
    }

    /** Two checkpoints (after 3 and 5 committed surgeries) and a committed surgery after them; answers them, oldest first. */
    private List<Path> journalWithTwoCheckpoints(Path journal) {
        Path older;
        Path newer;
        try (JournalSession session = JournalSession.open(mini, journal)) {
            method(session, "ozwA ^ x + 1");
            creations(session, 1);
            aborted(session);
            fileIn(session);
            older = session.checkpoint().orElseThrow();
            creations(session, 2);
            method(session, "ozwB ^ y + 2");
            newer = session.checkpoint().orElseThrow();
            method(session, "ozwC ^ x * y");
        }
        return List.of(older, newer);
    }

    @Test
    void aSessionReopenedFromACheckpointReplaysOnlyWhatFollowsAndHoldsTheBytesOfAFullReplay() {
        Path journal = dir.resolve("journal");
        List<Path> checkpoints = journalWithTwoCheckpoints(journal);

        byte[] resumed = reopened(mini, journal, session -> {
            assertThat(session.resumedFrom()).contains(checkpoints.get(1));
            assertThat(session.resumedSurgeries()).isEqualTo(5);
            assertThat(session.replayed()).isEqualTo(6);
            assertThat(session.warnings()).isEmpty();
        });

        assertThat(resumed).isEqualTo(fullReplay(journal));
        assertThat(Checkpoints.list(journal)).containsExactly(checkpoints.get(1), checkpoints.get(0));
    }

    @Test
    void objectsCreatedBeforeTheCheckpointAreTakenBackByARollbackAfterItToTheVeryBytesOfBefore() {
        Path journal = dir.resolve("journal");
        byte[] before;
        String created;
        try (JournalSession session = JournalSession.open(mini, journal)) {
            method(session, "ozwA ^ x + 1");
            before = session.space().toBytes();
            created = creations(session, 1);
            session.checkpoint().orElseThrow();
        }

        byte[] rolledBack = reopened(mini, journal, session -> {
            assertThat(session.resumedSurgeries()).isEqualTo(2);
            Rollback.apply(session.space(), Rollback.plan(session.report(), created));
        });

        assertThat(rolledBack).isEqualTo(before); // the hash seed the creations drew from came back with the checkpoint
        assertThat(fullReplay(journal)).isEqualTo(before);
    }

    @Test
    void aCheckpointWithDamagedBytesIsRefusedWithAWarningAndTheOlderOneUsed() throws IOException {
        Path journal = dir.resolve("journal");
        List<Path> checkpoints = journalWithTwoCheckpoints(journal);
        byte[] bytes = Files.readAllBytes(checkpoints.get(1));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(checkpoints.get(1), bytes);

        byte[] resumed = reopened(mini, journal, session -> {
            assertThat(session.resumedFrom()).contains(checkpoints.get(0));
            assertThat(session.resumedSurgeries()).isEqualTo(3);
            assertThat(session.warnings()).singleElement().asString()
                    .contains("checkpoint checkpoints/" + checkpoints.get(1).getFileName() + " refused")
                    .contains("the bytes are damaged").doesNotContain("\n");
        });

        assertThat(resumed).isEqualTo(fullReplay(journal));
    }

    @Test
    void aCheckpointWhoseRecordedSha256DoesNotMatchIsRefusedAndCutShortOneToo_thenTheBaseIsUsed() throws IOException {
        Path journal = dir.resolve("journal");
        List<Path> checkpoints = journalWithTwoCheckpoints(journal);
        String text = new String(Files.readAllBytes(checkpoints.get(1)), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"imageSha256\":\"") + "\"imageSha256\":\"".length();
        char other = text.charAt(at) == '0' ? '1' : '0';
        Files.write(checkpoints.get(1), (text.substring(0, at) + other + text.substring(at + 1))
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] older = Files.readAllBytes(checkpoints.get(0));
        Files.write(checkpoints.get(0), java.util.Arrays.copyOf(older, older.length - 4096));

        byte[] resumed = reopened(mini, journal, session -> {
            assertThat(session.resumedFrom()).isEmpty();
            assertThat(session.replayed()).isEqualTo(6);
            assertThat(session.warnings()).hasSize(2);
            assertThat(session.warnings().get(0)).contains("it recorded: the bytes are damaged");
            assertThat(session.warnings().get(1)).contains("checkpoints/" + checkpoints.get(0).getFileName())
                    .contains("its image is " + (older.length - 4096 - imageStart(older)) + " bytes, not the");
        });

        assertThat(resumed).isEqualTo(fullReplay(journal));
    }

    /** Where a checkpoint file's image starts: after the magic, the description's length and the description. */
    private static int imageStart(byte[] checkpoint) {
        return 8 + 4 + java.nio.ByteBuffer.wrap(checkpoint).getInt(8);
    }

    @Test
    void aCheckpointOfAnotherBaseImageIsRefused() throws IOException {
        Path jittest = ImageAssumptions.assumeSharedImage(SharedImage.JITTEST);
        Path other = dir.resolve("other");
        Path foreign;
        try (JournalSession session = JournalSession.open(jittest, other)) {
            method(session, "ozwA ^ x + 1");
            foreign = session.checkpoint().orElseThrow();
        }
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(mini, journal)) {
            method(session, "ozwA ^ x + 1");
        }
        Files.createDirectories(journal.resolve(Checkpoints.FOLDER));
        Files.copy(foreign, journal.resolve(Checkpoints.FOLDER).resolve(foreign.getFileName()));

        byte[] resumed = reopened(mini, journal, session -> {
            assertThat(session.resumedFrom()).isEmpty();
            assertThat(session.warnings()).singleElement().asString().contains("it belongs to another base image");
        });

        assertThat(resumed).isEqualTo(fullReplay(journal));
    }

    @Test
    void aCheckpointOfACommitTheJournalDoesNotHaveIsRefused() throws IOException {
        Path longer = dir.resolve("longer");
        Path ahead;
        try (JournalSession session = JournalSession.open(mini, longer)) {
            method(session, "ozwA ^ x + 1");
            method(session, "ozwB ^ x + 2");
            ahead = session.checkpoint().orElseThrow();
        }
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(mini, journal)) {
            method(session, "ozwA ^ x + 1");
        }
        Files.createDirectories(journal.resolve(Checkpoints.FOLDER));
        Files.copy(ahead, journal.resolve(Checkpoints.FOLDER).resolve(ahead.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);

        byte[] resumed = reopened(mini, journal, session -> {
            assertThat(session.resumedFrom()).isEmpty();
            assertThat(session.replayed()).isEqualTo(1);
            assertThat(session.warnings()).singleElement().asString().contains("which the journal does not have")
                    .contains("it has 1 up to its durable end");
        });

        assertThat(resumed).isEqualTo(fullReplay(journal));
    }

    @Test
    void aChangedByteBeforeTheCheckpointIsStillFoundAsDamage() throws IOException {
        Path journal = dir.resolve("journal");
        journalWithTwoCheckpoints(journal);
        Path queue;
        try (var files = Files.list(journal)) {
            queue = files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(queue);
        String selector = "\"selector\":\"ozwA";
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(selector) + selector.length() - 1;
        bytes[at] = 'Z'; // the first surgery's method note: still JSON, no longer the bytes its commit's digest covers
        Files.write(queue, bytes);

        assertThatThrownBy(() -> JournalSession.open(mini, journal)).isInstanceOf(JournalException.class)
                .hasMessageContaining("[damaged-journal]");
    }

    @Test
    void theQueueFileWalkedWithoutATailerGivesTheDigestChroniclesReadGivesAtEveryExcerpt() throws IOException {
        Path journal = dir.resolve("journal");
        journalWithTwoCheckpoints(journal);
        Path queue;
        try (var files = Files.list(journal)) {
            queue = files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (Journal j = Journal.openReadOnly(journal)) {
            List<Journal.Entry> entries = j.report().entries();
            long first = entries.get(0).index();
            assertThat(entries).hasSizeGreaterThan(20);
            for (Journal.Entry e : entries) {
                assertThat(QueueTail.digestUpTo(queue, first, e.index()).map(HexFormat.of()::formatHex))
                        .as("excerpt %x", e.index()).isEqualTo(j.digestUpTo(e.index()));
            }
            assertThat(QueueTail.digestUpTo(queue, first, entries.get(entries.size() - 1).index() + 1)).isEmpty();
        }
    }

    @Test
    void aSessionCheckpointsEveryNCommittedSurgeriesWhenAsked() {
        Path journal = dir.resolve("journal");
        String was = System.getProperty(Checkpoints.EVERY_PROPERTY);
        System.setProperty(Checkpoints.EVERY_PROPERTY, "2");
        try (JournalSession session = JournalSession.open(mini, journal)) {
            method(session, "ozwA ^ 1");
            assertThat(session.checkpointIfDue()).isEmpty();
            method(session, "ozwB ^ 2");
            assertThat(session.checkpointIfDue()).isPresent();
            method(session, "ozwC ^ 3");
            assertThat(session.checkpointIfDue()).isEmpty();
            aborted(session);
            assertThat(session.checkpointIfDue()).isEmpty();
            method(session, "ozwD ^ 4");
            assertThat(session.checkpointIfDue()).isPresent();
        } finally {
            if (was == null) {
                System.clearProperty(Checkpoints.EVERY_PROPERTY);
            } else {
                System.setProperty(Checkpoints.EVERY_PROPERTY, was);
            }
        }
        assertThat(Checkpoints.list(journal)).hasSize(2);
        assertThat(reopened(mini, journal, session -> assertThat(session.resumedSurgeries()).isEqualTo(4)))
                .isEqualTo(fullReplay(journal));
    }
}
