package org.ozworkbench.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageFacts;

/**
 * FilePlugin's file primitives in the host's interpreter, on Candle's own file class ({@code PCFile},
 * whose primitives fail into {@code primitiveFailed}): its boot expression logs into the folder the
 * host grants, and nothing outside that folder is opened, whatever name the guest gives.
 */
class FilePrimitivesTest {
    /** What Candle's {@code PCSystem start} appends to log.txt, as the real VM writes it (CandleBootstrapTest). */
    private static final String LOG = "Welcome to Pharo Candle edition!\r\\d+ bytecodes/sec; \\d+ sends/sec\r800@600\r";
    private static final Duration TIME = Duration.ofSeconds(30);
    private static final String OPEN_FAILED = "PCFile>>primOpen:writable: @23";
    private static final String SECRET = "secret\n";

    @TempDir
    Path dir;
    Path folder;
    Path outside;
    Path candle;
    ObjectSpace space;

    @BeforeEach
    void folders() throws Exception {
        candle = Images.assumeImage(ImageFacts.CANDLE.fileName());
        folder = Files.createDirectory(dir.resolve("files"));
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        space = ObjectSpace.load(candle);
    }

    private FilePrimitives grant(FilePrimitives.Limits limits) {
        return FilePrimitives.grant(space.execution().interpreter(), folder, limits);
    }

    private Evaluation eval(String expression) {
        return space.execution().evaluate(expression, Budget.time(TIME));
    }

    private static void assertFailedIn(Evaluation e, String frame) {
        assertThat(e).isInstanceOf(Evaluation.GuestError.class);
        assertThat(((Evaluation.GuestError) e).message()).isEqualTo("a primitive has failed");
        assertThat(((Evaluation.GuestError) e).stack()).contains(frame);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void givenAFolder_whenCandleRunsItsBootExpression_thenItsLogIsInTheFolderAndTheGuestQuits() throws Exception {
        byte[] image = Files.readAllBytes(candle);
        Evaluation e;
        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            e = eval("PCSystem start");
        }

        assertThat(e).isInstanceOf(Evaluation.Unfinished.class);
        assertThat(((Evaluation.Unfinished) e).result()).isInstanceOf(RunResult.Quit.class)
                .matches(r -> !((RunResult.Quit) r).toDebugger());
        assertThat(names(folder)).containsExactly("log.txt");
        assertThat(Files.readString(folder.resolve("log.txt"), StandardCharsets.ISO_8859_1)).matches(LOG);
        assertThat(Files.readAllBytes(candle)).isEqualTo(image);
        assertThat(eval("PCFile new primImageName").text()).isEqualTo("'" + candle.toAbsolutePath() + "'");
    }

    @Test
    void givenNoFolder_whenCandleOpensItsLog_thenThePrimitiveFailsAsBeforeAndAgainOnceTheGrantIsClosed() {
        Evaluation before = eval("PCSystem start");
        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            assertThat(eval("PCFile new openReadWrite: 'a.txt'; yourself").text()).isEqualTo("a PCFile");
        }
        Evaluation after = eval("PCFile new openReadWrite: 'b.txt'");

