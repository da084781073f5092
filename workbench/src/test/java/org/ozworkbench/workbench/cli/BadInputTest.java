package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/** Whatever goes wrong, ozw prints one line "ozw: ..." naming the file, and exits non-zero. */
class BadInputTest {
    private static final int HEADER_BYTES = 64;

    @TempDir
    Path dir;

    @Test
    void givenAnEmptyFile_whenInspected_thenOneLineSaysItIsEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.image"));

        assertOneLineFailure(ozw("inspect", empty), empty, "empty file");
    }

    @Test
    void givenADirectory_whenInspected_thenOneLineSaysItIsADirectory() {
        assertOneLineFailure(ozw("inspect", dir), dir, "is a directory");
    }

    @Test
    void givenATruncatedImage_whenInspected_thenOneLineSaysItIsTruncated() throws Exception {
        byte[] scratch = Files.readAllBytes(OzwRun.scratch());
        Path truncated = Files.write(dir.resolve("truncated.image"), Arrays.copyOf(scratch, scratch.length / 2));

        assertOneLineFailure(ozw("inspect", truncated), truncated, "truncated");
    }

    @Test
    void givenATruncatedHeader_whenInspected_thenOneLineSaysItIsTruncated() throws Exception {
        byte[] scratch = Files.readAllBytes(OzwRun.scratch());
        Path truncated = Files.write(dir.resolve("header.image"), Arrays.copyOf(scratch, HEADER_BYTES / 2));

        assertOneLineFailure(ozw("inspect", truncated), truncated, "truncated");
    }

    @Test
    void givenGarbageMagic_whenInspected_thenOneLineSaysTheMagicIsBad() throws Exception {
        byte[] scratch = Files.readAllBytes(OzwRun.scratch());
        byte[] garbage = Arrays.copyOf(scratch, scratch.length);
        Arrays.fill(garbage, 0, 4, (byte) 0x5A);
        Path bad = Files.write(dir.resolve("garbage.image"), garbage);

        assertOneLineFailure(ozw("inspect", bad), bad, "bad magic 0x5a5a5a5a");
    }

    @Test
    void givenASpurImage_whenInspected_thenOneLineSaysSpurIsUnsupported() {
        Path spur = ImageAssumptions.assumeSharedImage(SharedImage.HEADLESS_SPUR);

        assertOneLineFailure(ozw("inspect", spur), spur, "unsupported image format 6521 (Spur)");
    }

    @Test
    void givenAMissingFile_whenInspected_thenOneLineSaysThereIsNoSuchFile() {
        Path missing = dir.resolve("missing.image");

        assertOneLineFailure(ozw("inspect", missing), missing, "no such file");
    }

    @Test
    void givenABadImage_whenEveryCommandLoadsIt_thenEachFailsTheSameWay() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.image"));

        for (OzwRun run : new OzwRun[] {ozw("classes", empty), ozw("methods", empty, "Object"),
            ozw("processes", empty), ozw("globals", empty), ozw("object", empty, "Processor"),
            ozw("save", empty, "--out", dir.resolve("out.image")),
            ozw("demo", empty, "--out", dir.resolve("d.image"))}) {
            assertOneLineFailure(run, empty, "empty file");
        }
    }

    @Test
    void givenVerbose_whenInspectingABadImage_thenTheStackTraceFollowsTheLine() {
        Path spur = ImageAssumptions.assumeSharedImage(SharedImage.HEADLESS_SPUR);

        OzwRun run = ozw("inspect", spur, "--verbose");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("ozw: " + spur).contains("unsupported image format 6521 (Spur)");
        assertThat(run.errLines()).hasSizeGreaterThan(2);
        assertThat(run.err()).contains("ImageFormatException", "\tat org.ozworkbench.");
    }

    @Test
    void givenVerboseBeforeTheCommand_whenItFails_thenTheStackTraceFollowsTheLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.image"));

        OzwRun run = ozw("--verbose", "inspect", empty);

        assertThat(run.errLines().get(0)).startsWith("ozw: " + empty);
        assertThat(run.err()).contains("\tat org.ozworkbench.");
    }

    @Test
    void givenAMissingParameter_whenRun_thenOneLineNamesItAndExitCodeIs2() {
        OzwRun run = ozw("inspect");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: Missing required parameter: 'IMAGE'");
    }

    @Test
    void givenNoCommand_whenRun_thenOneLineListsTheCommands() {
        OzwRun run = ozw();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: missing command")
                .contains("inspect", "classes", "methods", "processes", "globals", "object", "save", "demo");
    }

    @Test
    void givenAnUnknownOption_whenRun_thenOneLineNamesIt() {
        OzwRun run = ozw("inspect", OzwRun.scratch(), "--nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: Unknown option: '--nope'");
    }

    private static void assertOneLineFailure(OzwRun run, Path file, String what) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: ").contains(file.toString(), what);
    }
}
