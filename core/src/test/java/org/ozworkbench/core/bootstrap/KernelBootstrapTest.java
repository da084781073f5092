package org.ozworkbench.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/** The kernel kept in the repository ({@code kernel/6502}) bootstrapped with no base image, booted by the real VM. */
class KernelBootstrapTest {
    static final Path KERNEL_6502 = Path.of("..", "kernel", "6502");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theRealVmBootsTheKernelAndWritesFactorialSizeAndTheForkedProcessResult() throws Exception {
        Path image = dir.resolve("kernel.image");
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(KERNEL_6502))) {
            space.save(image);
        }
        RealVmRun run = RealVm.locate().boot(image, dir.resolve("bootstrap-marker.txt"), TIMEOUT);
        Path error = dir.resolve("bootstrap-error.txt");
        assertThat(Files.exists(error) ? Files.readString(error) : "no guest error").isEqualTo("no guest error");
        assertThat(run.markerOrFail()).isEqualTo("158 forked");
    }

    @Test
    void theSameSpecGivesTheSameBytes() {
        KernelSpec spec = KernelSpec.read(KERNEL_6502);
        byte[] first;
        try (ObjectSpace space = Bootstrap.build(spec)) {
            first = space.toBytes();
        }
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(KERNEL_6502))) {
            assertThat(space.toBytes()).isEqualTo(first);
        }
    }
}
