package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;

class SurgeryCommandsTest {
    @TempDir
    Path dir;

    private final Path scratch = OzwRun.scratch();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path batch() throws IOException {
        return write("version.json", """
                {"label": "version and sum",
                 "steps": [
                   {"op": "classVariable", "class": "SystemDictionary", "name": "VersionString", "value": {"string": "Oz 1"}},
                   {"op": "compile", "class": "Point", "source": "ozwSum  ^ x + y", "category": "ozw"}]}
                """);
    }

    private Path fileIn() throws IOException {
        return write("diff.st", "!Point methodsFor: 'ozw'!\rozwDiff\r\t^ x - y! !\r");
    }

    private JournalReport report(Path journal) {
        try (Journal j = Journal.openReadOnly(journal)) {
            return j.report();
        }
    }

    @Test
    void surgeriesFromJsonAndFileInsAreJournaledAndTheRealVmRunsTheResult() throws IOException {
        Path journal = dir.resolve("journal");
        Path first = dir.resolve("first.image");
        Path second = dir.resolve("second.image");

        OzwRun a = OzwRun.ozw("surgery", scratch, "--journal", journal, batch(), "--out", first);
        OzwRun b = OzwRun.ozw("surgery", scratch, "--journal", journal, fileIn(), "--out", second);

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("'version and sum' committed", "1 MethodInstalled", "0 earlier surgeries replayed");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("'diff.st' committed", "1 earlier surgeries replayed");
        assertThat(OzwRun.ozw("eval", "--real-vm", second, "Smalltalk version , ' ' , (3 @ 4) ozwSum printString , ' '"
                + " , (3 @ 4) ozwDiff printString").out().strip()).isEqualTo("'Oz 1 7 -1'");
        assertThat(report(journal).committed()).extracting(RecordedSurgery::label)
                .containsExactly("version and sum", "diff.st");
    }

    @Test
    void aRollbackStandingInTheWayOfALaterSurgeryIsRefusedThenDoneInOrderBackToTheOriginalBytes() throws IOException {
        Path journal = dir.resolve("journal");
        OzwRun.ozw("surgery", scratch, "--journal", journal, batch(), "--out", dir.resolve("1.image"));
        OzwRun.ozw("surgery", scratch, "--journal", journal, fileIn(), "--out", dir.resolve("2.image"));
        Path refusedOut = dir.resolve("refused.image");

        OzwRun refused = OzwRun.ozw("rollback", scratch, "--journal", journal, "version and sum", "--out", refusedOut);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("cannot roll back", "later surgery",
                "'diff.st'", "the method dictionary of Point", "roll it back first");
        assertThat(refusedOut).doesNotExist();

        OzwRun undoSecond = OzwRun.ozw("rollback", scratch, "--journal", journal, "diff.st", "--out", dir.resolve("3.image"));
        Path original = dir.resolve("original.image");
        OzwRun undoFirst = OzwRun.ozw("rollback", scratch, "--journal", journal, "version and sum", "--out", original);

        assertThat(undoSecond.exitCode()).as(undoSecond.err()).isZero();
        assertThat(undoFirst.exitCode()).as(undoFirst.err()).isZero();
        assertThat(undoFirst.out()).contains("rolled back", "'version and sum'", "1 MethodRemoved");
        assertThat(Files.readAllBytes(original)).isEqualTo(Files.readAllBytes(scratch));
        assertThat(OzwRun.ozw("eval", "--real-vm", dir.resolve("3.image"), "Smalltalk version").out().strip()).isEqualTo("'Oz 1'");
    }

    @Test
    void aFailingStepAbortsTheWholeSurgerySavesNothingAndTheJournalSaysAborted() throws IOException {
        Path journal = dir.resolve("journal");
        Path out = dir.resolve("out.image");
        Path bad = write("bad.json", """
                {"label": "half", "steps": [
                  {"op": "compile", "class": "Point", "source": "ozwSum  ^ x + y"},
                  {"op": "store", "object": "Processor", "slot": "nope", "value": 1}]}
                """);

        OzwRun run = OzwRun.ozw("surgery", scratch, "--journal", journal, bad, "--out", out);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("step 2 (store)", "no instance variable named 'nope'");
        assertThat(out).doesNotExist();
        assertThat(report(journal).surgeries()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(RecordedSurgery.State.ABORTED));
    }

    @Test
    void badBatchesAndAnotherBaseImageAreOneLineErrors() throws IOException {
        Path journal = dir.resolve("journal");
        OzwRun.ozw("surgery", scratch, "--journal", journal, batch(), "--out", dir.resolve("1.image"));

        OzwRun unknownOp = OzwRun.ozw("surgery", scratch, "--journal", journal,
                write("op.json", "{\"steps\": [\n  {\"op\": \"frob\"}]}"), "--out", dir.resolve("x.image"));
        OzwRun otherBase = OzwRun.ozw("surgery", dir.resolve("1.image"), "--journal", journal, fileIn(), "--out",
                dir.resolve("y.image"));
        OzwRun overwrite = OzwRun.ozw("surgery", scratch, "--journal", journal, fileIn(), "--out", scratch);

        assertThat(unknownOp.exitCode()).isEqualTo(2);
        assertThat(unknownOp.errLines()).singleElement().asString().contains("op.json:2:", "unknown op \"frob\"");
        assertThat(otherBase.exitCode()).isEqualTo(2);
        assertThat(otherBase.errLines()).singleElement().asString().contains("[other-base-image]", "1.image");
        assertThat(overwrite.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("x.image")).doesNotExist();
        assertThat(dir.resolve("y.image")).doesNotExist();
    }
}
