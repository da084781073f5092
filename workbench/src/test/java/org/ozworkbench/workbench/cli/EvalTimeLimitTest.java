package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code ozw eval} bounds the host's interpreter by time (60 s unless --timeout says otherwise), not
 * by a bytecode count that bites harder the faster the host gets; --bytecodes adds a count for who
 * asks.
 */
class EvalTimeLimitTest {

    @Test
    void tinyBenchmarksRunsPastABillionBytecodesWithinTheDefaultTime() {
        OzwRun run = OzwRun.ozw("eval", OzwRun.scratch(), "0 tinyBenchmarks");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("'\\d+ bytecodes/sec; \\d+ sends/sec'\\R");
    }

    /** About 1.4 billion bytecodes: more than the billion that used to be the default limit. */
    @Test
    void aLoopOfMoreThanABillionBytecodesAnswersByDefaultAndStopsAtTheCountWhenAsked() {
        String loop = "| n | n := 0. 1 to: 200000000 do: [:i | n := n + 1]. n";

        OzwRun run = OzwRun.ozw("eval", OzwRun.scratch(), loop);
        OzwRun counted = OzwRun.ozw("eval", OzwRun.scratch(), loop, "--bytecodes", "1000000000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("200000000\n");
        assertThat(counted.exitCode()).isEqualTo(1);
        assertThat(counted.err()).isEqualTo("ozw: " + OzwRun.scratch()
                + ": the expression did not finish: budget exhausted after 1000000000 bytecodes (the bytecode limit)\n");
    }

    @Test
    void theTimeLimitEndsAnEndlessLoop() {
        long start = System.nanoTime();

        OzwRun run = OzwRun.ozw("eval", OzwRun.scratch(), "[true] whileTrue", "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("ozw: " + OzwRun.scratch() + ": the expression did not finish: ");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(30.0);
    }

    @Test
    void theHelpNamesTheTimeAsTheDefaultLimit() {
        OzwRun run = OzwRun.ozw("eval", "--help");

        assertThat(run.out()).contains("Seconds the guest may run (default 60).")
                .contains("(default: no limit but the time)");
    }
}
