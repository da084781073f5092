package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;

class RollbackTest {
    private final Path scratch = ImageAssumptions.assumeScratchImage();

    @TempDir
    Path dir;

    private String surgery(JournalSession session, String label, String... sources) {
        try (Surgery s = session.space().beginSurgery(label)) {
            for (String source : sources) {
                session.space().classNamed("Point").orElseThrow().compile(source, "ozw");
            }
            s.commit();
            return s.id();
        }
    }

    private static String roll(JournalSession session, String id) {
        Rollback.Plan plan = Rollback.plan(session.report(), id);
        return Rollback.apply(session.space(), plan).id();
    }

    @Test
    void givenACommittedSurgery_whenRolledBackAtOnce_thenTheImageSavesByteIdenticalToBefore() throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            String id = surgery(session, "two methods", "ozwA  ^ x + 1", "ozwB  ^ y + 2");
            roll(session, id);
            session.save(dir.resolve("rolled.image"));
        }

        assertThat(Files.readAllBytes(dir.resolve("rolled.image"))).isEqualTo(Files.readAllBytes(scratch));
    }

    @Test
    void givenALaterSurgeryOnTheSameMethod_whenRollingBackTheFirst_thenItIsRefusedNamingTheMethod() {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            String first = surgery(session, "first ozwA", "ozwA  ^ x + 1");
            surgery(session, "second ozwA", "ozwA  ^ x + 2");

            Rollback.Plan plan = Rollback.plan(session.report(), first);

            assertThat(plan.isPossible()).isFalse();
            assertThat(plan.refusal()).contains("later surgery").contains("'second ozwA'")
                    .contains("method Point>>ozwA").contains("slot ");
            assertThatThrownBy(() -> Rollback.apply(session.space(), plan)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("method Point>>ozwA");
        }
    }

    @Test
    void givenTheLaterSurgeryRolledBackFirst_whenRollingBackTheFirst_thenBothAreUndoneAcrossSessions()
            throws IOException {
        Path journal = dir.resolve("journal");
        String first;
        String second;
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            first = surgery(session, "first ozwA", "ozwA  ^ x + 1");
            second = surgery(session, "second ozwA", "ozwA  ^ x + 2", "ozwB  ^ 3");
        }
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            assertThat(session.replayed()).isEqualTo(2);
            roll(session, second);
            assertThat(session.space().classNamed("Point").orElseThrow().compiledMethodAt("ozwB")).isEmpty();
        }
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            assertThat(Rollback.plan(session.report(), second).refusal()).contains("was rolled back already");
            roll(session, first);
            session.save(dir.resolve("rolled.image"));
        }

        assertThat(Files.readAllBytes(dir.resolve("rolled.image"))).isEqualTo(Files.readAllBytes(scratch));
        try (Journal j = Journal.openReadOnly(journal)) {
            RecordedSurgery rollbackOfSecond = j.report().committed().get(2);
            assertThat(Rollback.rolledBackSurgeryOf(rollbackOfSecond)).contains(second);
            assertThat(rollbackOfSecond.changes()).filteredOn(Change.Noted.class::isInstance)
                    .extracting(c -> ((Change.Noted) c).operation().getClass().getSimpleName())
                    .containsExactly("MethodRemoved", "MethodInstalled");
            Operation.MethodInstalled back = (Operation.MethodInstalled) ((Change.Noted) rollbackOfSecond.changes()
                    .stream().filter(c -> c instanceof Change.Noted n && n.operation() instanceof Operation.MethodInstalled)
                    .findFirst().orElseThrow()).operation();
            assertThat(back.selector()).isEqualTo("ozwA");
        }
    }

    @Test
    void aJournalOpenedOnAnotherImageIsRefusedNamingBothHashes() throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            surgery(session, "one", "ozwA  ^ 1");
        }
        Path other = dir.resolve("other.image");
        ObjectSpace changed = ObjectSpace.load(scratch);
        changed.classNamed("Point").orElseThrow().compile("ozwZ  ^ 0");
        changed.save(other);

        assertThatThrownBy(() -> JournalSession.open(other, journal)).isInstanceOf(JournalException.class)
                .hasMessageContaining(journal.toString()).hasMessageContaining(JournalRecorder.sha256(scratch))
                .hasMessageContaining(JournalRecorder.sha256(other))
                .satisfies(e -> assertThat(((JournalException) e).problem()).isEqualTo(JournalException.Problem.OTHER_BASE_IMAGE));
    }
}
