package org.ozworkbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupTest {

    @TempDir
    Path temp;

    @Test
    void scratchFallsBackToTheEnvironmentThenTheCache() throws IOException {
        Path fromEnvironment = Files.writeString(temp.resolve("env.image"), "x");
        Path cached = Files.writeString(temp.resolve("cached.image"), "x");
        Path missing = temp.resolve("missing.image");

        assertThat(ScratchImage.lookup(missing, fromEnvironment.toString(), cached).result())
                .contains(fromEnvironment);
        assertThat(ScratchImage.lookup(missing, null, cached).result()).contains(cached);
    }

    @Test
    void theRealVmIsFoundInItsVersionedFolder() {
        assumeTrue(Files.isDirectory(RealVmConstants.SQUEAK_LIB_DIR), "skipped: squeak-vm is not installed");

        assertThat(RealVm.find().map(RealVm::executable)).hasValueSatisfying(vm -> {
            assertThat(vm.getParent().getParent()).isEqualTo(RealVmConstants.SQUEAK_LIB_DIR);
            assertThat(vm.getFileName()).hasToString(RealVmConstants.SQUEAK_VM_NAME);
            assertThat(Files.isExecutable(vm)).isTrue();
        });
    }

    @Test
    void theNewestOfSeveralVmVersionsIsChosenAndTheEnvironmentIsTheFallback() throws IOException {
        Path lib = temp.resolve("lib");
        Path older = fakeVm(lib.resolve("4.10.2/" + RealVmConstants.SQUEAK_VM_NAME));
        Path newer = fakeVm(lib.resolve("4.16.7/" + RealVmConstants.SQUEAK_VM_NAME));

        assertThat(RealVm.lookup(lib, null).result()).contains(newer);
        assertThat(RealVm.lookup(temp.resolve("none"), older.toString()).result()).contains(older);
        assertThat(RealVm.lookup(temp.resolve("none"), null).tried())
                .anySatisfy(why -> assertThat(why).contains("no executable matches"));
    }

    private static Path fakeVm(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        assertThat(path.toFile().setExecutable(true)).isTrue();
        return path;
    }
}
