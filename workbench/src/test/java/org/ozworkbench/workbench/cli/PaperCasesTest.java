package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.journal.Rollback;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The Oz paper's three cases on Scratch.image, end to end: the host runs the guest in its own
 * interpreter, the journal undoes surgeries, and the real VM judges the images saved.
 */
class PaperCasesTest {
    private static final String SUM = "#(1 2 3) inject: 0 into: [:a :b | a + b]";

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();

    private static String surgery(JournalSession session, String label, Consumer<ObjectSpace> work) {
        try (Surgery s = session.space().beginSurgery(label)) {
            work.accept(session.space());
            s.commit();
            return s.id();
        }
    }

    private static Evaluation.Value value(Evaluation e) {
        assertThat(e).as(e.text()).isInstanceOf(Evaluation.Value.class);
        return (Evaluation.Value) e;
    }

    private static ProcessMirror process(ObjectSpace space, String global) {
        Evaluation.Value v = value(space.evaluate("Smalltalk at: #" + global));
        return (ProcessMirror) v.value();
    }

    /**
     * Self-brain surgery: a surgery breaks {@code Array>>do:}, which inject:into: uses; guest code
     * then fails inside the guest, in the broken method, while the host's tools go on reading the
     * image; rolling the surgery back makes the guest work again. The real VM agrees on both saved
     * images.
     */
    @Test
    void selfBrainSurgery_aBrokenArrayDoFailsInTheGuestOnlyAndItsRollbackHealsIt() {
        Path journal = dir.resolve("journal");
        Path broken = dir.resolve("broken.image");
        Path healed = dir.resolve("healed.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ObjectSpace space = session.space();
            assertThat(value(space.evaluate(SUM)).hostValue()).contains(6);

            String bad = surgery(session, "break Array>>do:", s -> s.classNamed("Array").orElseThrow()
                    .compile("do: aBlock\n\t^ self error: 'Array>>do: broken by surgery'", "ozw"));

            Evaluation failed = space.evaluate(SUM);
            assertThat(failed).isInstanceOf(Evaluation.GuestError.class);
            Evaluation.GuestError error = (Evaluation.GuestError) failed;
            assertThat(error.message()).isEqualTo("Array>>do: broken by surgery");
            assertThat(error.stack()).anyMatch(f -> f.startsWith("Array>>do: @"))
                    .anyMatch(f -> f.startsWith("Array(Collection)>>inject:into: @"));
            session.save(broken);
            // the host's own tools, which run no guest code, go on reading the broken image
            OzwRun methods = ozw("methods", broken, "Array", "-d", "do:");
            assertThat(methods.exitCode()).as(methods.err()).isZero();
            assertThat(methods.out()).contains("Array>>do:", "'Array>>do: broken by surgery'");

            Rollback.apply(space, Rollback.plan(session.report(), bad));

            assertThat(value(space.evaluate(SUM)).hostValue()).contains(6);
            session.save(healed);
        }
        assertThat(ozw("eval", "--real-vm", broken, SUM).out().strip()).isEqualTo("Error: Array>>do: broken by surgery");
        assertThat(ozw("eval", "--real-vm", healed, SUM).out().strip()).isEqualTo("6");
    }

