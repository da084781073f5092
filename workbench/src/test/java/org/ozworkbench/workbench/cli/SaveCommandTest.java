package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.imageOf;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.fixtures.TestImages;

class SaveCommandTest {
    @TempDir
    Path dir;

    static Iterable<ImageFacts> images() {
        return ImageFacts.all();
    }

    @ParameterizedTest
    @MethodSource("images")
    void givenAnImage_whenSavedUnchanged_thenTheFileHasTheSameBytes(ImageFacts facts) throws Exception {
        Path image = imageOf(facts);
        Path out = dir.resolve("saved.image");

        OzwRun run = ozw("save", image, "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(image));
        assertThat(run.out()).contains("wrote", "identical to " + image);
    }

    @Test
    void givenScratch_whenSavedWithJson_thenItReportsSizeIdentityAndChecksum() throws Exception {
        Path image = OzwRun.scratch();
        Path out = dir.resolve("saved.image");

        OzwRun run = ozw("save", image, "-o", out, "--json");

        assertThat(run.json().get("bytesWritten").asLong()).isEqualTo(Files.size(image));
        assertThat(run.json().get("identical").asBoolean()).isTrue();
        assertThat(run.json().get("sha256").asText()).isEqualTo(TestImages.sha256(image));
    }

    @Test
    void givenAnImage_whenSaved_thenTheFileGetsItsPermissionsPlusTheOwnersWrite() throws Exception {
        Path image = OzwRun.scratch();
        Path out = dir.resolve("saved.image");

        ozw("save", image, "--out", out);

        Set<PosixFilePermission> expected = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        expected.addAll(Files.getPosixFilePermissions(image));
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(expected);
    }

    @Test
    void givenTheImageItself_whenSavedWithoutOverwrite_thenItRefusesAndLeavesTheFile() throws Exception {
        Path copy = TestImages.copyToTemp(OzwRun.scratch(), dir);
        long modified = Files.getLastModifiedTime(copy).toMillis();

        OzwRun run = ozw("save", copy, "--out", copy);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("ozw: refusing to overwrite the input image " + copy);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).isEqualTo(modified);
    }

    @Test
    void givenTheImageItself_whenSavedWithOverwrite_thenItIsRewrittenIdentical() throws Exception {
        Path copy = TestImages.copyToTemp(OzwRun.scratch(), dir);

        OzwRun run = ozw("save", copy, "--out", copy, "--overwrite");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("identical to " + copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(OzwRun.scratch()));
    }
}
