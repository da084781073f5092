package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;

class JournalTest {
    private static final Instant TIME = Instant.parse("2026-06-14T10:15:30Z");
    private static final GuestRef.Snapshot TARGET = new GuestRef.Snapshot(0x1540_3a08);

    @TempDir
    Path dir;

    private static Change store(int index, int from, int to) {
        return new Change.SlotStored(TARGET, index, new GuestRef.SmallInt(from), new GuestRef.SmallInt(to));
    }

    /** Appends a whole surgery as a recorder would; {@code commit} false leaves it open. */
    private static void surgery(Journal j, String id, boolean commit, Change... changes) {
        j.append(new JournalEvent.SurgeryBegun(id, "surgery " + id, TIME));
        for (int i = 0; i < changes.length; i++) {
            j.append(new JournalEvent.ChangeMade(id, i, changes[i]));
        }
        if (commit) {
            j.append(new JournalEvent.SurgeryCommitted(id, changes.length, EventCodec.digest(id, List.of(changes))));
        }
    }

    private static List<String> states(JournalReport r) {
        return r.surgeries().stream().map(s -> s.id() + " " + s.state()).toList();
    }

    @Test
    void appendedEventsComeBackInOrderWithTheirIndexesAfterReopening() {
        List<Long> indexes;
        try (Journal j = Journal.open(dir)) {
            indexes = List.of(
                    j.append(new JournalEvent.SpaceLoaded("/x.image", "00", 6502, "squeak3", TIME)),
                    j.append(new JournalEvent.SurgeryBegun("a", "first", TIME)),
                    j.append(new JournalEvent.SurgeryAborted("a", "changed my mind")),
                    j.append(new JournalEvent.SpaceSaved("/y.image", "11")));
            j.sync();
            assertThat(j.lastIndex()).isEqualTo(indexes.get(3));
        }

        try (Journal j = Journal.open(dir)) {
            List<Journal.Entry> all = j.read();
            assertThat(all).extracting(Journal.Entry::index).isEqualTo(indexes);
            assertThat(all).extracting(e -> e.event().type())
                    .containsExactly("SpaceLoaded", "SurgeryBegun", "SurgeryAborted", "SpaceSaved");
            assertThat(j.read(indexes.get(2))).extracting(Journal.Entry::index).isEqualTo(indexes.subList(2, 4));
            assertThat(j.read(indexes.get(3) + 1)).isEmpty();
            assertThat(j.damage()).isEmpty();
        }
    }

    @Test
    void surgeriesAreCommittedAbortedOrOpenAndOnlyCommittedOnesHaveTheirChangesReplayable() {
        try (Journal j = Journal.open(dir)) {
            surgery(j, "committed", true, store(0, 1, 2), store(1, 3, 4));
            surgery(j, "aborted", false, store(0, 2, 9));
            j.append(new JournalEvent.ChangeMade("aborted", 1, store(0, 9, 2)));
            j.append(new JournalEvent.SurgeryAborted("aborted", "closed without commit"));
            surgery(j, "open", false, store(2, 5, 6));
        }

        try (Journal j = Journal.open(dir)) {
            List<RecordedSurgery> surgeries = j.surgeries();
            assertThat(surgeries).extracting(s -> s.id() + " " + s.state())
                    .containsExactly("committed COMMITTED", "aborted ABORTED", "open OPEN");
            assertThat(surgeries.get(0).changes()).containsExactly(store(0, 1, 2), store(1, 3, 4));
            assertThat(surgeries.get(1).reason()).contains("closed without commit");
            assertThat(surgeries.get(1).changes()).hasSize(2);
            assertThat(j.report().committed()).extracting(RecordedSurgery::id).containsExactly("committed");
        }
    }

