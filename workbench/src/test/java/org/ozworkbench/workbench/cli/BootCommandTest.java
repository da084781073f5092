package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeRealVm;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * {@code ozw boot}: the real VM runs the image's own startup. Scratch.image boots; a copy whose
 * {@code CrLfFileStream class>>startUp} (late in Scratch's startup list) raises or loops does not,
 * and the host's interpreter shows where.
 */
class BootCommandTest {
    private static final String TIMEOUT = "10";

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheRealVm() {
        assumeRealVm();
    }

    @Test
    void scratchCompletesItsStartupList() {
        OzwRun run = OzwRun.ozw("boot", OzwRun.scratch(), "--timeout", TIMEOUT);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches(OzwRun.scratch() + ": the startup list completed in the real VM after \\d+ ms\\R");
    }

    @Test
    void theReportIsOneJsonDocumentWithJson() {
        OzwRun run = OzwRun.ozw("boot", OzwRun.scratch(), "--timeout", TIMEOUT, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("started").asBoolean()).isTrue();
        assertThat(run.json().get("completed").asBoolean()).isTrue();
        assertThat(run.json().get("elapsedMillis").asLong()).isPositive().isLessThan(10_000);
        assertThat(run.json().get("host").isNull()).isTrue();
    }

    @Test
    void aStartupThatRaisesDoesNotCompleteAndTheHostShowsTheErrorsFrames() {
        Path broken = withStartUp("startUp\n\tself error: 'startUp broken'", "raises.image");

        OzwRun run = OzwRun.ozw("boot", broken, "--timeout", TIMEOUT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList()).startsWith(
                broken + ": the startup list began but did not complete in the real VM, which was still running"
                        + " after 10000 ms (killed)",
                "the host's interpreter, resuming the image: an unhandled error: the debugger would open",
                "  Debugger class>>openContext:label:contents: @65",
                "  CrLfFileStream class(Object)>>error: @57",
                "  CrLfFileStream class>>startUp @16",
                "  [] in SystemDictionary>>processStartUpList @38");
    }

    @Test
    void aStartupThatLoopsDoesNotCompleteAndTheHostShowsWhereItRuns() {
        Path broken = withStartUp("startUp\n\t[true] whileTrue", "loops.image");

        OzwRun run = OzwRun.ozw("boot", broken, "--timeout", TIMEOUT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList()).hasSizeGreaterThan(3);
        assertThat(run.out().lines().toList().get(1))
                .matches("the host's interpreter, resuming the image: still running after 10000 ms \\(\\d+ bytecodes\\)");
        assertThat(run.out().lines().toList().get(2)).matches("  CrLfFileStream class>>startUp @[5-9]");
    }

    @Test
    void anImageWithoutSqueaksStartupListIsBadInput() {
        Path candle = ImageAssumptions.assumeSharedImage(SharedImage.CANDLE);

        OzwRun run = OzwRun.ozw("boot", candle);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ozw: " + candle + ": no startup list (Smalltalk processStartUpList or"
                + " processStartUpList:): ozw boot knows Squeak's startup\n");
    }

    private Path withStartUp(String source, String name) {
        Path out = dir.resolve(name);
        try (ObjectSpace space = ObjectSpace.load(OzwRun.scratch())) {
            space.classNamed("CrLfFileStream class").orElseThrow().compile(source, "ozw");
            space.save(out);
        }
        return out;
    }
}
