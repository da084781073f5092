package org.ozworkbench.workbench.realvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * Does an image still boot? The real VM runs the image's own startup in a copy whose
 * {@code processStartUpList} (or {@code processStartUpList:}) writes a marker file, runs the
 * original, writes a second marker file and quits: the markers say whether the startup list began
 * and completed, the run how long it took. When it did not complete, the host's interpreter resumes
 * the image from its snapshot under a time budget and tells where the startup stops: an unhandled
 * error (where the debugger would open), a process still running when the budget ends, or a guest
 * with nothing left to run; with the frames of the process that runs the startup.
 */
public final class BootCheck {
    /** The selectors of Squeak's startup list, by age: Squeak 2 and 3 have no argument, later ones one. */
    static final List<String> STARTUP_SELECTORS = List.of("processStartUpList", "processStartUpList:");
    /** The original startup list method, installed under this name in the copy. */
    static final String ORIGINAL = "ozwBootStartUpList";
    /** The copy's method run once the startup list completed: it quits (the real VM's copy writes a marker first). */
    static final String DONE = "ozwBootStartUpListDone";
    /** What the first marker file holds once the startup list has begun. */
    static final String STARTED = "startup list started";
    /** What the second marker file holds once the startup list completed. */
    static final String COMPLETED = "startup list completed";
    private static final String STARTED_FILE = "started.txt";
    private static final String COMPLETED_FILE = "completed.txt";
    private static final String BOOT_IMAGE = "boot.image";
    private static final String DEBUGGER_CLASS = "Debugger class";
    private static final String DEBUGGER_OPENS = "openContext:label:contents:";
    private static final int FRAMES_SHOWN = 12;

    /**
     * What {@link #check} found.
     *
     * @param image         the image checked (never changed)
     * @param started       whether the real VM began the startup list
     * @param completed     whether the real VM completed it
     * @param elapsedMillis the real VM's wall time, from start to its quit after the startup list (or to the limit)
     * @param vm            how the real VM's run ended
     * @param host          when the startup did not complete: where the host's interpreter finds it stopped
     */
    public record Report(String image, boolean started, boolean completed, long elapsedMillis, String vm,
                         Optional<HostView> host) {
    }

    /**
     * Where the host's interpreter stopped the startup.
     *
     * @param stop   why it stopped, in a few words
     * @param frames the frames of the startup process there (or of the debugger's entry), innermost first
     */
    public record HostView(String stop, List<String> frames) {
    }

    /** The class that defines the startup list method, and its selector. */
    private record StartUp(ClassMirror owner, String selector) {
        boolean withArgument() {
            return selector.endsWith(":");
        }

        String callOriginal() {
            return withArgument() ? "self " + ORIGINAL + ": resuming" : "self " + ORIGINAL;
        }

        String pattern() {
            return withArgument() ? selector + " resuming" : selector;
        }
    }

    private BootCheck() {
    }

