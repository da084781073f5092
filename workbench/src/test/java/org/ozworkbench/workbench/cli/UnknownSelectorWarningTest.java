package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A send of a selector no class of the image implements (a typo) is compiled, as Squeak's own
 * compiler does once asked, with a warning naming it: in compile, filein and surgery.
 */
class UnknownSelectorWarningTest {
    private static final String TYPO = "ozwStart  self restoreResumptionTime. ^ self ozwStart";
    private static final String WARNING = "ozw: warning: Delay class>>ozwStart sends #restoreResumptionTime, which no"
            + " class implements";

    @TempDir
    Path dir;

    private static void assertInstalled(Path image, String className, String selector) {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            assertThat(space.classNamed(className).orElseThrow().compiledMethodAt(selector)).isPresent();
        }
    }

    @Test
    void compileWarnsOfEachSelectorNoClassImplementsAndInstallsTheMethodAllTheSame() {
        Path out = dir.resolve("typo.image");

        OzwRun run = OzwRun.ozw("compile", OzwRun.scratch(), "Delay class", TYPO, "--out", out);
        OzwRun json = OzwRun.ozw("compile", OzwRun.scratch(), "Delay class", TYPO, "--out", dir.resolve("j.image"),
                "--json");
        OzwRun clean = OzwRun.ozw("compile", OzwRun.scratch(), "Delay class",
                "ozwStart  self restoreResumptionTimes. ^ self ozwStart", "--out", dir.resolve("clean.image"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).containsExactly(WARNING);
        assertThat(run.out()).startsWith("installed Delay class>>ozwStart");
        assertInstalled(out, "Delay class", "ozwStart");
        assertThat(json.json().get("warnings")).extracting(w -> "ozw: warning: " + w.asText()).containsExactly(WARNING);
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.err()).isEmpty();
    }

    @Test
    void fileInWarnsOnlyOfSelectorsNothingImplementsOnceEveryMethodOfTheFileIsIn() throws IOException {
        Path st = Files.writeString(dir.resolve("w.st"), "!Point methodsFor: 'ozw'!\rozwA\r\t^ self ozwB; zork: 3! !\r"
                + "!Point methodsFor: 'ozw'!\rozwB\r\t^ [:a | a frobnicate] value: x! !\r");

        OzwRun run = OzwRun.ozw("filein", OzwRun.scratch(), st, "--out", dir.resolve("w.image"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).containsExactly(
                "ozw: warning: Point>>ozwA sends #zork:, which no class implements",
                "ozw: warning: Point>>ozwB sends #frobnicate, which no class implements");
        assertInstalled(dir.resolve("w.image"), "Point", "ozwA");
    }

    @Test
    void aSurgeryWarnsAndCommits() throws IOException {
        Path batch = Files.writeString(dir.resolve("typo.json"), """
                {"label": "typo", "steps": [{"op": "compile", "class": "Delay class", "source": "%s"}]}
                """.formatted(TYPO));

        OzwRun run = OzwRun.ozw("surgery", OzwRun.scratch(), "--journal", dir.resolve("j"), batch, "--out",
                dir.resolve("s.image"), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).containsExactly(WARNING);
        assertThat(run.json().get("state").asText()).isEqualTo("committed");
        assertThat(run.json().get("warnings")).extracting(w -> "ozw: warning: " + w.asText()).containsExactly(WARNING);
        assertInstalled(dir.resolve("s.image"), "Delay class", "ozwStart");
    }
}
