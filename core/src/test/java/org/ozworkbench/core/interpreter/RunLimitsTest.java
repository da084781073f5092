package org.ozworkbench.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A run that does not finish says which limit stopped it: the bytecodes, the time, or the heap
 * ceiling, and then how deep the active process was (a recursion without end used to run 33 s into
 * 6 GB and be reported as "budget exhausted").
 */
class RunLimitsTest {
    private static final String LOOP = "[true] whileTrue";
    private static final long CEILING_ROOM = 200L * 1024 * 1024;

    private final ObjectSpace space = ObjectSpace.load(Images.scratch());

    private static Evaluation.Unfinished unfinished(Evaluation e) {
        assertThat(e).isInstanceOf(Evaluation.Unfinished.class);
        return (Evaluation.Unfinished) e;
    }

    @Test
    void aRunStoppedByItsBytecodesSaysSo() {
        Evaluation.Unfinished u = unfinished(space.execution().evaluate(LOOP, Budget.bytecodes(1_000_000)));

        assertThat(u.result()).isEqualTo(new RunResult.BudgetSpent(1_000_000, RunResult.Limit.BYTECODES));
        assertThat(u.reason()).isEqualTo("budget exhausted after 1000000 bytecodes (the bytecode limit)");
    }

    @Test
    void aRunStoppedByItsTimeSaysSo() {
        Evaluation.Unfinished u = unfinished(space.execution().evaluate(LOOP, Budget.time(Duration.ofMillis(300))));

        assertThat(((RunResult.BudgetSpent) u.result()).limit()).isEqualTo(RunResult.Limit.TIME);
        assertThat(u.reason()).endsWith("bytecodes (the time limit)");
    }

    @Test
    void aRecursionWithoutEndIsStoppedByTheHeapCeilingAndNamedByItsDepth() {
        Compiler.on(space).install(space.classNamed("Object").orElseThrow(), "ozwRecurse ^ self ozwRecurse");
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        space.execution().heapCeiling(used + CEILING_ROOM);

        Evaluation.Unfinished u = unfinished(space.execution().evaluate("nil ozwRecurse",
                Budget.time(Duration.ofSeconds(120))));

        RunResult.OutOfMemory out = (RunResult.OutOfMemory) u.result();
        assertThat(out.stackDepth()).isGreaterThan(100_000);
        assertThat(u.reason()).startsWith("guest out of memory: the heap ceiling of " + (used + CEILING_ROOM) / (1024 * 1024)
                + " MB was reached").endsWith("contexts deep: a recursion without end?");
        assertThat(space.evaluate("3 + 4").text()).isEqualTo("7");
    }

    @Test
    void theDefaultHeapCeilingKeepsARunawayGuestWellInsideTheMachine() {
        assertThat(Interpreter.defaultHeapCeiling()).isLessThanOrEqualTo(Interpreter.MAX_DEFAULT_HEAP_CEILING)
                .isLessThanOrEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.8));
    }
}