    /**
     * Uncontrolled computation: a process at the highest priority loops forever. The host's budget
     * takes control back; {@code ozw processes} shows the looping process as the active one; the
     * host suspends it through its ProcessMirror, and a lower-priority process then runs.
     */
    @Test
    void uncontrolledComputation_theBudgetStopsALoopAtTheHighestPriorityAndASuspensionLetsLowerWorkRun() {
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            value(space.evaluate("Smalltalk at: #OzwDone put: false; at: #OzwWork put:"
                    + " ([Smalltalk at: #OzwDone put: true] newProcess priority: Processor userInterruptPriority; yourself)"));
            value(space.evaluate("Smalltalk at: #OzwLooper put:"
                    + " ([[true] whileTrue] newProcess priority: Processor highestPriority; yourself)"));
            ProcessMirror looper = process(space, "OzwLooper");
            ProcessMirror work = process(space, "OzwWork");
            int highest = space.scheduler().priorityCount();
            looper.resume();
            work.resume();

            RunResult looping = space.run(Budget.bytecodes(3_000_000));

            assertThat(looping).isInstanceOf(RunResult.BudgetSpent.class);
            assertThat(looper.isActive()).isTrue();
            assertThat(work.state()).isEqualTo(ProcessMirror.State.RUNNABLE);
            Path saved = dir.resolve("looping.image");
            space.save(saved);
            OzwRun processes = ozw("processes", saved, "--json");
            JsonNode active = processes.json().get("processes").get(0);
            assertThat(active.get("state").asText()).isEqualTo("active");
            assertThat(active.get("priority").asInt()).isEqualTo(highest);
            assertThat(value(space.evaluate("Smalltalk at: #OzwDone")).hostValue()).contains(false);

            looper.suspend();
            space.run(Budget.bytecodes(200_000));

            assertThat(looper.state()).isEqualTo(ProcessMirror.State.SUSPENDED);
            assertThat(value(space.evaluate("Smalltalk at: #OzwDone")).hostValue()).contains(true);
        }
    }

    /**
     * Startup error: a surgery makes a class of Scratch's startup list raise an error in its
     * startUp, so the real VM no longer boots the image. The host resumes the saved image as the
     * VM would (from its snapshot) under a budget, halting where an unhandled error opens the
     * debugger: the frames there, read through ContextMirror, show the failing startUp. Rolling
     * that surgery back (a surgery) fixes the image: the host runs past the startup list and the
     * real VM boots it to the end.
     */
    @Test
    void startupError_theHostFindsTheFailingStartUpFrameAndTheFixedImageBootsInTheRealVm() {
        RealVm vm = ImageAssumptions.assumeRealVm();
        Path journal = dir.resolve("journal");
        Path broken = dir.resolve("broken.image");
        Path fixed = dir.resolve("fixed.image");
        Path marker = dir.resolve("booted.txt");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            // Scratch sends readDocumentFile after its startup list at every boot
            surgery(session, "probe: write a marker once booted", s -> s.classNamed("SystemDictionary").orElseThrow()
                    .compile("readDocumentFile\n\t(StandardFileStream fileNamed: '" + marker.toAbsolutePath()
                            + "') nextPutAll: 'booted'; close.\n\tSmalltalk quitPrimitive", "ozw"));
            String bad = surgery(session, "break CrLfFileStream class>>startUp", s -> s.classNamed("CrLfFileStream class")
                    .orElseThrow().compile("startUp\n\tself error: 'startUp broken by surgery'", "ozw"));
            session.save(broken);

            RealVmRun noBoot = vm.boot(broken, marker, Duration.ofSeconds(8));
            assertThat(noBoot.marker()).as(noBoot.summary()).isEmpty();

            List<String> frames = framesWhereTheHostHalts(broken);
            assertThat(frames.get(0)).startsWith("Debugger class>>openContext:label:contents: @");
            assertThat(frames).anyMatch(f -> f.startsWith("CrLfFileStream class>>startUp @"))
                    .anyMatch(f -> f.startsWith("SystemDictionary>>processStartUpList @"));

            Rollback.apply(session.space(), Rollback.plan(session.report(), bad));
            session.save(fixed);
        }
        // past the startup list, where the real VM writes its marker
        assertThat(framesWhereTheHostHalts(fixed).get(0)).startsWith("SystemDictionary>>readDocumentFile @");
        assertThat(vm.boot(fixed, marker, Duration.ofSeconds(30)).markerOrFail()).isEqualTo("booted");
    }

    /**
     * Resumes the image from its snapshot in the host, as the real VM boots it, halting when the
     * debugger would open on an unhandled error, when the boot reaches {@code readDocumentFile}
     * (the end of Scratch's startup) or when 30 million bytecodes are spent: the active process's
     * frames then, innermost first.
     */
    private static List<String> framesWhereTheHostHalts(Path image) {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            space.execution().breakOn(space.classNamed("Debugger class").orElseThrow()
                    .compiledMethodAt("openContext:label:contents:").orElseThrow(),
                    space.classNamed("SystemDictionary").orElseThrow().compiledMethodAt("readDocumentFile").orElseThrow());
            RunResult r = space.run(Budget.bytecodes(30_000_000));
            ContextMirror top = r instanceof RunResult.Breakpoint b ? (ContextMirror) space.mirror(b.context())
                    : space.scheduler().activeProcess().suspendedContext().orElseThrow();
            return top.senderChain(40).stream().map(ContextMirror::frameDescription).toList();
        }
    }
}
