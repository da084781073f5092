package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.fixtures.TestImages;

class CompileCommandsTest {
    @TempDir
    Path dir;

    private static OzwRun ozw(Object... args) {
        return OzwRun.ozw(args);
    }

    @Test
    void compileInstallsTheMethodAndSavesACopyTheRealVmThenRuns() {
        Path out = dir.resolve("compiled.image");

        OzwRun run = ozw("compile", OzwRun.scratch(), "SmallInteger", "ozwTriple  ^ self * 3", "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("installed SmallInteger>>ozwTriple", "send: * (special)");
        OzwRun eval = ozw("eval", "--real-vm", out, "14 ozwTriple");
        assertThat(eval.out().strip()).isEqualTo("42");
    }

    /**
     * The host's interpreter and the real VM print the same first line (the host adds the error's
     * frames), and both exit 1 on a guest error, 0 on a value.
     */
    private static void assertBothRoutesPrint(Path image, String expression, String expected) {
        OzwRun host = ozw("eval", image, expression);
        OzwRun real = ozw("eval", "--real-vm", image, expression);
        int exitCode = expected.startsWith("Error: ") ? 1 : 0;
        assertThat(host.exitCode()).as(host.err()).isEqualTo(exitCode);
        assertThat(host.out().lines().findFirst()).contains(expected);
        assertThat(real.exitCode()).as(real.err()).isEqualTo(exitCode);
        assertThat(real.out().strip()).isEqualTo(expected);
    }

    @Test
    void evalPrintsWhatTheGuestAnswersOnScratchMiniAndCandleInTheHostAndInTheRealVm() {
        assertBothRoutesPrint(OzwRun.scratch(), "(1 to: 10) inject: 0 into: [:a :b | a + b]", "55");
        assertBothRoutesPrint(OzwRun.scratch(), "nil foo", "Error: Message not understood: foo");
        Path mini = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        assertBothRoutesPrint(mini, "Smalltalk version", "'Squeak 2.2 of Sept 23, 1998'");
        Path candle = ImageAssumptions.assumeSharedImage(SharedImage.CANDLE);
        assertBothRoutesPrint(candle, "| s | s := 0. #(1 2 3) do: [:e | s := s + e]. s", "6");
    }

    @Test
    void evalInTheHostPrintsTheGuestErrorsFramesAndStopsAnEndlessLoopOnItsBudget() {
        OzwRun error = ozw("eval", OzwRun.scratch(), "#(1 2) collect: [:x | x / 0]");
        OzwRun loop = ozw("eval", OzwRun.scratch(), "[true] whileTrue", "--bytecodes", 1_000_000);

        assertThat(error.out().lines().toList()).containsExactly("Error: division by 0", "  SmallInteger(Object)>>error: @48",
                "  SmallInteger>>/ @40", "  [] in DoIt @44", "  Array(SequenceableCollection)>>collect: @32", "  [] in DoIt @46");
        assertThat(loop.exitCode()).isEqualTo(1);
        assertThat(loop.err().strip()).isEqualTo("ozw: " + OzwRun.scratch()
                + ": the expression did not finish: budget exhausted after 1000000 bytecodes (the bytecode limit)");
    }

    @Test
    void aSyntaxErrorInAnExpressionIsOneLineWithItsColumn() {
        OzwRun run = ozw("eval", OzwRun.scratch(), "3 +");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("ozw: expression line 1:4:").doesNotContain("\n");
    }

    @Test
    void fileInInstallsEveryMethodOrNone() throws Exception {
        Path good = Files.writeString(dir.resolve("good.st"),
                "!Point methodsFor: 'ozw'!\rozwSum\r  ^ x + y! !\r!Point class methodsFor: 'ozw'!\rozwUnit\r  ^ self x: 1 y: 1! !\r");
        Path bad = Files.writeString(dir.resolve("bad.st"),
                "!Point methodsFor: 'ozw'!\rozwSum\r  ^ x + y! !\r!Point methodsFor: 'ozw'!\rozwBad\r  ^ zork! !\r");
        Path out = dir.resolve("filed.image");

        OzwRun ok = ozw("filein", OzwRun.scratch(), good, "--out", out);
        OzwRun refused = ozw("filein", OzwRun.scratch(), bad, "--out", dir.resolve("never.image"));

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("installed Point>>ozwSum", "installed Point class>>ozwUnit", "2 methods");
        assertThat(ozw("eval", "--real-vm", out, "Point ozwUnit ozwSum").out().strip()).isEqualTo("2");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.st:").contains("undeclared variable zork");
        assertThat(dir.resolve("never.image")).doesNotExist();
        try (ObjectSpace original = ObjectSpace.load(TestImages.scratchImage())) {
            assertThat(original.classNamed("Point").orElseThrow().compiledMethodAt("ozwSum")).isEmpty();
        }
    }
}
