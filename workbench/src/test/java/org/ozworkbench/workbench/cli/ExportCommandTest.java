package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.SharedImage;

class ExportCommandTest {
    /** Measured when the export was written: 4,490 of mini's 4,597 methods filed back came back identical (97.67%). */
    private static final double IDENTICAL_FLOOR = 0.975;

    @TempDir
    Path dir;

    @Test
    void givenAWholeImage_whenItsExportIsFiledBackWithOzwFileIn_thenItsMethodsComeBackAndMostAreIdentical() {
        Path mini = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        Path out = dir.resolve("export");
        OzwRun export = ozw("export", mini, "--out", out, "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode report = export.json();
        assertThat(report.get("classes").asInt()).isEqualTo(202);
        assertThat(report.get("fallbacks")).isEmpty();
        assertThat(report.get("undeclared").toString()).isEqualTo("[\"Text class>>streamContents: (TextStream)\"]");

        Path image = mini;
        int filed = 0;
        for (JsonNode f : report.get("files")) {
            Path next = dir.resolve("filed-" + filed + ".image");
            OzwRun run = ozw("filein", image, out.resolve(f.get("name").asText()), "--out", next, "--json");
            if (f.get("classes").isEmpty()) {
                assertThat(run.exitCode()).isEqualTo(2);
                assertThat(run.errLines()).singleElement().asString().contains("undeclared variable TextStream");
                assertThat(next).doesNotExist();
                continue;
            }
            assertThat(run.exitCode()).as(f.get("name") + ": " + run.err()).isZero();
            assertThat(run.json().get("methods").asInt()).isEqualTo(f.get("methods").asInt());
            filed += run.json().get("methods").asInt();
            image = next;
        }

        OzwRun diff = ozw("diff", mini, image, "--only", "methods", "--json");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        int changed = 0;
        for (JsonNode c : diff.json().get("methods")) {
            assertThat(c.get("added")).as(c.toString()).isEmpty();
            assertThat(c.get("removed")).as(c.toString()).isEmpty();
            changed += c.get("changed").size();
        }
        int identical = filed - changed;
        double rate = (double) identical / filed;
        System.out.printf("[export] mini-6502: %d classes, %d methods exported; %d filed back with ozw filein, %d of them"
                + " (%.2f%%) identical in header, literals and bytecodes; %d left apart (undeclared variable)%n",
                report.get("classes").asInt(), report.get("methods").asInt(), filed, identical, 100 * rate,
                report.get("undeclared").size());
        assertThat(filed).isEqualTo(report.get("methods").asInt() - report.get("undeclared").size());
        assertThat(rate).isGreaterThanOrEqualTo(IDENTICAL_FLOOR);
    }

    @Test
    void givenPatterns_whenExporting_thenOneFilePerCategoryHoldsTheDefinitionsInSuperclassOrderThenTheMethods()
            throws IOException {
        Path out = dir.resolve("export");
        OzwRun run = ozw("export", OzwRun.scratch(), "--class", "*Stream", "--category", "Collections-Streams",
                "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Collections-Streams.st").endsWith("in 1 file to " + out + "\n");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Collections-Streams.st");
        }
        String text = Files.readString(out.resolve("Collections-Streams.st"), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("Object subclass: #Stream\n\tinstanceVariableNames: ''\n\tclassVariableNames: ''\n"
                + "\tpoolDictionaries: ''\n\tcategory: 'Collections-Streams'!\n\n");
        assertThat(text.indexOf("Stream subclass: #PositionableStream"))
                .isLessThan(text.indexOf("PositionableStream subclass: #WriteStream"))
                .isLessThan(text.indexOf("!Stream methodsFor: "));
        assertThat(text).contains("!ReadStream class methodsFor: ");
    }

    @Test
    void givenAnOutThatIsAFile_whenExporting_thenOneLineAndNothingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        OzwRun run = ozw("export", OzwRun.scratch(), "--out", file);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("ozw: --out " + file + ": is a file, not a folder: expected a folder or a new path");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void givenAPatternThatMatchesNoClass_whenExporting_thenOneLineAndNoFolder() {
        Path out = dir.resolve("export");
        OzwRun run = ozw("export", OzwRun.scratch(), "--class", "NoSuchClass*", "--out", out);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: " + OzwRun.scratch()
                + ": no class matches --class NoSuchClass*: expected");
        assertThat(out).doesNotExist();
    }

    @Test
    void givenAnExistingFolder_whenExporting_thenOtherFilesStayAndNoTemporaryFileIsLeft() throws IOException {
        Path out = Files.createDirectories(dir.resolve("export"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        OzwRun run = ozw("export", OzwRun.scratch(), "--class", "Point*", "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrder("notes.txt", "Graphics-Primitives.st", "Tools-Debugger.st");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void givenAMethodNoCompilerMakes_whenShownAndExported_thenACommentedDisassemblyThatFilesInNeverAnException()
            throws IOException {
        Path image = dir.resolve("odd.image");
        try (ObjectSpace space = ObjectSpace.load(OzwRun.scratch())) {
            MethodBuilder builder = MethodBuilder.on(space);
            Assembler asm = builder.assembler();
            Assembler.Label middle = asm.newLabel();
            builder.pushNil();
            asm.jumpIfTrue(middle); // into the middle of the send's receiver: one path pushes self, the other nothing
            builder.pushSelf();
            asm.bind(middle);
            builder.send("printString", 0).returnTop();
            space.classNamed("Point").orElseThrow().addMethod("ozwOdd", builder.build());
            space.save(image);
        }

        OzwRun source = ozw("methods", image, "Point", "--source", "ozwOdd");
        assertThat(source.exitCode()).as(source.err()).isZero();
        assertThat(source.out()).startsWith("ozwOdd\n\t\"ozw: not decompiled: ").contains("jumpTrue:");

        Path out = dir.resolve("export");
        OzwRun export = ozw("export", image, "--class", "Point", "--category", "Graphics-Primitives", "--out", out,
                "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.json().get("fallbacks")).hasSize(1);
        assertThat(export.json().get("fallbacks").get(0).asText()).isEqualTo("Point>>ozwOdd: a one-armed if answering"
                + " a value at pc 10");
        OzwRun fileIn = ozw("filein", image, out.resolve("Graphics-Primitives.st"), "--out", dir.resolve("back.image"));
        assertThat(fileIn.exitCode()).as(fileIn.err()).isZero();
        assertThat(fileIn.out()).contains("installed Point>>ozwOdd");

        OzwRun unknown = ozw("methods", image, "Point", "--source", "ozwNoSuchMethod");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString()
                .isEqualTo("ozw: " + image + ": Point has no method #ozwNoSuchMethod and inherits none");
    }
}
