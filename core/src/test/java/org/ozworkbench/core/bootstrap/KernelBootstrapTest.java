package org.ozworkbench.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The kernels kept in the repository, bootstrapped with no base image and booted by the real VM:
 * {@code kernel/6502} (BlockContexts) and {@code kernel/6505} (closures).
 */
class KernelBootstrapTest {
    static final Path KERNEL_6502 = kernel("6502");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    static Path kernel(String format) {
        return Path.of("..", "kernel", format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6502", "6505"})
    void theRealVmBootsTheKernelAndWritesFactorialSizeAndTheForkedProcessResult(String format) throws Exception {
        Path image = dir.resolve("kernel.image");
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(kernel(format)))) {
            space.save(image);
        }
        RealVmRun run = RealVm.locate().boot(image, dir.resolve("bootstrap-marker.txt"), TIMEOUT);
        Path error = dir.resolve("bootstrap-error.txt");
        assertThat(ObjectSpace.probe(image).format().version()).isEqualTo(Integer.parseInt(format));
        assertThat(Files.exists(error) ? Files.readString(error) : "no guest error").isEqualTo("no guest error");
        assertThat(run.markerOrFail()).isEqualTo("158 forked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6502", "6505"})
    void theHostsInterpreterRunsTheBootExpressionsWorkInTheBootstrappedSpace(String format) {
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(kernel(format)))) {
            assertThat(space.evaluate("100 factorial printString size").text()).isEqualTo("158");
            assertThat(space.evaluate("| done forked | done := Semaphore new. forked := 'not run'."
                    + " [forked := 'forked'. done signal] fork. done wait. forked").text()).isEqualTo("forked");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"6502", "6505"})
    void theSameSpecGivesTheSameBytes(String format) {
        byte[] first;
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(kernel(format)))) {
            first = space.toBytes();
        }
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(kernel(format)))) {
            assertThat(space.toBytes()).isEqualTo(first);
        }
    }

    @Test
    void aClassSideInstanceVariableGivesTheClassAndItsSubclassesASlotThatClassMethodsUse() throws Exception {
        Path spec = Files.createDirectory(dir.resolve("spec"));
        try (Stream<Path> files = Files.list(KERNEL_6502)) {
            for (Path f : files.toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
        Files.writeString(spec.resolve("classes.st"), "Magnitude class instanceVariableNames: 'made'!\n\n"
                + "!Magnitude class methodsFor: 'counting'!\nmade\n\t^made!\nmakeOne\n\tmade := (made isNil ifTrue: [0]"
                + " ifFalse: [made]) + 1! !\n", StandardOpenOption.APPEND);
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(spec))) {
            int classSize = space.classNamed("Class").orElseThrow().instanceSize();

            assertThat(space.classNamed("Magnitude class").orElseThrow().instanceSize()).isEqualTo(classSize + 1);
            assertThat(space.classNamed("Integer class").orElseThrow().instanceSize()).isEqualTo(classSize + 1);
            assertThat(space.classNamed("Object class").orElseThrow().instanceSize()).isEqualTo(classSize);
            assertThat(space.classNamed("Magnitude class").orElseThrow().instanceVariableNames()).containsExactly("made");
            assertThat(space.evaluate("Integer makeOne; makeOne. Magnitude makeOne. Integer made printString , ' '"
                    + " , Magnitude made printString").text()).isEqualTo("2 1");
        }
    }
}
