package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.memory.Change;

class PackedChangesTest {

    @Test
    void storesOfEveryRangeAndOtherChangesComeBackEqualInOrder() {
        RandomStores stores = new RandomStores(20261206);
        List<Change> added = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            added.add(stores.next(i).change());
            if (i % 500 == 0) {
                EventCodecTest.everyChangeKind().forEach(added::add);
            }
        }
        PackedChanges packed = new PackedChanges();
        added.forEach(packed::add);

        assertThat(packed).hasSize(added.size()).containsExactlyElementsOf(added);
        assertThat(packed.frozen()).isEqualTo(added).hasSameHashCodeAs(added);
    }

    @Test
    void aRecordedSurgeryKeepsItsPackedChangesReadOnly() {
        PackedChanges packed = new PackedChanges();
        EventCodecTest.everyChangeKind().forEach(packed::add);
        RecordedSurgery s = new RecordedSurgery(null, "s", "label", null, 0, 1, RecordedSurgery.State.COMMITTED, packed,
                java.util.Optional.empty(), java.util.Optional.empty(), List.of());

        packed.add(packed.get(0));

        assertThat(s.changes()).hasSize(packed.size() - 1).isEqualTo(packed.subList(0, packed.size() - 1));
        assertThatThrownBy(() -> s.changes().add(packed.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.changes().set(0, packed.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
