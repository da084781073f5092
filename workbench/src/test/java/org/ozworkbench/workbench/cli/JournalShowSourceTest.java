package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.fixtures.TestImages;

/**
 * {@code ozw journal show --source}: a method install shows the method it replaced (decompiled from
 * the base image with the journal replayed up to the surgery) and the new one (the source the
 * journal recorded), for a method of the base image and for one an earlier surgery installed.
 */
class JournalShowSourceTest {
    @TempDir
    static Path dir;

    private static Path journal;

    @BeforeAll
    static void twoSurgeriesReplacingPointX() throws IOException {
        Path base;
        base = TestImages.copyToTemp(ImageAssumptions.assumeSharedImage(SharedImage.MINI), dir);
        journal = dir.resolve("j");
        Path first = Files.writeString(dir.resolve("first.st"), "!Point methodsFor: 'accessing'!\nx\n\t\"mine\"\n\t^ x + 0! !\n");
        Path second = Files.writeString(dir.resolve("second.st"), "!Point methodsFor: 'accessing'!\nx\n\t^ x + 1! !\n");
        assertThat(ozw("surgery", base, "--journal", journal, first, "--out", dir.resolve("s1.image")).exitCode()).isZero();
        assertThat(ozw("surgery", base, "--journal", journal, second, "--out", dir.resolve("s2.image")).exitCode()).isZero();
    }

    @Test
    void givenAMethodOfTheBaseImageReplaced_whenShowingWithSource_thenBothSidesAreSource() {
        OzwRun run = ozw("journal", "show", journal, "first.st", "--source");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("note   Point>>x replaced\n"
                + "        replaced:\n          x\n          \t^ x\n"
                + "        by:\n          x\n          \t\"mine\"\n          \t^ x + 0\n");
    }

    @Test
    void givenAMethodAnEarlierSurgeryInstalledReplaced_whenShowingWithSource_thenItIsDecompiledFromTheReplay() {
        OzwRun run = ozw("journal", "show", journal, "second.st", "--source");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("store  ").contains("slot 3: created#1 -> created#")
                .contains("        replaced:\n          x\n          \t^ x + 0\n"
                        + "        by:\n          x\n          \t^ x + 1\n");
    }

    @Test
    void givenNoSourceFlag_whenShowing_thenOnlyTheChangeLinesAreShown() {
        OzwRun run = ozw("journal", "show", journal, "second.st");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("note   Point>>x replaced").doesNotContain("replaced:");
    }

    @Test
    void givenAnotherImageThanTheBase_whenShowingWithSource_thenOneLine() {
        OzwRun run = ozw("journal", "show", journal, "second.st", "--source=" + dir.resolve("s1.image"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("ozw: " + dir.resolve("s1.image") + ": cannot replay the journal onto it: ");
    }

    @Test
    void givenJsonAndSource_whenShowing_thenOneLineSaysToChooseOne() {
        OzwRun run = ozw("journal", "show", journal, "second.st", "--source", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("ozw: give either --json or --source, not both:"
                + " --json prints the events as journaled");
    }
}