    @Test
    void aCommitWithTheWrongDigestIsInconsistentAndTheSurgeriesBeforeItAreKept() {
        try (Journal j = Journal.open(dir)) {
            surgery(j, "good", true, store(0, 1, 2));
            surgery(j, "bad", false, store(0, 2, 3));
            j.append(new JournalEvent.SurgeryCommitted("bad", 1, EventCodec.digest("bad", List.of(store(0, 2, 4)))));
            surgery(j, "after", true, store(0, 3, 4));
        }

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(states(r)).containsExactly("good COMMITTED", "bad OPEN");
            assertThat(r.problem()).hasValueSatisfying(p -> {
                assertThat(p.problem()).isEqualTo(JournalException.Problem.INCONSISTENT);
                assertThat(p.getMessage()).contains("digest").contains(dir.toString()).contains("excerpt 0x");
            });
            assertThat(j.damage()).isPresent();
            assertThatThrownBy(j::surgeries).isInstanceOf(JournalException.class);
            assertThatThrownBy(() -> j.append(new JournalEvent.SurgeryBegun("x", "x", TIME)))
                    .isInstanceOfSatisfying(JournalException.class,
                            e -> assertThat(e.problem()).isEqualTo(JournalException.Problem.DAMAGED));
        }
    }

    @Test
    void aGapInTheChangeSequenceOrAChangeOfAnUnknownSurgeryIsInconsistent() {
        try (Journal j = Journal.open(dir)) {
            surgery(j, "good", true, store(0, 1, 2));
            j.append(new JournalEvent.SurgeryBegun("gap", "gap", TIME));
            j.append(new JournalEvent.ChangeMade("gap", 1, store(0, 2, 3)));
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.report().problem().orElseThrow().what()).contains("change 1 of surgery gap where change 0");
            assertThat(j.report().committed()).hasSize(1);
        }
    }

    @Test
    void anEventOfTheSurgeryAfterItsCommitRevokesTheCommit() {
        try (Journal j = Journal.open(dir)) {
            surgery(j, "revoked", true, store(0, 1, 2));
            j.append(new JournalEvent.ChangeMade("revoked", 1, store(0, 2, 1)));
            j.append(new JournalEvent.SurgeryAborted("revoked", "commit failed: disk full"));
            surgery(j, "undoing", true, store(0, 1, 2));
            j.append(new JournalEvent.ChangeMade("undoing", 1, store(0, 2, 1)));
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(states(j.report())).containsExactly("revoked ABORTED", "undoing OPEN");
        }
    }

    @Test
    void anUnknownEventTypeOrANewerSchemaStopsTheReadingThereAndKeepsWhatCameBefore() {
        for (String bad : List.of(
                "{\"schema\":1,\"type\":\"SurgeryRenamed\",\"surgeryId\":\"good\",\"label\":\"x\"}",
                "{\"schema\":7,\"type\":\"SurgeryAborted\",\"surgeryId\":\"good\",\"reason\":\"x\"}")) {
            Path d = dir.resolve(bad.contains("Renamed") ? "unknown" : "newer");
            long badIndex;
            try (Journal j = Journal.open(d)) {
                surgery(j, "good", true, store(0, 1, 2));
                badIndex = j.appendBytes(bad.getBytes(StandardCharsets.UTF_8));
                surgery(j, "later", true, store(0, 2, 3));
            }
            try (Journal j = Journal.open(d)) {
                JournalReport r = j.report();
                assertThat(states(r)).containsExactly("good COMMITTED");
                JournalException p = r.problem().orElseThrow();
                assertThat(p.problem()).isIn(JournalException.Problem.UNKNOWN_EVENT_TYPE,
                        JournalException.Problem.NEWER_SCHEMA);
                assertThat(p.index()).hasValue(badIndex);
                assertThat(p.file()).isPresent();
                assertThatThrownBy(j::read).isInstanceOf(JournalException.class).hasMessageContaining(d.toString());
            }
        }
    }

    @Test
    void bytesOverwrittenInsideAnExcerptAreReportedAtThatExcerpt() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        QueueFiles.write(file, QueueFiles.offsetOf(file, "\"surgeryId\":\"s2\"") + 5, "#$%".getBytes());

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(states(r)).containsExactly("s1 COMMITTED");
            assertThat(r.problem().orElseThrow().problem()).isEqualTo(JournalException.Problem.CORRUPT_EXCERPT);
            assertThat(r.problem().orElseThrow().getMessage()).contains("cannot read a SurgeryBegun event")
                    .contains(file.getFileName().toString()).contains("excerpt 0x");
        }
    }

    @Test
    void aFileCutInsideAnExcerptIsReportedAndTheCommittedSurgeriesBeforeItAreKept() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        QueueFiles.cut(file, QueueFiles.offsetOf(file, "\"surgeryId\":\"s3\"") + 3);

        try (Journal j = Journal.openReadOnly(dir)) {
            JournalReport r = j.report();
            assertThat(r.committed()).extracting(RecordedSurgery::id).containsExactly("s1", "s2");
            assertThat(r.problem()).isPresent();
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.report().committed()).extracting(RecordedSurgery::id).containsExactly("s1", "s2");
            assertThat(j.report().problem().orElseThrow().problem()).isEqualTo(JournalException.Problem.CORRUPT_EXCERPT);
        }
    }

    @Test
    void garbageAfterTheLastExcerptIsReportedNotSkipped() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        long end = QueueFiles.offsetOf(file, "\"surgeryId\":\"s3\",\"changeCount\"");
        long next = QueueFiles.headerOf(file, "\"surgeryId\":\"s3\",\"changeCount\"") + 4
                + QueueFiles.intAt(file, QueueFiles.headerOf(file, "\"surgeryId\":\"s3\",\"changeCount\""));
        assertThat(end).isLessThan(next);
        QueueFiles.write(file, (next + 3) & ~3L, "garbage garbage garbage".getBytes());

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(r.committed()).extracting(RecordedSurgery::id).containsExactly("s1", "s2", "s3");
            assertThat(r.problem().orElseThrow().what()).contains("header word 62726167");
            assertThat(j.damage()).isPresent();
        }
    }

    @Test
    void aHeaderOverwrittenByGarbageIsReported() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        QueueFiles.putInt(file, QueueFiles.headerOf(file, "\"surgeryId\":\"s3\",\"changeCount\""), 0xDEADBEEF);

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(states(r)).containsExactly("s1 COMMITTED", "s2 COMMITTED", "s3 OPEN");
            assertThat(r.problem().orElseThrow().what()).contains("deadbeef");
        }
    }

    @Test
    void anUnfinishedLastExcerptIsATornTailReportedThenClearedWhenOpenedForWriting() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        long last = QueueFiles.headerOf(file, "\"surgeryId\":\"s3\",\"changeCount\"");
        long next = (last + 4 + QueueFiles.intAt(file, last) + 3) & ~3L;
        // What a writer killed while appending leaves: a zero header, then part of the excerpt.
        byte[] partial = EventCodec.encode(new JournalEvent.SurgeryBegun("s4", "x".repeat(200), TIME));
        QueueFiles.write(file, next + 4, java.util.Arrays.copyOf(partial, partial.length - 10));

        try (Journal j = Journal.openReadOnly(dir)) {
            JournalReport r = j.report();
            assertThat(r.committed()).extracting(RecordedSurgery::id).containsExactly("s1", "s2", "s3");
            assertThat(r.problem()).isEmpty();
            assertThat(r.tornTail()).hasValueSatisfying(t -> {
                assertThat(t.problem()).isEqualTo(JournalException.Problem.TORN_TAIL);
                assertThat(t.what()).contains("offset " + next);
            });
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.recovered()).hasValueSatisfying(
                    t -> assertThat(t.problem()).isEqualTo(JournalException.Problem.TORN_TAIL));
            assertThat(j.damage()).isEmpty();
            assertThat(j.report().tornTail()).isEmpty();

            long index = j.append(new JournalEvent.SpaceSaved("/y.image", "11"));

            JournalReport after = j.report();
            assertThat(after.isClean()).isTrue();
            assertThat(after.tornTail()).isEmpty();
            assertThat(after.entries().get(after.entries().size() - 1).index()).isEqualTo(index);
        }
    }

    @Test
    void anExcerptMarkedUnfinishedIsCorruptionNotATornTail() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        long header = QueueFiles.headerOf(file, "\"surgeryId\":\"s3\",\"changeCount\"");
        QueueFiles.putInt(file, header, QueueFiles.intAt(file, header) | 0x8000_0000);

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(states(r)).containsExactly("s1 COMMITTED", "s2 COMMITTED", "s3 OPEN");
            assertThat(r.problem().orElseThrow().what()).contains("marked unfinished");
            assertThat(j.damage()).isPresent();
            assertThat(j.recovered()).isEmpty();
        }
    }

    @Test
    void bytesAfterAZeroedHeaderThatAreNotOneExcerptAreCorruption() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        QueueFiles.putInt(file, QueueFiles.headerOf(file, "\"surgeryId\":\"s2\",\"changeCount\""), 0);

        try (Journal j = Journal.open(dir)) {
            JournalReport r = j.report();
            assertThat(states(r)).containsExactly("s1 COMMITTED", "s2 OPEN");
            assertThat(r.problem().orElseThrow().what()).contains("not the start of one excerpt");
            assertThat(j.recovered()).isEmpty();
        }
    }

    @Test
    void aReadOnlyJournalWritesNothingEvenWhenDamaged() {
        writeThreeSurgeries();
        Path file = QueueFiles.queueFile(dir);
        QueueFiles.write(file, QueueFiles.offsetOf(file, "\"surgeryId\":\"s2\"") + 5, "#$%".getBytes());
        byte[] before = QueueFiles.read(file);

        try (Journal j = Journal.openReadOnly(dir)) {
            assertThat(j.report().committed()).hasSize(1);
            assertThatThrownBy(() -> j.append(new JournalEvent.SurgeryAborted("s3", "x")))
                    .isInstanceOf(JournalException.class);
        }
        assertThat(QueueFiles.read(file)).isEqualTo(before);
    }

    private void writeThreeSurgeries() {
        try (Journal j = Journal.open(dir)) {
            j.append(new JournalEvent.SpaceLoaded("/x.image", "00", 6502, "squeak3", TIME));
            surgery(j, "s1", true, store(0, 1, 2));
            surgery(j, "s2", true, store(0, 2, 3), store(1, 7, 8));
            surgery(j, "s3", true, store(0, 3, 4));
            j.sync();
        }
    }
}
