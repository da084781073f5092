package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeRealVm;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeScratchImage;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeSharedImage;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.realvm.RealVm;

/**
 * Methods made by {@code basicNew:} and {@code basicNew} on a CompiledMethod class (primitives 71
 * and 70), by {@code newMethod:header:} (primitive 79) and copied by {@code copyFrom:to:}
 * (primitive 105 between two methods) in the host, against the real VM. The
 * host's primitive 71 used to fail for a CompiledMethod class, so the image's fallback retried for
 * ever: the first expression never answered, the second looped on mini.
 */
class CompiledMethodPrimitivesTest {
    private static final String NEW_METHOD = "(CompiledMethod basicNew: 30) size";
    private static final String NEW_EMPTY_METHOD = "(CompiledMethod basicNew) size";
    /** Primitive 79: a header with 3 literals, 10 bytes after them. */
    private static final String NEW_METHOD_WITH_HEADER = "| m | m := CompiledMethod newMethod: 10 header: 1536."
            + " (Array with: m size with: m numLiterals with: m initialPC with: m endPC) , (Array with: (m literalAt: 2))";
    private static final String COPIED_METHOD = "| m c | m := Object compiledMethodAt: #printString."
            + " c := m copyFrom: m initialPC to: m initialPC + 26."
            + " (Array with: c size with: c first with: c last with: (c at: 5)) , (Array with: c class name)";
    private static final long BUDGET = 2_000_000;
    private static final Duration REAL_VM_LIMIT = Duration.ofSeconds(30);

    @Test
    void onMiniBothAnswerAsTheRealVm() {
        Path mini = assumeSharedImage(SharedImage.MINI);

        assertThat(hostAndRealVm(mini, NEW_METHOD)).containsExactly("30", "30");
        assertThat(hostAndRealVm(mini, NEW_EMPTY_METHOD)).containsExactly("0", "0");
        assertThat(hostAndRealVm(mini, NEW_METHOD_WITH_HEADER)).containsExactly("(26 3 17 25 nil )", "(26 3 17 25 nil )");
        assertThat(hostAndRealVm(mini, COPIED_METHOD))
                .containsExactly("(27 32 124 118 CompiledMethod )", "(27 32 124 118 CompiledMethod )");
    }

    @Test
    void onScratchBasicNewAnswersAsTheRealVmAndCopyFromToFailsAlikeInBoth() {
        Path scratch = assumeScratchImage();

        assertThat(hostAndRealVm(scratch, NEW_METHOD)).containsExactly("30", "30");
        assertThat(hostAndRealVm(scratch, NEW_EMPTY_METHOD)).containsExactly("0", "0");
        assertThat(hostAndRealVm(scratch, NEW_METHOD_WITH_HEADER)).containsExactly("(26 3 17 25 nil)", "(26 3 17 25 nil)");
        assertThat(hostAndRealVm(scratch, COPIED_METHOD)).containsExactly(
                "Error: CompiledMethods may only be created with newMethod:header:",
                "Error: CompiledMethods may only be created with newMethod:header:");
    }

    /** What the host's interpreter answers (the error's first line), then what the real VM answers. */
    private static String[] hostAndRealVm(Path image, String expression) {
        RealVm vm = assumeRealVm();
        String host;
        try (ObjectSpace space = ObjectSpace.load(image)) {
            Evaluation e = space.execution().evaluate(expression, Budget.bytecodes(BUDGET));
            host = e instanceof Evaluation.GuestError error ? "Error: " + error.message() : e.text();
        }
        try (ObjectSpace space = ObjectSpace.load(image)) {
            return new String[] {host, RealVmEvaluation.evaluate(vm, space, expression, REAL_VM_LIMIT)};
        }
    }
}
