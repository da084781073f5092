package org.ozworkbench.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.TestImages;

/** Reopening a journal again and again leaves nothing behind: the heap does not grow with the cycles. */
class MemoryBenchmarkTest {
    private static final int SURGERIES = 5;
    private static final int CYCLES = 12;

    @TempDir
    Path dir;

    @Test
    void reopeningAJournalDoesNotGrowTheHeap() throws Exception {
        Path image = TestImages.scratchImage();
        MemoryBenchmark.Result r = new MemoryBenchmark(image, SURGERIES, CYCLES, dir.resolve("journal")).run();

        // A space holds at least its image's bytes; a cycle that kept its session would keep that much.
        long space = Files.size(image);
        assertThat(r.loaded()).isGreaterThan(space);
        assertThat(r.replayed()).isGreaterThan(space);
        assertThat(r.growth()).as("heap growth over %d reopen cycles (a space loaded: %d bytes)", CYCLES, r.loaded())
                .isLessThan(space / 2);
    }
}
