package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * A session opened shared ({@link JournalSession#openShared}) and other writers taking turns on
 * one journal: the shared one replays what the others committed (committed surgeries only) before
 * it writes, writes on top of it, and the journal replays to its very bytes; a space a committed
 * surgery does not replay onto writes nothing more.
 */
class SharedSessionTest {
    private static final int FORMAT_SLOT = 2;
    private static final int NOT_THE_FORMAT = 12345;

    private final Path mini = ImageAssumptions.assumeSharedImage(SharedImage.MINI);

    @TempDir
    Path dir;

    private static String method(JournalSession session, String source) {
        try (Surgery s = session.space().beginSurgery("method " + source.substring(0, source.indexOf(' ')))) {
            session.space().classNamed("Point").orElseThrow().compile(source, "ozw");
            s.commit();
            return s.id();
        }
    }

    private static boolean has(JournalSession session, String selector) {
        return session.space().classNamed("Point").orElseThrow().compiledMethodAt(selector).isPresent();
    }

    /** Another writer, as {@code ozw surgery} is one: opens the journal (taking its lock), commits, aborts one, closes. */
    private void anotherWriter(Path journal, String source) {
        try (JournalSession other = JournalSession.open(mini, journal)) {
            method(other, source);
            try (Surgery s = other.space().beginSurgery("aborted")) {
                other.space().newArray(List.<GuestValue>of(SmallInteger.of(1)));
                s.abort("on purpose");
            }
        }
    }

    @Test
    void catchesUpWithTheCommitsOfAnotherWriterAndWritesOnTopOfThem() {
        Path journal = dir.resolve("journal");
        byte[] shared;
        try (JournalSession session = JournalSession.openShared(mini, journal)) {
            session.write(() -> method(session, "ozwA ^ 1"));
            anotherWriter(journal, "ozwB ^ 2");
            assertThat(has(session, "ozwB")).isFalse();
            assertThat(session.catchUp()).as("the other writer's committed surgery").isEqualTo(1);
            assertThat(has(session, "ozwB")).isTrue();
            assertThat(session.catchUp()).isZero();

            anotherWriter(journal, "ozwC ^ 3");
            session.write(() -> method(session, "ozwD ^ self ozwC")); // caught up first, then on top
            assertThat(has(session, "ozwC")).isTrue();
            assertThat(session.checkpoint()).as("at the session's own last commit, 4 surgeries in").isPresent();
            shared = session.space().toBytes();
        }
        try (JournalSession reopened = JournalSession.open(mini, journal)) {
            assertThat(reopened.replayed()).isEqualTo(4);
            assertThat(reopened.resumedSurgeries()).isEqualTo(4);
            assertThat(reopened.space().toBytes()).isEqualTo(shared);
        }
        List<RecordedSurgery> committed;
        try (Journal j = Journal.openReadOnly(journal)) {
            committed = j.report().committed();
        }
        assertThat(committed).extracting(RecordedSurgery::label)
                .containsExactly("method ozwA", "method ozwB", "method ozwC", "method ozwD");
        try (ObjectSpace fresh = ObjectSpace.load(mini)) {
            Replayer.onto(fresh).replayAll(committed);
            assertThat(fresh.toBytes()).isEqualTo(shared);
        }
    }

    @Test
    void aSpaceACommittedSurgeryDoesNotReplayOntoWritesNothingMore() {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.openShared(mini, journal)) {
            GuestRef.Obj point = session.space().classNamed("Point").orElseThrow().ref();
            try (Journal other = Journal.open(journal)) { // a writer whose surgery found another old value there
                Change store = new Change.SlotStored(point, FORMAT_SLOT, new GuestRef.SmallInt(NOT_THE_FORMAT),
                        new GuestRef.SmallInt(NOT_THE_FORMAT + 1));
                other.append(new JournalEvent.SurgeryBegun("foreign", "foreign", Instant.now()));
                other.append(new JournalEvent.ChangeMade("foreign", 0, store));
                other.append(new JournalEvent.SurgeryCommitted("foreign", 1, EventCodec.digest("foreign", List.of(store))));
                other.sync();
            }
            long end = session.journal().lastIndex();
            assertThatThrownBy(() -> session.write(() -> method(session, "ozwNever ^ 0")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("the space no longer holds what the journal replays")
                    .hasMessageContaining("[diverged-space]");
            assertThatThrownBy(session::catchUp).hasMessageContaining("[diverged-space]");
            assertThat(has(session, "ozwNever")).isFalse();
            assertThat(session.journal().lastIndex()).as("nothing written").isEqualTo(end);
        }
    }

    @Test
    void aSessionOpenedAsACommandDoesNotTakeTurns() {
        try (JournalSession session = JournalSession.open(mini, dir.resolve("journal"))) {
            assertThatThrownBy(session::catchUp).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was not opened shared");
        }
    }
}
