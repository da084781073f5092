package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.fixtures.TestImages;
import org.ozworkbench.realvm.RealVm;

/**
 * {@code ozw eval IMAGE EXPRESSION --files DIR}: the guest's file primitives work in DIR and only
 * there; Candle's boot expression logs there what the real VM logs beside the image, and quits,
 * which eval reports as the guest quitting.
 */
class EvalFilesTest {
    /** What Candle's {@code PCSystem start} appends to log.txt, as the real VM writes it (CandleBootstrapTest). */
    private static final String LOG = "Welcome to Pharo Candle edition!\r\\d+ bytecodes/sec; \\d+ sends/sec\r800@600\r";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void givenAFilesFolder_whenCandleRunsItsBootExpression_thenItLogsThereAsTheRealVmDoesAndTheGuestQuits()
            throws Exception {
        Path candle = OzwRun.imageOf(ImageFacts.CANDLE);
        byte[] image = Files.readAllBytes(candle);
        Path files = Files.createDirectory(dir.resolve("files"));
        Path again = Files.createDirectory(dir.resolve("again"));
        Path real = TestImages.copyToTemp(candle, Files.createDirectory(dir.resolve("real")));

        OzwRun start = ozw("eval", candle, "PCSystem start", "--files", files);
        OzwRun json = ozw("eval", "--json", candle, "PCSystem start", "--files", again);
        String realLog = RealVm.locate().boot(real, real.resolveSibling("log.txt"), TIMEOUT).markerOrFail();

        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).isEqualTo("the guest quit\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.json().get("result").asText()).isEqualTo("quit");
        String ours = Files.readString(files.resolve("log.txt"), StandardCharsets.ISO_8859_1);
        assertThat(ours).matches(LOG);
        assertThat(realLog).matches(LOG);
        assertThat(ours.replaceAll("\\d+", "N")).isEqualTo(realLog.replaceAll("\\d+", "N"));
        assertThat(Files.readString(again.resolve("log.txt"), StandardCharsets.ISO_8859_1)).matches(LOG);
        assertThat(Files.readAllBytes(candle)).isEqualTo(image);
    }

    @Test
    void withoutFilesOrForANameOutOfTheFolder_theOpenFailsInTheGuestAndNothingIsWritten() throws Exception {
        Path candle = OzwRun.imageOf(ImageFacts.CANDLE);
        Path files = Files.createDirectory(dir.resolve("files"));

        OzwRun without = ozw("eval", candle, "PCSystem start");
        OzwRun out = ozw("eval", candle, "PCFile new openReadWrite: '../out.txt'", "--files", files);

        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).startsWith("Error: a primitive has failed\n").contains("  PCFile>>primOpen:writable: @23\n");
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.out()).startsWith("Error: a primitive has failed\n").contains("  PCFile>>primOpen:writable: @23\n");
        assertThat(dir.resolve("out.txt")).doesNotExist();
        assertThat(files).isEmptyDirectory();
        assertThat(candle.resolveSibling("log.txt")).doesNotExist();
    }

    @Test
    void givenScratchWithItsDefaultDirectoryInTheFolder_whenItWritesAFileStream_thenTheFileIsThere() throws Exception {
        Path files = Files.createDirectory(dir.resolve("files"));

        OzwRun saved = ozw("eval", OzwRun.scratch(), "FileStream newFileNamed: 'x.txt'", "--files", files);
        OzwRun write = ozw("eval", OzwRun.scratch(), "FileDirectory setDefaultDirectoryFrom: Smalltalk imageName."
                + " (FileStream newFileNamed: 'x.txt') nextPutAll: 'hi'; close", "--files", files);

        assertThat(saved.out()).isEqualTo("nil\n");
        assertThat(write.exitCode()).as(write.out() + write.err()).isZero();
        assertThat(write.out()).isEqualTo("StandardFileStream: '" + files.toRealPath().resolve("x.txt") + "'\n");
        assertThat(Files.readString(files.resolve("x.txt"))).isEqualTo("hi");
    }

    @Test
    void aFilesFolderThatIsNoFolderOrWithTheRealVmIsBadInput() {
        Path candle = OzwRun.imageOf(ImageFacts.CANDLE);

        OzwRun missing = ozw("eval", candle, "3 + 4", "--files", dir.resolve("nothing"));
        OzwRun realVm = ozw("eval", "--real-vm", candle, "3 + 4", "--files", dir);

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("ozw: --files " + dir.resolve("nothing")
                + ": not a folder: expected the folder the guest may use files in\n");
        assertThat(realVm.exitCode()).isEqualTo(2);
        assertThat(realVm.err()).isEqualTo("ozw: --files is for the host's interpreter: the real VM (--real-vm) is not"
                + " confined to a folder\n");
        assertThat(dir.resolve("nothing")).doesNotExist();
    }
}
