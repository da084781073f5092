package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageFacts;

class BootstrapBenchCommandTest {
    private static final Path KERNEL_6502 = Path.of("..", "kernel", "6502");
    private static final String MILLIS = "\\d+\\.\\d ms";

    @TempDir
    Path dir;

    @Test
    void givenTheKernelSpecAndCandle_whenBenchmarkedOnce_thenEachStepAndTheReferenceLoadAreReported() {
        Path candle = OzwRun.imageOf(ImageFacts.CANDLE);

        OzwRun run = ozw("bench", "bootstrap", KERNEL_6502, "--reference", candle, "--warm-up", "0", "--runs", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(5);
        assertThat(run.out()).startsWith("bootstrap " + KERNEL_6502 + ": 1,261 objects, 43,460 bytes\n");
        assertThat(run.out()).containsPattern("total +" + "\\d+\\.\\d ms \\(min [\\d.]+, max [\\d.]+\\), [\\d,]+ objects/s");
        assertThat(run.out()).containsPattern("seed " + MILLIS + ", compile " + MILLIS + ", initialise " + MILLIS
                + ", boot process " + MILLIS + ", save " + MILLIS);
        assertThat(run.out()).contains("reference: load " + candle + " ", "2,525 objects", "medians of 1 runs after 0 warm-ups");
    }

    @Test
    void givenAFolderWithoutManifest_whenBenchmarked_thenOneLineSaysWhatWasExpected() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        OzwRun run = ozw("bench", "bootstrap", empty, "--reference", OzwRun.imageOf(ImageFacts.CANDLE));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ozw: " + empty + ": no manifest: expected a kernel spec folder\n");
    }
}
