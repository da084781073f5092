package org.ozworkbench.workbench.realvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * An expression evaluated by the real VM: our compiler installs it in nil's class as a method
 * answering its printString (or {@code 'Error: '} and the guest's message, through ifError:), a
 * copy of the space saved with a boot process that writes that answer to a file and quits, and
 * the real VM boots the copy. The space passed in is changed (the method, the boot process):
 * give it a space loaded for the purpose.
 */
public final class RealVmEvaluation {
    private static final String SELECTOR = "ozwEvalDoIt";
    /** The file in the boot folder that {@link #bootAnswering} has the guest write its answer to. */
    public static final String ANSWER_FILE = "answer.txt";
    /** The copy of the space that {@link #bootAnswering} boots, in the boot folder. */
    public static final String BOOT_IMAGE = "boot.image";

    private RealVmEvaluation() {
    }

    /**
     * Boots a copy of {@code space}, saved in {@code dir} as {@link #BOOT_IMAGE}, in the real VM with
     * a boot process that writes the answer of {@code nil selector} to {@link #ANSWER_FILE} there and
     * quits; the run
     * says what the VM did and carries that answer. Changes {@code space} (the boot process).
     */
    public static RealVmRun bootAnswering(RealVm vm, ObjectSpace space, String selector, Path dir, Duration timeout) {
        Path marker = dir.resolve(ANSWER_FILE);
        BootScript script = BootScript.on(space, marker);
        script.code().pushNil().send(selector, 0);
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path copy = dir.resolve(BOOT_IMAGE);
        space.save(copy);
        return vm.boot(copy, marker, timeout);
    }

    /**
     * The guest's answer, one line; fails when the real VM writes none within {@code timeout}, saying
     * what can be known of why ({@link #noAnswer}). File methods that call numbered primitives are
     * made to call them by name first, whatever the dialect ({@link NamedFilePrimitives}).
     */
    public static String evaluate(RealVm vm, ObjectSpace space, String expression, Duration timeout) {
        NamedFilePrimitives.install(space);
        ClassMirror nilClass = space.nilObject().classMirror();
        String source = SELECTOR + "\n\t^ [[" + expression + "] value printString] ifError: [:msg :rcvr | 'Error: ' , msg]";
        Compiler.on(space).install(nilClass, source);
        try {
            Path dir = Files.createTempDirectory("ozw-eval");
            try {
                RealVmRun run = bootAnswering(vm, space, SELECTOR, dir, timeout);
                String answer = run.marker().orElseThrow(() -> new IllegalStateException(noAnswer(run)));
                return answer.replaceFirst("[\\r\\n]+$", "");
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why a boot of {@link #bootAnswering} left no answer, as far as the run shows. The boot process
     * is the active process of the copy, so a VM that loads the image runs it first, before the
     * image's own startup (V3-FACTS, "Running injected code at boot"). A VM still running at the
     * limit ran it and it did not finish: it failed with an error, which a VM without a display
     * leaves waiting for a debugger, or it never ended. A VM that quit by itself without an answer
     * never ran it (it could not load the image: the first line it printed is quoted) or it quit
     * before writing.
     */
    public static String noAnswer(RealVmRun run) {
        if (run.timedOut()) {
            return "the guest wrote no answer: the real VM was still running after " + run.timeout().toMillis()
                    + " ms (killed): the boot process, which runs before the image's own startup, failed with an"
                    + " error (which waits for a debugger the VM cannot show) or never ended";
        }
        String said = firstLine(run.stderr()).or(() -> firstLine(run.stdout())).map(line -> "; it said: " + line)
                .orElse("");
        return "the guest wrote no answer: the real VM quit by itself (exit code " + run.exitCode().getAsInt()
                + ") after " + run.elapsed().toMillis() + " ms, so the boot process never ran (the VM could not"
                + " load the image) or quit before writing its answer" + said;
    }

    private static Optional<String> firstLine(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
    }
}
