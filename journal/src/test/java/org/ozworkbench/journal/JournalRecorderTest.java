package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.TestImages;

class JournalRecorderTest {
    private static final int ASSOCIATION_VALUE = 1;
    private static Path scratch;
    private static byte[] scratchBytes;

    @TempDir
    Path dir;

    @BeforeAll
    static void findScratch() {
        scratch = TestImages.scratchImage();
        scratchBytes = QueueFiles.read(scratch);
    }

    private static void writeSlot(ObjectSpace space, String global, int value) {
        space.globalAssociation(global).orElseThrow().slotPut(ASSOCIATION_VALUE, SmallInteger.of(value));
    }

    /** A method compiled and installed, a slot written, a process created. */
    private static void operate(ObjectSpace space) {
        space.classNamed("Point").orElseThrow().compile("foo ^ x + y");
        writeSlot(space, "Transcript", 42);
        space.createProcessWithPriority(3, "3 + 4");
    }

    private static List<ChangeCodec.Form> forms(List<Change> changes) {
        return changes.stream().map(ChangeCodec::toJson).toList();
    }

    @Test
    void givenScratch_whenASurgeryIsCommitted_thenTheReopenedJournalHasExactlyItsChangesAndTheyReplayByteIdentical() {
        ObjectSpace space = ObjectSpace.load(scratch);
        List<Change> made;
        String id;
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            try (Surgery s = space.beginSurgery("Point>>foo, a slot, a process")) {
                operate(space);
                s.commit();
                made = s.changes();
                id = s.id();
            }
            recorder.save(dir.resolve("saved.image"));
            assertThat(recorder.failure()).isEmpty();
        }
        byte[] operated = space.toBytes();
        Map<String, Integer> kinds = new TreeMap<>();
        made.forEach(c -> kinds.merge(c.getClass().getSimpleName(), 1, Integer::sum));
        System.out.println("[recorder] the surgery made " + made.size() + " changes: " + kinds);

