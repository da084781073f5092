package org.ozworkbench.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.Execution;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Guest code run by the host interpreter on the real images: values, guest errors with their
 * stacks, and every way a run ends (budget, interruption from another thread, out of memory),
 * after which the space is still usable and its active process is as it was.
 */
class ExecutionTest {
    private static final String LOOP = "[true] whileTrue";

    private final ObjectSpace space = ObjectSpace.load(Images.scratch());
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        otherThread.shutdownNow();
        space.close();
    }

    private static Evaluation.Value value(Evaluation e) {
        assertThat(e).as(e.text()).isInstanceOf(Evaluation.Value.class);
        return (Evaluation.Value) e;
    }

    private static Evaluation.GuestError error(Evaluation e) {
        assertThat(e).as(e.text()).isInstanceOf(Evaluation.GuestError.class);
        return (Evaluation.GuestError) e;
    }

    private static RunResult unfinished(Evaluation e) {
        assertThat(e).as(e.text()).isInstanceOf(Evaluation.Unfinished.class);
        return ((Evaluation.Unfinished) e).result();
    }

    @Test
    void givenSmallIntegers_whenEvaluated_thenTheHostValueAndTheGuestPrintString() {
        Evaluation.Value v = value(space.evaluate("3 + 4"));

        assertThat(v.hostValue()).contains(7);
        assertThat(v.printString()).contains("7");
        assertThat(v.bytecodes()).isPositive();
    }

    @Test
    void givenAFactorial_whenEvaluated_thenItOverflowsIntoLargeIntegersExactly() {
        String expected = IntStream.rangeClosed(1, 100).mapToObj(BigInteger::valueOf)
                .reduce(BigInteger.ONE, BigInteger::multiply).toString();

        assertThat(value(space.evaluate("100 factorial")).printString()).contains(expected);
    }

    @Test
    void givenStringsAndCollections_whenEvaluated_thenTheGuestAnswers() {
        assertThat(value(space.evaluate("'abc' , 'def'")).hostValue()).contains("abcdef");
        assertThat(value(space.evaluate("#(3 1 2) asSortedCollection asArray")).printString()).contains("(1 2 3)");
        assertThat(value(space.evaluate("| d | d := Dictionary new. d at: #a put: 1; at: #b put: 2. d size"))
                .hostValue()).contains(2);
        assertThat(value(space.evaluate("(1 to: 10) inject: 0 into: [:a :b | a + b]")).hostValue()).contains(55);
    }

    @Test
    void givenANonLocalReturnFromABlock_whenEvaluated_thenTheDoItAnswersIt() {
        assertThat(value(space.evaluate("#(1 2 3) do: [:x | x = 2 ifTrue: [^ x * 10]]. 0")).hostValue()).contains(20);
        assertThat(value(space.evaluate("[^ 3] value. 4")).hostValue()).contains(3);
    }

    @Test
    void givenADivisionByZero_whenEvaluated_thenTheGuestErrorComesBackWithItsStack() {
        Evaluation.GuestError e = error(space.evaluate("#(1 2) collect: [:x | x / 0]"));

        assertThat(e.message()).isEqualTo("division by 0");
        assertThat(e.stack()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(e.stack().get(0)).startsWith("SmallInteger(Object)>>error: @");
        assertThat(e.stack().get(1)).startsWith("SmallInteger>>/ @");
        assertThat(e.stack().get(2)).startsWith("[] in DoIt @");
        assertThat(e.stack().get(3)).startsWith("Array(SequenceableCollection)>>collect: @");
    }

    @Test
    void givenAMessageNilDoesNotUnderstand_whenEvaluated_thenTheGuestErrorNamesIt() {
        Evaluation.GuestError e = error(space.evaluate("nil ozwNoSuchSelector"));

        assertThat(e.message()).isEqualTo("Message not understood: ozwNoSuchSelector");
        assertThat(e.stack()).anyMatch(f -> f.startsWith("UndefinedObject(Object)>>doesNotUnderstand: #ozwNoSuchSelector @"));
    }

    @Test
    void givenAnEndlessLoop_whenItsBytecodeBudgetIsSpent_thenTheRunStopsThereAndTheActiveProcessIsUntouched() {
        ProcessMirror active = space.scheduler().activeProcess();
        GuestObject context = space.unwrapObject(active.suspendedContext().orElseThrow());
        List<Object> slots = List.of(context.pointers().clone());

        RunResult r = unfinished(space.execution().evaluate(LOOP, Budget.bytecodes(2_000_000)));

        assertThat(r).isInstanceOf(RunResult.BudgetSpent.class);
        assertThat(r.bytecodes()).isEqualTo(2_000_000);
        assertThat(space.scheduler().activeProcess()).isEqualTo(active);
        assertThat(space.unwrapObject(active.suspendedContext().orElseThrow())).isSameAs(context);
        assertThat(List.of(context.pointers())).isEqualTo(slots);
        assertThat(value(space.evaluate("3 + 4")).hostValue()).contains(7);
    }

    @Test
    void givenAnEndlessLoop_whenItsTimeBudgetIsSpent_thenTheRunStops() {
        RunResult r = unfinished(space.execution().evaluate(LOOP, Budget.time(Duration.ofMillis(300))));

        assertThat(r).isInstanceOf(RunResult.BudgetSpent.class);
        assertThat(r.bytecodes()).isPositive();
    }

    @Test
    void givenAnUnlimitedEndlessLoop_whenAnotherThreadInterrupts_thenTheRunStopsAndTheSpaceGoesOn() throws Exception {
        Execution execution = space.execution();
        Future<Evaluation> running = otherThread.submit(() -> execution.evaluate(LOOP, Budget.unlimited()));
        await().atMost(Duration.ofSeconds(30)).until(() -> execution.isRunning()
                && execution.interpreter().bytecodesExecuted() > 1_000_000);

        space.interrupt();

        RunResult r = unfinished(running.get());
        assertThat(r).isInstanceOf(RunResult.Interrupted.class);
        assertThat(value(space.evaluate("3 + 4")).hostValue()).contains(7);
    }

    @Test
    void givenAnExpressionThatKeepsEverythingItAllocates_whenTheHeapCeilingIsReached_thenTheGuestIsOutOfMemoryAndTheSpaceGoesOn() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        space.execution().heapCeiling(used + (256L << 20));

        RunResult r = unfinished(space.execution().evaluate(
                "| c | c := OrderedCollection new. [true] whileTrue: [c add: (Array new: 100000)]", Budget.unlimited()));

        assertThat(r).isInstanceOf(RunResult.OutOfMemory.class);
        assertThat(((RunResult.OutOfMemory) r).heapBytes()).isGreaterThan(used + (256L << 20));
        space.execution().heapCeiling(Long.MAX_VALUE);
        assertThat(value(space.evaluate("3 + 4")).hostValue()).contains(7);
    }

    @Test
    void givenACpuQuota_whenALoopRuns_thenTheGuestUsesAboutThatShareOfTheProcessor() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        space.execution().quota(Duration.ofMillis(200));
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();

        RunResult r = unfinished(space.execution().evaluate(LOOP, Budget.time(Duration.ofMillis(2_500))));

        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        assertThat(r).isInstanceOf(RunResult.BudgetSpent.class);
        assertThat(wall).isGreaterThanOrEqualTo(Duration.ofMillis(2_000).toNanos());
        // 200 ms per second: well under half of the wall time, wide of the scheduler's noise
        assertThat(cpu).as("CPU %d ms of %d ms", cpu / 1_000_000, wall / 1_000_000).isLessThan(wall / 2);
    }

    @Test
    void givenAnOpenSurgery_whenTheGuestIsRun_thenTheRunIsRefused() {
        try (Surgery s = space.beginSurgery("open")) {
            assertThatThrownBy(() -> space.run(Budget.bytecodes(1_000)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("surgery 'open' is open");
        }
    }

    @Test
    void givenARunningGuest_whenASurgeryBegins_thenItIsRefused() throws Exception {
        Execution execution = space.execution();
        Future<Evaluation> running = otherThread.submit(() -> execution.evaluate(LOOP, Budget.unlimited()));
        await().atMost(Duration.ofSeconds(30)).until(execution::isRunning);

        assertThatThrownBy(() -> space.beginSurgery("during a run"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("while the guest is running");
        space.interrupt();
        assertThat(unfinished(running.get())).isInstanceOf(RunResult.Interrupted.class);
    }

    @Test
    void givenASandbox_whenItsGuestChangesTheSystem_thenTheOriginalSavesByteIdentical() {
        byte[] before = space.toBytes();

        try (ObjectSpace sandbox = space.sandbox()) {
            value(sandbox.evaluate("Smalltalk at: #OzwSandboxed put: 42"));
            assertThat(value(sandbox.evaluate("Smalltalk at: #OzwSandboxed")).hostValue()).contains(42);
        }

        assertThat(space.toBytes()).isEqualTo(before);
        assertThat(value(space.evaluate("Smalltalk includesKey: #OzwSandboxed")).hostValue()).contains(false);
    }

    @Test
    void givenAPausedGuest_whenProcessMirrorsTerminateOneProcessAndReprioritizeAnother_thenTheRunFollows() {
        value(space.evaluate("| log | log := Smalltalk at: #OzwLog put: OrderedCollection new."
                + " Smalltalk at: #OzwA put: ([log add: #a] newProcess priority: 5; yourself)."
                + " Smalltalk at: #OzwB put: ([log add: #b] newProcess priority: 5; yourself)."
                + " Smalltalk at: #OzwC put: ([log add: #c] newProcess priority: 5; yourself)"));
        ProcessMirror a = process("OzwA");
        ProcessMirror b = process("OzwB");
        ProcessMirror c = process("OzwC");
        a.resume();
        b.resume();
        c.resume();
        b.terminate();
        c.priority(6);

        space.run(Budget.bytecodes(100_000));

        // a became the active process when resumed (priority 5 over the active 4); once it ends, c
        // (moved to 6) runs before anything at 5 or 4; b, terminated, never runs
        assertThat(value(space.evaluate("(Smalltalk at: #OzwLog) asArray")).printString()).contains("(#a #c)");
        assertThat(b.state()).isEqualTo(ProcessMirror.State.TERMINATED);
    }

    private ProcessMirror process(String global) {
        return (ProcessMirror) value(space.evaluate("Smalltalk at: #" + global)).value();
    }

    /** Both bytecode sets: BlockContexts (6502) and closures (6505), with their own class names. */
    @ParameterizedTest
    @ValueSource(strings = {"mini-6502.image", "candle-6505.image"})
    void givenTheSharedImages_whenBlocksAndErrorsAreEvaluated_thenTheyAnswerAsOnScratch(String image) {
        try (ObjectSpace other = ObjectSpace.load(Images.assumeImage(image))) {
            assertThat(value(other.evaluate("[:x | x + 1] value: 41")).hostValue()).contains(42);
            assertThat(value(other.evaluate("#(1 2 3) do: [:x | x = 2 ifTrue: [^ x * 10]]. 0")).hostValue()).contains(20);
            assertThat(value(other.evaluate("(2 raisedTo: 64) printString")).hostValue())
                    .contains("18446744073709551616");
            Evaluation.GuestError e = error(other.evaluate("1 / 0"));
            assertThat(e.message()).isEqualTo("division by 0");
            assertThat(e.stack()).last().asString().startsWith("[] in DoIt @");
        }
    }
}
