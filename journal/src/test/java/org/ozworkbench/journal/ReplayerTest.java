package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;

class ReplayerTest {
    private final Path scratch = ImageAssumptions.assumeScratchImage();

    @Test
    void givenACreationTakenBackAndMadeAgain_whenReplayed_thenTheStoresAfterItGoToTheNewObject() {
        ObjectSpace recorded = ObjectSpace.load(scratch);
        List<Change> made;
        try (Surgery s = recorded.beginSurgery("make, take back, make again")) {
            ObjectMirror first = recorded.newArray(List.of(SmallInteger.of(0), SmallInteger.of(0)));
            first.slotPut(0, SmallInteger.of(1));
            first.slotPut(1, SmallInteger.of(2));
            Change creation = s.changes().get(0);
            recorded.membrane().undo(creation);
            ObjectMirror second = recorded.newArray(List.of(SmallInteger.of(0), SmallInteger.of(0)));
            second.slotPut(0, SmallInteger.of(3));
            s.commit();
            made = s.changes();
        }
        assertThat(made).extracting(c -> c.getClass().getSimpleName()).containsExactly("ObjectCreated", "SlotStored",
                "SlotStored", "CreationUndone", "ObjectCreated", "SlotStored");
        assertThat(made).extracting(Change::target).containsOnly(new GuestRef.Created(1));

        ObjectSpace fresh = ObjectSpace.load(scratch);
        Replayer.apply(fresh, made);

        assertThat(fresh.toBytes()).isEqualTo(recorded.toBytes());
        assertThat(fresh.memory().createdCount()).isEqualTo(1);
    }

    @Test
    void givenACreationTakenBack_whenAStoreIntoItIsReplayed_thenItIsAConflictSayingSo() {
        ObjectSpace recorded = ObjectSpace.load(scratch);
        List<Change> made;
        try (Surgery s = recorded.beginSurgery("make, store, take back")) {
            recorded.newArray(List.of(SmallInteger.of(0))).slotPut(0, SmallInteger.of(1));
            recorded.membrane().undo(s.changes().get(0));
            s.commit();
            made = s.changes();
        }
        List<Change> withLateStore = new ArrayList<>(made);
        withLateStore.add(new Change.SlotStored(new GuestRef.Created(1), 0, new GuestRef.SmallInt(1),
                new GuestRef.SmallInt(5)));

        ObjectSpace fresh = ObjectSpace.load(scratch);
        byte[] before = fresh.toBytes();

        assertThatThrownBy(() -> Replayer.apply(fresh, withLateStore))
                .isInstanceOfSatisfying(ReplayConflictException.class, e -> {
                    assertThat(e.changeNumber()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("taken back");
                });
        assertThat(fresh.toBytes()).isEqualTo(before);
    }
}
