package org.ozworkbench.workbench.realvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
     * Why a boot of {@link #bootAnswering} left no answer, as far as the run shows: a VM that quit by
     * itself ran the image, which quit before the boot process wrote (or while its file write failed);
     * a VM still running at the limit never finished the boot process, which either never ran (the
     * image's own startup did not finish, or a process above it never yields) or failed with an error
     * that a VM without a display leaves waiting for a debugger.
     */
    public static String noAnswer(RealVmRun run) {
        if (run.timedOut()) {
            return "the guest wrote no answer: the real VM was still running after " + run.timeout().toMillis()
                    + " ms (killed): the boot process either never ran (the image's startup did not finish: try"
                    + " ozw boot) or failed with an error, which waits for a debugger the VM cannot show";
        }
        return "the guest wrote no answer: the real VM quit by itself (exit code " + run.exitCode().getAsInt()
                + ") after " + run.elapsed().toMillis() + " ms: the image quit before the boot process wrote"
                + " its answer, or the boot process could not write its file";
    }
}