        assertFailedIn(before, OPEN_FAILED);
        assertFailedIn(after, OPEN_FAILED);
    }

    @Test
    void givenAFolder_whenTheGuestNamesAFileOutsideIt_thenTheOpenFailsAndNothingOutsideIsCreatedOrRead() throws Exception {
        Files.createSymbolicLink(folder.resolve("link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("dangling"), outside.resolve("created.txt"));
        Files.createSymbolicLink(folder.resolve("sub"), outside);
        Files.writeString(folder.resolve("inner.txt"), "inner");
        Files.createSymbolicLink(folder.resolve("alias"), folder.resolve("inner.txt"));
        List<String> refused = List.of("openReadWrite: '../outside/x.txt'", "openReadWrite: '" + outside.resolve("y.txt") + "'",
                "openReadOnly: '/etc/passwd'", "openReadOnly: 'link'", "openReadWrite: 'dangling'",
                "openReadWrite: 'sub/z.txt'", "openReadOnly: 'sub/secret.txt'", "openReadWrite: 'inner.txt/..'",
                "openReadWrite: ''");

        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            for (String open : refused) {
                assertFailedIn(eval("(PCFile new " + open + ") next: 6"), OPEN_FAILED);
            }
            assertThat(eval("(PCFile new openReadOnly: 'alias') next: 5").text()).isEqualTo("'inner'");
            assertThat(eval("(PCFile new openReadOnly: '" + folder.resolve("inner.txt") + "') next: 5").text())
                    .isEqualTo("'inner'");
        }

        assertThat(names(outside)).containsExactly("secret.txt");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET);
        assertThat(names(folder)).containsExactly("alias", "dangling", "inner.txt", "link", "sub");
    }

    @Test
    void givenAByteCap_whenTheGuestWritesPastIt_thenTheWriteFailsAndTheFileStaysWithinTheCap() throws Exception {
        try (FilePrimitives files = grant(new FilePrimitives.Limits(100, 16, 256))) {
            Evaluation e = eval("| f | f := PCFile new openReadWrite: 'big.txt'. f nextPutAll: (PCString new: 60)."
                    + " f nextPutAll: (PCString new: 60)");

            assertFailedIn(e, "PCFile>>primWrite:from:startingAt:count: @23");
        }

        assertThat(Files.size(folder.resolve("big.txt"))).isEqualTo(60);
    }

    @Test
    void givenCapsOnOpenAndCreatedFiles_whenTheGuestOpensMore_thenTheOpenFailsUntilOneIsClosed() throws Exception {
        String opens = "| a b r | r := PCArray new: 4."
                + " a := PCFile new openReadWrite: 'a'. b := PCFile new openReadWrite: 'b'."
                + " r at: 1 put: ([PCFile new openReadWrite: 'c'. #opened] ifError: [:m :x | #failed])."
                + " a close."
                + " r at: 2 put: ([PCFile new openReadWrite: 'c'. #opened] ifError: [:m :x | #failed])."
                + " b close."
                + " r at: 3 put: ([PCFile new openReadWrite: 'd'. #opened] ifError: [:m :x | #failed])."
                + " r at: 4 put: ([PCFile new openReadWrite: 'a'. #opened] ifError: [:m :x | #failed])."
                + " r";
        Evaluation e;
        try (FilePrimitives files = grant(new FilePrimitives.Limits(100, 2, 3))) {
            e = eval(opens);
        }

        assertThat(e.text()).isEqualTo("#(failed opened failed opened )");
        assertThat(names(folder)).containsExactly("a", "b", "c");
    }

    @Test
    void givenAnOpenFile_whenTheGuestUsesACopyOfItsHandleOrTheHandleAfterClosing_thenThePrimitiveFails() throws Exception {
        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            String open = "| f h | f := PCFile new openReadWrite: 'a.txt'. h := f instVarAt: 2. ";

            assertFailedIn(eval(open + "f primWrite: h copy from: 'x' startingAt: 1 count: 1"),
                    "PCFile>>primWrite:from:startingAt:count: @23");
            assertFailedIn(eval(open + "f close. f primWrite: h from: 'x' startingAt: 1 count: 1"),
                    "PCFile>>primWrite:from:startingAt:count: @23");
            assertThat(eval(open + "f primWrite: h from: 'ok' startingAt: 1 count: 2").text()).isEqualTo("2");
        }

        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("ok");
    }

    @Test
    void givenTheImagesOwnFolder_whenTheGuestOpensTheImageForWriting_thenTheOpenFailsAndTheImageIsUnchanged()
            throws Exception {
        Path copy = Files.copy(candle, folder.resolve("candle.image"));
        space.close();
        space = ObjectSpace.load(copy);
        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            assertFailedIn(eval("PCFile new openReadWrite: PCFile new primImageName"), OPEN_FAILED);
            assertThat(eval("(PCFile new openReadOnly: 'candle.image') size").text()).isEqualTo(String.valueOf(Files.size(copy)));
        }

        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(candle));
    }

    @Test
    void givenScratch_whenAStandardFileStreamWritesAndReadsBytesAndWords_thenItAnswersAsTheRealVmDoes() throws Exception {
        space.close();
        space = ObjectSpace.load(Images.scratch());
        String streams = "| f r b | f := StandardFileStream fileNamed: '" + folder.resolve("s.txt") + "'."
                + " f nextPutAll: 'hello'; nextPutAll: (Bitmap with: 16r64636261)."
                + " r := OrderedCollection new. r add: f size; add: f atEnd. f reset. r add: (f next: 5); add: f atEnd."
                + " b := Bitmap new: 2. r add: (f readInto: b startingAt: 1 count: 2); add: (b at: 1) hex; add: f atEnd."
                + " f close. r asArray";
        Evaluation e;
        try (FilePrimitives files = grant(FilePrimitives.Limits.DEFAULT)) {
            e = eval(streams);
        }

        // the real VM answers the same, and writes the same bytes (ozw eval --real-vm, a path in /tmp)
        assertThat(e.text()).isEqualTo("(9 true 'hello' false 1 '16r64636261' true)");
        assertThat(Files.readString(folder.resolve("s.txt"))).isEqualTo("helloabcd");
    }
}
