package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * Candle from its own source: {@code ozw export} of candle-6505.image writes a spec (its manifest
 * and its class variables' values included), {@code ozw bootstrap} builds an image from it with no
 * base image, the same bytes every time, and the real VM boots that image, which logs its
 * tinyBenchmarks figures as the original does; the host's interpreter runs its boot expression and
 * logs the same kind of lines.
 */
class CandleBootstrapTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * What Candle's {@code PCSystem start} appends to log.txt, each line ended by a carriage return: the
     * screen size is the header's window, which the manifest keeps.
     */
    private static final String LOG = "Welcome to Pharo Candle edition!\r\\d+ bytecodes/sec; \\d+ sends/sec\r800@600\r";

    @TempDir
    static Path dir;
    static Path candle;
    static Path spec;
    static Path image;
    static OzwRun export;
    static OzwRun bootstrap;

    @BeforeAll
    static void exportAndBootstrap() {
        candle = OzwRun.imageOf(ImageFacts.CANDLE);
        spec = dir.resolve("spec");
        image = dir.resolve("boot").resolve("C.image");
        export = ozw("export", candle, "--out", spec);
        bootstrap = ozw("bootstrap", spec, "--out", image);
    }

    @Test
    void givenCandle_whenExported_thenTheManifestNamesItsFormatContractRolesAndBootExpression() throws Exception {
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).endsWith("kernel spec: " + spec.resolve("manifest") + " (ozw bootstrap " + spec
                + " --out NEW.image builds it)\n");
        assertThat(Files.readString(spec.resolve("manifest"))).contains("format = 6505\n", "contract = candle\n",
                "files = as_yet_unclassified.st\n", "boot = PCSystem start\n", "boot.priority = 3\n",
                "compiledMethod.classFormat = bytes\n", "window = 800x600\n", "processor.priorities = 5\n", "specialSelectors.nil = class blockCopy:\n",
                "classVariables = classVariables.st\n", "class.blockClosure = PCBlock\n",
                "class.linkedList = PCProcessList\n").doesNotContain("class.systemDictionary");
        assertThat(Files.readString(spec.resolve("classVariables.st"), StandardCharsets.ISO_8859_1)).startsWith("PCCharacter CharacterTable := #(");
        assertThat(Files.readString(spec.resolve("as_yet_unclassified.st"), StandardCharsets.ISO_8859_1))
                .contains("PCObject subclass: #PCPoint\n\tinstanceVariableNames: 'x y'\n",
                        "PCBehavior subclass: #PCClass\n\tinstanceVariableNames: 'name instVarNames classVariables'\n",
                        "setX: t1 setY: t2\n\tx := t1.\n\ty := t2!",
                        "PCObject class instanceVariableNames: 'instVar10 instVar11 instVar12 instVar13 instVar14'!")
                .doesNotContain("instVar1 ", "instVar1'");
    }

    @Test
    void givenCandle_whenExported_thenWhatSourceCannotSayIsInTheManifestAndTheHintsOfSixMethods() throws Exception {
        assertThat(export.out()).contains("exported 47 classes, 830 methods (0 as a commented disassembly)",
                "6 methods whose source alone does not compile back to them have a hint in methodHints\n");
        assertThat(Files.readString(spec.resolve("manifest"))).contains("specialObjects.size = 56\n",
                "specialObject.49 = #aboutToReturn:through:\n", "specialObject.50 = #run:with:in:\n",
                "specialObject.52 = #(nil #'bad receiver' #'bad argument' ",
                "specialObject.54 = #invokeCallback:stack:registers:jmpbuf:\n", "header.flags = 18\n",
                "classFormat.PCBitBlt = 128\n", "methodHints = methodHints\n");
        assertThat(Files.readAllLines(spec.resolve("methodHints")).stream().filter(l -> !l.startsWith("#")))
                .containsExactly(
                        "PCFloat>>absPrintOn:base: literals 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23"
                                + " 24 25 26 27 28 29 30 31 32 33 34 35 36 39 38 37 40 41 42 43",
                        "PCFloat class>>initialize float 19 16r7FF0000000000000",
                        "PCInteger>>digitDiv:neg: literals 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 26"
                                + " 23 28 24 27 25 29 30",
                        "PCLargePositiveInteger>>normalize literals 0 1 2 3 4 5 8 7 6 9 10 11 12",
                        "PCLargeNegativeInteger>>normalize literals 0 1 2 3 4 6 7 5 12 8 14 9 13 10 11 15 16",
                        "PCLinkedList>>swap:with: literals 0 1 2 3 4 5 6 9 8 11 7 10 12 13");
        assertThat(Files.readString(spec.resolve("as_yet_unclassified.st"), StandardCharsets.ISO_8859_1))
                .contains("MaxVal := 1.7976931348623157e308.");
    }

    @Test
    void givenCandlesSpec_whenBootstrapped_thenTheRealVmBootsItAndItLogsItsTinyBenchmarksAsTheHostsInterpreterDoes()
            throws Exception {
        assertThat(bootstrap.exitCode()).as(bootstrap.err()).isZero();
        assertThat(bootstrap.out()).contains("(format 6505): 47 classes from 1 files");
        Path files = Files.createDirectory(dir.resolve("files"));

        RealVmRun run = RealVm.locate().boot(image, image.resolveSibling("log.txt"), TIMEOUT);
        OzwRun host = ozw("eval", image, "PCSystem start", "--files", files);

        String real = run.markerOrFail();
        String ours = Files.readString(files.resolve("log.txt"), StandardCharsets.ISO_8859_1);
        assertThat(real).matches(LOG);
        assertThat(host.exitCode()).as(host.err()).isZero();
        assertThat(host.out()).isEqualTo("the guest quit\n");
        assertThat(ours).matches(LOG);
        assertThat(ours.replaceAll("\\d+", "N")).isEqualTo(real.replaceAll("\\d+", "N"));
    }

    @Test
    void givenTheBootstrappedCandle_whenDiffedWithTheOriginal_thenNoClassOrMethodDiffersAndTheRestHasItsReason() {
        OzwRun diff = ozw("diff", candle, image);

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("A: " + candle + " (2525 objects, 47 classes)", "47 classes)",
                        "Header\n  layout (moves with every save): ",
                        "    neither has started, and both start with PCSystem start (the same boot, run from another"
                                + " method or block)\n",
                        "  unreachable: 32 -> 29 (-3): garbage, which nothing reaches from the special objects and the"
                                + " VM's next collection frees\n",
                        "  reachable: 2493 -> 2468 (-25)\n",
                        "Special objects\n  ~ 30 (timer semaphore): a PCSemaphore -> nil\n    run-time state: ",
                        "  ~ 36 (MethodContext prototype): a PCMethodContext -> nil\n    a prototype context no VM reads",
                        "  ~ 39 (external objects): a PCArray of 20 -> a PCArray of 0\n    run-time state: ")
                .doesNotContain("Classes\n", "Methods\n", "Class variables", "flags", " added", " removed",
                        "PCString", "of a class", "size: ", "  ~ 49 ", "  ~ 52 ")
                .endsWith("Summary: processes differ, 3 special objects differ, 28 fewer objects\n");
        OzwRun names = ozw("object", image, "PCPoint.7");
        assertThat(names.out()).contains("a PCArray(2)").containsPattern("\\n  0 +'x' ").containsPattern("\\n  1 +'y' ");
    }

    @Test
    void givenCandlesSpec_whenBootstrappedWithAGenesisJournal_thenTheSameBytesAndTheReplayGivesThemAgain()
            throws Exception {
        Path journaled = dir.resolve("journaled.image");
        Path journal = dir.resolve("journal");

        OzwRun genesis = ozw("bootstrap", spec, "--out", journaled, "--journal", journal);
        OzwRun replay = ozw("replay", "--journal", journal, "--out", dir.resolve("replayed.image"));

        assertThat(genesis.exitCode()).as(genesis.err()).isZero();
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(Files.readAllBytes(journaled)).isEqualTo(Files.readAllBytes(image));
        assertThat(Files.readAllBytes(dir.resolve("replayed.image"))).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void givenTheBootstrappedCandle_whenTheHostsInterpreterRunsTinyBenchmarks_thenItAnswersTheSameKindOfLine() {
        OzwRun eval = ozw("eval", image, "PCSystem tinyBenchmarks");

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).matches("'\\d+ bytecodes/sec; \\d+ sends/sec'\n");
    }
}
