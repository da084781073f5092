package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTailTest {
    private static final Instant TIME = Instant.parse("2026-06-14T10:15:30Z");

    @TempDir
    Path dir;

    private static JournalEvent begun(int n) {
        return new JournalEvent.SurgeryBegun("s" + n, "surgery " + n, TIME);
    }

    private static List<Long> drain(JournalTail tail) {
        List<Long> out = new ArrayList<>();
        for (Optional<Journal.Entry> e = tail.next(); e.isPresent(); e = tail.next()) {
            out.add(e.get().index());
        }
        return out;
    }

    @Test
    void aTailFromAnIndexReadsFromThereAndThenSeesWhatIsAppendedLater() {
        try (Journal j = Journal.open(dir)) {
            List<Long> indexes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                indexes.add(j.append(begun(i)));
            }
            try (JournalTail all = j.tail(0); JournalTail fromThird = j.tail(indexes.get(2))) {
                assertThat(drain(all)).isEqualTo(indexes);
                assertThat(drain(fromThird)).isEqualTo(indexes.subList(2, 5));

                long later = j.append(begun(5));

                assertThat(all.next()).map(Journal.Entry::index).contains(later);
                assertThat(fromThird.next()).map(Journal.Entry::event).contains(begun(5));
                assertThat(all.next()).isEmpty();
            }
        }
    }

    @Test
    void aTailPastTheEndDeliversOnlyEventsFromThatIndexOn() {
        try (Journal j = Journal.open(dir)) {
            long first = j.append(begun(0));
            try (JournalTail tail = j.tail(first + 2)) {
                j.append(begun(1));
                long third = j.append(begun(2));

                assertThat(drain(tail)).containsExactly(third);
            }
        }
    }

    @Test
    void aReadOnlyJournalFollowsWhatAnotherWriterAppends() {
        try (Journal writer = Journal.open(dir)) {
            long first = writer.append(begun(0));
            try (Journal reader = Journal.openReadOnly(dir); JournalTail tail = reader.tail(0)) {
                assertThat(drain(tail)).containsExactly(first);

                long second = writer.append(begun(1));

                assertThat(drain(tail)).containsExactly(second);
            }
        }
    }

    @Test
    void aClosedTailRefusesToRead() {
        try (Journal j = Journal.open(dir)) {
            JournalTail tail = j.tail(0);
            tail.close();

            assertThatThrownBy(tail::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