        try (Journal reopened = Journal.open(journalDir)) {
            List<RecordedSurgery> surgeries = reopened.surgeries();
            assertThat(surgeries).hasSize(1);
            RecordedSurgery recorded = surgeries.get(0);
            assertThat(recorded.id()).isEqualTo(id);
            assertThat(recorded.label()).isEqualTo("Point>>foo, a slot, a process");
            assertThat(recorded.state()).isEqualTo(RecordedSurgery.State.COMMITTED);
            assertThat(forms(recorded.changes())).isEqualTo(forms(made));
            assertThat(recorded.base()).hasValueSatisfying(base -> {
                assertThat(base.sha256()).isEqualTo(TestImages.sha256(scratch));
                assertThat(base.format()).isEqualTo(6502);
                assertThat(base.path()).isEqualTo(scratch.toAbsolutePath().normalize().toString());
            });
            assertThat(kinds).containsKeys("SlotStored", "ObjectCreated");
            List<Journal.Entry> events = reopened.read();
            java.util.Set<String> shown = new java.util.HashSet<>();
            for (Journal.Entry e : events) {
                String kind = e.event() instanceof JournalEvent.ChangeMade c ? c.change().getClass().getSimpleName()
                        : e.event().type();
                if (shown.add(kind)) {
                    System.out.println("[json] " + EventCodec.toJson(e.event()));
                }
            }
            assertThat(events.get(events.size() - 1).event()).isEqualTo(new JournalEvent.SpaceSaved(
                    dir.resolve("saved.image").toAbsolutePath().toString(), CrashChild.sha256(operated)));

            ObjectSpace fresh = ObjectSpace.load(scratch);
            Replayer.replay(fresh, recorded);
            assertThat(fresh.toBytes()).isEqualTo(operated);
        }
    }

    @Test
    void anAbortedAndAnOpenSurgeryAreNotCommittedAndOnlyTheCommittedOneReplays() {
        ObjectSpace space = ObjectSpace.load(scratch);
        byte[] afterFirst;
        Path journalDir = dir.resolve("journal");
        Surgery leftOpen;
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            try (Surgery s = space.beginSurgery("committed")) {
                writeSlot(space, "Transcript", 1);
                s.commit();
            }
            afterFirst = space.toBytes();
            assertThatThrownBy(() -> {
                try (Surgery s = space.beginSurgery("doomed")) {
                    operate(space);
                    throw new IllegalStateException("injected failure");
                }
            }).hasMessage("injected failure");
            assertThat(space.toBytes()).isEqualTo(afterFirst);
            leftOpen = space.beginSurgery("never committed");
            operate(space);
            // The writer "dies" here: the journal sees no end of this surgery.
        }
        leftOpen.abort("test over");

        try (Journal reopened = Journal.open(journalDir)) {
            JournalReport report = reopened.report();
            assertThat(report.isClean()).isTrue();
            assertThat(report.surgeries()).extracting(s -> s.label() + " " + s.state())
                    .containsExactly("committed COMMITTED", "doomed ABORTED", "never committed OPEN");
            assertThat(report.surgeries().get(1).reason()).contains("closed without commit");
            assertThat(report.committed()).hasSize(1);
            assertThatThrownBy(() -> Replayer.replay(ObjectSpace.load(scratch), report.surgeries().get(2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only committed");

            ObjectSpace fresh = ObjectSpace.load(scratch);
            for (RecordedSurgery s : report.committed()) {
                Replayer.replay(fresh, s);
            }
            assertThat(fresh.toBytes()).isEqualTo(afterFirst);
        }
    }

    @Test
    void aChangeOutsideAnySurgeryIsJournaledAsAnImplicitCommittedSurgery() {
        ObjectSpace space = ObjectSpace.load(scratch);
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            writeSlot(space, "Transcript", 7);
        }
        try (Journal reopened = Journal.open(journalDir)) {
            List<RecordedSurgery> surgeries = reopened.surgeries();
            assertThat(surgeries).hasSize(1);
            assertThat(surgeries.get(0).label()).startsWith("implicit: SlotStored of ");
            assertThat(surgeries.get(0).isCommitted()).isTrue();
            ObjectSpace fresh = ObjectSpace.load(scratch);
            Replayer.replay(fresh, surgeries.get(0));
            assertThat(fresh.toBytes()).isEqualTo(space.toBytes());
        }
    }

    @Test
    void whenTheJournalCannotRecordASurgery_thenItsCommitFailsAndTheGuestIsAsBefore() {
        ObjectSpace space = ObjectSpace.load(scratch);
        Journal journal = Journal.open(dir.resolve("journal"));
        JournalRecorder recorder = JournalRecorder.attach(space, journal);
        journal.close();

        assertThatThrownBy(() -> {
            try (Surgery s = space.beginSurgery("unrecordable")) {
                operate(space);
                s.commit();
            }
        }).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.problem()).isEqualTo(JournalException.Problem.NOT_RECORDED));
        assertThat(space.toBytes()).isEqualTo(scratchBytes);
        assertThat(recorder.failure()).isPresent();
        recorder.close();
    }

    @Test
    void whenTheJournalIsClosedAfterTheLastChange_thenTheCommitFailsAsNotRecordedAndTheGuestIsAsBefore() {
        ObjectSpace space = ObjectSpace.load(scratch);
        Journal journal = Journal.open(dir.resolve("journal"));
        JournalRecorder recorder = JournalRecorder.attach(space, journal);

        assertThatThrownBy(() -> {
            try (Surgery s = space.beginSurgery("commit record unwritable")) {
                writeSlot(space, "Transcript", 6);
                journal.close();
                s.commit();
            }
        }).isInstanceOfSatisfying(JournalException.class,
                e -> assertThat(e.problem()).isEqualTo(JournalException.Problem.NOT_RECORDED));
        assertThat(space.toBytes()).isEqualTo(scratchBytes);
        assertThat(space.openSurgery()).isEmpty();
        recorder.close();
    }

    /** A surgery listener whose committed() throws {@code failure}. */
    private static Surgery.Listener failingAtCommit(RuntimeException failure) {
        return new Surgery.Listener() {
            @Override
            public void begun(Surgery surgery) {
            }

            @Override
            public void committed(Surgery surgery) {
                throw failure;
            }

            @Override
            public void aborted(Surgery surgery, String reason) {
            }
        };
    }

    @Test
    void whenAListenerAfterTheRecorderFailsAtCommit_thenTheUndoneSurgeryIsNotCommittedInTheJournal() {
        ObjectSpace space = ObjectSpace.load(scratch);
        Path journalDir = dir.resolve("journal");
        RuntimeException failure = new IllegalStateException("a listener after the recorder failed");
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            space.addSurgeryListener(failingAtCommit(failure));
            assertThatThrownBy(() -> {
                try (Surgery s = space.beginSurgery("undone after its commit record")) {
                    writeSlot(space, "Transcript", 5);
                    s.commit();
                }
            }).isSameAs(failure);
            assertThat(recorder.failure()).isEmpty();
        }
        assertThat(space.toBytes()).isEqualTo(scratchBytes);
        try (Journal reopened = Journal.open(journalDir)) {
            JournalReport report = reopened.report();
            assertThat(report.isClean()).isTrue();
            assertThat(report.surgeries()).extracting(s -> s.label() + " " + s.state())
                    .containsExactly("undone after its commit record ABORTED");
            assertThat(report.committed()).isEmpty();
        }
    }

    @Test
    void aReplayOntoAnotherImageOrOverAConflictingSlotIsRefusedAndLeavesTheSpaceAsItWas() {
        ObjectSpace space = ObjectSpace.load(scratch);
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            try (Surgery s = space.beginSurgery("two slots")) {
                writeSlot(space, "Transcript", 1);
                writeSlot(space, "Transcript", 2);
                s.commit();
            }
        }
        try (Journal reopened = Journal.open(journalDir)) {
            RecordedSurgery recorded = reopened.surgeries().get(0);
            ObjectSpace conflicting = ObjectSpace.load(scratch);
            writeSlot(conflicting, "Transcript", 99);
            byte[] before = conflicting.toBytes();

            assertThatThrownBy(() -> Replayer.apply(conflicting, recorded.changes()))
                    .isInstanceOfSatisfying(ReplayConflictException.class, e -> {
                        assertThat(e.changeNumber()).isZero();
                        assertThat(e.getMessage()).contains("SmallInteger 99").contains("recorded old value");
                    });
            assertThat(conflicting.toBytes()).isEqualTo(before);
            assertThat(conflicting.openSurgery()).isEmpty();
        }
    }

    @Test
    void commitLatencyUnderTheDurablePolicy() {
        ObjectSpace space = ObjectSpace.load(scratch);
        int warmUp = 50;
        int commits = 500;
        List<Long> nanos = new ArrayList<>(commits);
        try (Journal journal = Journal.open(dir.resolve("journal")); JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
            for (int i = 0; i < warmUp + commits; i++) {
                try (Surgery s = space.beginSurgery("slot " + i)) {
                    writeSlot(space, "Transcript", i);
                    long t0 = System.nanoTime();
                    s.commit();
                    if (i >= warmUp) {
                        nanos.add(System.nanoTime() - t0);
                    }
                }
            }
        }
        Collections.sort(nanos);
        double median = nanos.get(nanos.size() / 2) / 1e6;
        double p99 = nanos.get((int) Math.ceil(nanos.size() * 0.99) - 1) / 1e6;
        double max = nanos.get(nanos.size() - 1) / 1e6;
        System.out.printf("[latency] durable commit of a one-change surgery, n=%d: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                commits, median, p99, max);
        assertThat(p99).as("p99 commit latency in ms").isLessThan(1000);
    }
}
