package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeRealVm;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeScratchImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The real-VM route on a Squeak 3 image whose file methods still call numbered primitives (as the
 * MIT Squeak 2.8 family does): Scratch.image made so through the membrane.
 */
class RealVmEvaluationTest {
    private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(30);
    private static final Duration HANGS_PAST = Duration.ofSeconds(15);
    private static final int NAMED_PRIMITIVE = 117;
    private static final int PRIM_OPEN = 153;
    /** A file of zeros this long is no image: the real VM says so and quits. */
    private static final int GARBAGE_BYTES = 64;

    @TempDir
    Path dir;

    @Test
    void aSqueak3ImageWithNumberedFilePrimitivesAnswersThroughTheRealVm() {
        RealVm vm = assumeRealVm();
        try (ObjectSpace space = ObjectSpace.load(assumeScratchImage())) {
            assertThat(numberFilePrimitives(space)).isGreaterThanOrEqualTo(NamedFilePrimitives.BY_NUMBER.size() / 2);
            assertThat(space.contract().dialect()).isEqualTo("squeak3");
            assertThat(primOpen(space).primitive()).isEqualTo(PRIM_OPEN);

            assertThat(RealVmEvaluation.evaluate(vm, space, "3 + 4", ANSWERS_WITHIN)).isEqualTo("7");
        }
    }

    @Test
    void aBootWhoseFileWriteFailsSaysWhatCanBeKnownNotOnlyThatItTimedOut() {
        RealVm vm = assumeRealVm();
        try (ObjectSpace space = ObjectSpace.load(assumeScratchImage())) {
            numberFilePrimitives(space);

            RealVmRun run = RealVmEvaluation.bootAnswering(vm, space, "printString", dir, HANGS_PAST);

            assertThat(run.marker()).as(run.summary()).isEmpty();
            assertThat(RealVmEvaluation.noAnswer(run)).isEqualTo("the guest wrote no answer: the real VM was still"
                    + " running after 15000 ms (killed): the boot process, which runs before the image's own startup,"
                    + " failed with an error (which waits for a debugger the VM cannot show) or never ended");
        }
    }

    @Test
    void aVmThatCannotLoadTheImageSaysTheBootProcessNeverRanAndWhatTheVmSaid() throws IOException {
        RealVm vm = assumeRealVm();
        Path garbage = Files.write(dir.resolve("garbage.image"), new byte[GARBAGE_BYTES]);

        RealVmRun run = vm.boot(garbage, dir.resolve(RealVmEvaluation.ANSWER_FILE), HANGS_PAST);

        assertThat(RealVmEvaluation.noAnswer(run)).startsWith("the guest wrote no answer: the real VM quit by itself"
                + " (exit code 0) after ").contains(" ms, so the boot process never ran (the VM could not load the"
                + " image) or quit before writing its answer; it said: ").contains("cannot read image file");
    }

    private static MethodMirror primOpen(ObjectSpace space) {
        return space.classNamed("StandardFileStream").orElseThrow().methodDictionary().at("primOpen:writable:")
                .orElseThrow();
    }

    /**
     * Makes every method calling a FilePlugin function by name call its old numbered primitive
     * instead, through the membrane (the header slot); answers how many it changed.
     */
    private static int numberFilePrimitives(ObjectSpace space) {
        Map<String, Integer> numbers = NamedFilePrimitives.BY_NUMBER.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        int changed = 0;
        for (ClassMirror cls : space.classes()) {
            for (ClassMirror side : List.of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    MethodMirror method = e.method();
                    if (method.primitive() != NAMED_PRIMITIVE || method.numLiterals() == 0) {
                        continue;
                    }
                    Integer number = functionName(method.literalAt(0)).map(numbers::get).orElse(null);
                    if (number != null) {
                        MethodHeader h = method.header();
                        MethodHeader numbered = new MethodHeader(number, h.numLiterals(), h.largeFrame(), h.numTemps(),
                                h.numArgs(), h.otherBits());
                        method.slotPut(0, SmallInteger.of(numbered.encode()));
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    private static Optional<String> functionName(GuestValue literal) {
        if (literal instanceof ObjectMirror description && description.slotCount() > 1
                && description.slot(1) instanceof ByteObjectMirror name) {
            return Optional.of(name.asString());
        }
        return Optional.empty();
    }
}
