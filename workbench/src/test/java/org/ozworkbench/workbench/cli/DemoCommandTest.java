package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.TestImages;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void givenScratch_whenTheDemoRuns_thenTheSavedImageHasTheNewMethodAndTheOriginalIsUntouched() throws Exception {
        Path scratch = OzwRun.scratch();
        String before = TestImages.sha256(scratch);
        Path out = dir.resolve("demo.image");

        OzwRun run = ozw("demo", scratch, "--out", out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("== 1. Load", "objects     83,459", "priority 4  active",
                "== 3. A kernel method", "Array>>printOn:", "event  create #ozwDemo",
                "space.classNamed(\"Object\").addMethod(\"ozwDemo\", method)",
                "== 6. Reload", "Object>>ozwDemo", "pushConstant: 'Hello from Oz'",
                "== 7. The real Squeak VM", "the guest answered: 'Hello from Oz'",
                "== 8. Journaled surgeries", "real VM, after S1 and S2: the image reports S1=34 S2=Oz says hello",
                "real VM, after S_bad (its startup now fails): no report within 8 s: it does not start",
                "== 9. Way back 1", "real VM, rolled back: the image reports S1=34 S2=Oz says hello",
                "== 10. Way back 2", "3 applied, 2 skipped, 0 conflicts",
                "real VM, replayed without S_bad: the image reports S1=34 S2=Oz says hello");
        assertThat(TestImages.sha256(scratch)).isEqualTo(before);
        try (ObjectSpace saved = ObjectSpace.load(out)) {
            MethodMirror method = saved.classNamed("Object").orElseThrow().compiledMethodAt("ozwDemo").orElseThrow();
            assertThat(method.literalAt(0)).isInstanceOfSatisfying(ByteObjectMirror.class,
                    s -> assertThat(s.asString()).isEqualTo("Hello from Oz"));
        }
    }

    @Test
    void givenTheImageAsOut_whenTheDemoRuns_thenItRefusesToOverwriteIt() throws Exception {
        Path copy = TestImages.copyToTemp(OzwRun.scratch(), dir);

        OzwRun run = ozw("demo", copy, "--out", copy);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: refusing to overwrite the input image");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(OzwRun.scratch()));
    }
}
