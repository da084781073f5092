package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCommandTest {
    private static final Path KERNEL_6502 = Path.of("..", "kernel", "6502");

    @TempDir
    Path dir;

    @Test
    void givenTheKernelSpec_whenBootstrappedWithAGenesisJournal_thenReplayingTheJournalGivesTheSameBytes()
            throws Exception {
        Path image = dir.resolve("kernel.image");
        Path journal = dir.resolve("journal");

        OzwRun bootstrap = ozw("bootstrap", KERNEL_6502, "--out", image, "--journal", journal);
        OzwRun replay = ozw("replay", "--journal", journal, "--out", dir.resolve("replayed.image"));

        assertThat(bootstrap.exitCode()).as(bootstrap.err()).isZero();
        assertThat(bootstrap.out()).contains("42 classes from 6 files", "genesis journal " + journal);
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("7 applied, 0 skipped, 0 conflicts");
        assertThat(Files.readAllBytes(dir.resolve("replayed.image"))).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void givenAGenesisJournal_whenASurgeryIsRecordedAfterItAndRolledBack_thenTheImageIsTheBootstrapsBytes()
            throws Exception {
        Path image = dir.resolve("kernel.image");
        Path journal = dir.resolve("journal");
        Path twice = Files.writeString(dir.resolve("twice.st"), "!SmallInteger methodsFor: 'ozw'!\ntwice\n\t^self * 2\n! !\n");
        ozw("bootstrap", KERNEL_6502, "--out", image, "--journal", journal);

        OzwRun surgery = ozw("surgery", image, "--journal", journal, twice, "--out", dir.resolve("twice.image"));
        OzwRun stale = ozw("surgery", image, "--journal", journal, twice, "--out", dir.resolve("stale.image"));
        OzwRun eval = ozw("eval", dir.resolve("twice.image"), "21 twice");
        OzwRun rollback = ozw("rollback", dir.resolve("twice.image"), "--journal", journal, "twice.st", "--out",
                dir.resolve("rolled-back.image"));

        assertThat(surgery.exitCode()).as(surgery.err()).isZero();
        assertThat(surgery.out()).contains("7 earlier surgeries replayed");
        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.err()).contains("a genesis journal whose surgeries give an image with SHA-256", "[other-base-image]");
        assertThat(eval.out()).contains("42");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("rolled-back.image"))).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void givenASpecWhoseMethodDoesNotCompile_whenBootstrapped_thenOneLineNamesFileAndLineAndNothingIsWritten()
            throws Exception {
        Path spec = dir.resolve("spec");
        Files.createDirectory(spec);
        try (Stream<Path> files = Files.list(KERNEL_6502)) {
            for (Path f : files.toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
        Path numbers = spec.resolve("numbers.st");
        Files.writeString(numbers, Files.readString(numbers).replace("(self - 1) factorial", "(self - 1 factorial"));
        Path journal = dir.resolve("journal");

        OzwRun run = ozw("bootstrap", spec, "--out", dir.resolve("kernel.image"), "--journal", journal);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ozw: " + numbers + ":77: in Integer: expected ')' to close the parenthesis"
                + " opened at line 3:10\n");
        assertThat(dir.resolve("kernel.image")).doesNotExist();
        assertThat(journal).doesNotExist();
    }
}