    /**
     * Boots a copy of {@code image} in the real VM with at most {@code timeout}, then, when the
     * startup list did not complete, resumes the image in the host for at most {@code timeout} too.
     *
     * @throws IllegalArgumentException when the image has no Squeak startup list
     */
    public static Report check(RealVm vm, Path image, Duration timeout) {
        Path dir = createTempDir();
        try {
            Path started = dir.resolve(STARTED_FILE);
            Path completed = dir.resolve(COMPLETED_FILE);
            Path copy = dir.resolve(BOOT_IMAGE);
            try (ObjectSpace space = ObjectSpace.load(image)) {
                StartUp startUp = wrap(space, "self ozwBootMark: '" + COMPLETED + "' in: " + literal(completed)
                        + ".\n\tSmalltalk quitPrimitive");
                NamedFilePrimitives.install(space);
                Compiler compiler = Compiler.on(space);
                compiler.install(startUp.owner(), "ozwBootMark: text in: path\n\t| file |\n"
                        + "\tfile := StandardFileStream fileNamed: path.\n\tfile nextPutAll: text.\n\tfile close");
                compiler.install(startUp.owner(), startUp.pattern() + "\n\tself ozwBootMark: '" + STARTED + "' in: "
                        + literal(started) + ".\n\t" + startUp.callOriginal() + ".\n\tself " + DONE);
                space.save(copy);
            }
            RealVmRun run = vm.boot(copy, completed, timeout);
            boolean done = run.marker().filter(COMPLETED::equals).isPresent();
            String end = run.timedOut() ? "was still running after " + timeout.toMillis() + " ms (killed)"
                    : "quit by itself (exit code " + run.exitCode().getAsInt() + ") after " + run.elapsed().toMillis()
                    + " ms";
            Optional<HostView> host = done ? Optional.empty() : Optional.of(hostView(image, timeout));
            return new Report(image.toString(), Files.isRegularFile(started), done, run.elapsed().toMillis(),
                    done ? "quit after the startup list" : end, host);
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * Moves the startup list method of {@code space} to {@link #ORIGINAL} and installs {@link #DONE}
     * with {@code doneBody}, and the startup selector running the original, then {@code DONE}.
     *
     * @throws IllegalArgumentException when the image has no Squeak startup list
     */
    private static StartUp wrap(ObjectSpace space, String doneBody) {
        ClassMirror system = space.smalltalk().orElseThrow(BootCheck::noStartupList).classMirror();
        StartUp startUp = null;
        for (ClassMirror cls : system.withAllSuperclasses()) {
            for (String candidate : STARTUP_SELECTORS) {
                if (startUp == null && cls.compiledMethodAt(candidate).isPresent()) {
                    startUp = new StartUp(cls, candidate);
                }
            }
        }
        if (startUp == null) {
            throw noStartupList();
        }
        MethodMirror original = startUp.owner().compiledMethodAt(startUp.selector()).orElseThrow();
        startUp.owner().addMethod(startUp.withArgument() ? ORIGINAL + ":" : ORIGINAL, original);
        Compiler compiler = Compiler.on(space);
        compiler.install(startUp.owner(), DONE + "\n\t" + doneBody);
        compiler.install(startUp.owner(), startUp.pattern() + "\n\t" + startUp.callOriginal() + ".\n\tself " + DONE);
        return startUp;
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static IllegalArgumentException noStartupList() {
        return new IllegalArgumentException("no startup list (Smalltalk " + String.join(" or ", STARTUP_SELECTORS)
                + "): ozw boot knows Squeak's startup");
    }

    /**
     * Resumes {@code image} in the host from its snapshot, as the real VM boots it, until its startup
     * list completes, an unhandled error would open the debugger, or {@code budget} is spent.
     */
    static HostView hostView(Path image, Duration budget) {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            StartUp startUp = wrap(space, "Smalltalk quitPrimitive");
            MethodMirror done = startUp.owner().compiledMethodAt(DONE).orElseThrow();
            MethodMirror wrapper = startUp.owner().compiledMethodAt(startUp.selector()).orElseThrow();
            List<MethodMirror> stops = new ArrayList<>(List.of(done));
            space.classNamed(DEBUGGER_CLASS).flatMap(c -> c.compiledMethodAt(DEBUGGER_OPENS)).ifPresent(stops::add);
            space.execution().breakOn(stops.toArray(MethodMirror[]::new));
            ProcessMirror process = space.scheduler().activeProcess();
            RunResult result = space.run(Budget.time(budget));
            Optional<ContextMirror> top = process.suspendedContext();
            String stop;
            if (result instanceof RunResult.Breakpoint b) {
                top = Optional.of((ContextMirror) space.mirror(b.context()));
                stop = top.get().method().filter(done::equals).isPresent()
                        ? "completes the startup list (the real VM did not: give it more time?)"
                        : "an unhandled error: the debugger would open";
            } else if (result instanceof RunResult.BudgetSpent spent) {
                stop = "still running after " + budget.toMillis() + " ms (" + spent.bytecodes() + " bytecodes)";
            } else if (result instanceof RunResult.Idle || result instanceof RunResult.NoRunnableProcess) {
                stop = "nothing left to run: every process waits";
            } else if (result instanceof RunResult.Quit) {
                stop = "the image quit during its startup";
            } else {
                stop = result.toString();
            }
            List<String> frames = top.map(c -> c.senderChain(FRAMES_SHOWN + 1).stream()
                    .filter(f -> f.method().filter(wrapper::equals).isEmpty())
                    .map(f -> f.frameDescription().replace(">>" + ORIGINAL, ">>" + startUp.selector()))
                    .limit(FRAMES_SHOWN).toList()).orElse(List.of());
            return new HostView(stop, frames);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("ozw-boot");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover in the temporary folder is harmless.
        }
    }
}
