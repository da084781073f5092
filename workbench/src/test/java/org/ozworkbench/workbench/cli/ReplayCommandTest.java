package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;

class ReplayCommandTest {
    @TempDir
    Path dir;

    private final Path scratch = OzwRun.scratch();

    private Path journalOfTwoSurgeries() throws IOException {
        Path journal = dir.resolve("journal");
        Path first = Files.writeString(dir.resolve("first.json"), """
                {"label": "a class", "steps": [
                  {"op": "compile", "class": "Point", "source": "ozwUsesNew  ^ 7", "category": "ozw"}]}
                """);
        Path second = Files.writeString(dir.resolve("second.st"), "!Point methodsFor: 'ozw'!\rozwDiff\r\t^ x - y! !\r");
        assertThat(OzwRun.ozw("surgery", scratch, "--journal", journal, first, "--out", dir.resolve("1.image")).exitCode())
                .isZero();
        assertThat(OzwRun.ozw("surgery", scratch, "--journal", journal, second, "--out", dir.resolve("2.image")).exitCode())
                .isZero();
        return journal;
    }

    @Test
    void replayOntoTheBaseGivesTheBytesTheSurgeriesSavedAndReportsEachSurgery() throws IOException {
        Path journal = journalOfTwoSurgeries();
        Path out = dir.resolve("replayed.image");

        OzwRun run = OzwRun.ozw("replay", scratch, "--journal", journal, "--out", out);
        OzwRun json = OzwRun.ozw("replay", scratch, "--journal", journal, "--dry-run", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("applied", "'a class'", "'second.st'", "2 applied, 0 skipped, 0 conflicts");
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(dir.resolve("2.image")));
        assertThat(json.json().get("entries")).hasSize(2);
        assertThat(json.json().get("entries").get(1).get("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void anotherBaseACorruptJournalAndBadOptionsAreOneLineErrorsAndWriteNothing() throws IOException {
        Path journal = journalOfTwoSurgeries();
        Path out = dir.resolve("out.image");

        OzwRun otherBase = OzwRun.ozw("replay", dir.resolve("1.image"), "--journal", journal, "--out", out);
        OzwRun unknown = OzwRun.ozw("replay", scratch, "--journal", journal, "--skip", "nope", "--out", out);
        OzwRun noOut = OzwRun.ozw("replay", scratch, "--journal", journal);
        try (Stream<Path> files = Files.list(journal)) {
            Path queue = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(queue);
            int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("second.st");
            Files.write(queue, new byte[] {'#', '#', '#', '#'}, StandardOpenOption.WRITE);
            try (var channel = java.nio.channels.FileChannel.open(queue, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {'{', '{', '{'}), at - 40);
            }
            Files.write(queue, java.util.Arrays.copyOf(bytes, 4), StandardOpenOption.WRITE); // header intact
        }
        OzwRun corrupt = OzwRun.ozw("replay", scratch, "--journal", journal, "--out", out);

        assertThat(otherBase.exitCode()).isEqualTo(2);
        assertThat(otherBase.errLines()).singleElement().asString().contains("[other-base-image]", "1.image");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString().contains("no surgery", "'nope'");
        assertThat(noOut.exitCode()).isEqualTo(2);
        // a damaged journal replays what precedes the damage, says where it is, and is not clean (issue 12)
        assertThat(corrupt.exitCode()).as(corrupt.out() + corrupt.err()).isEqualTo(1);
        assertThat(corrupt.out()).contains("applied", "'a class'").doesNotContain("'second.st'")
                .containsPattern("damaged journal: only the committed surgeries before the damage were read \\(journal "
                        + java.util.regex.Pattern.quote(journal.toString()) + ".*\\[(corrupt-excerpt|inconsistent-surgery)\\]\\)");
        assertThat(out).exists();
    }

    @Test
    void aSymbolicReplayOntoAnImageWithoutAClassTheJournalNeedsNamesTheClassAndTheSurgery() throws IOException {
        Path journal = dir.resolve("journal");
        Path batch = Files.writeString(dir.resolve("class.json"), """
                {"label": "needs Pen", "steps": [
                  {"op": "compile", "class": "Pen", "source": "ozwPen  ^ 1", "category": "ozw"}]}
                """);
        assertThat(OzwRun.ozw("surgery", scratch, "--journal", journal, batch, "--out", dir.resolve("1.image")).exitCode())
                .isZero();
        Path withoutPen = dir.resolve("without-pen.image");
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            space.globalAssociation("Pen").orElseThrow().slotPut(0, space.toGuest(org.ozworkbench.core.space.Symbol.of("PenGone")));
            space.classNamed("Pen").orElseThrow().slotPut(space.contract().get(org.ozworkbench.core.contract.Slot.CLASS_NAME),
                    space.toGuest(org.ozworkbench.core.space.Symbol.of("PenGone")));
            space.save(withoutPen);
        }

        OzwRun run = OzwRun.ozw("replay", withoutPen, "--journal", journal, "--symbolic", "--out", dir.resolve("r.image"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("conflict", "'needs Pen'", "Pen").contains("0 applied, 0 skipped, 1 conflicts");
    }
}
