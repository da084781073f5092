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
import org.ozworkbench.fixtures.RealVm;
import org.ozworkbench.fixtures.RealVmRun;

/**
 * An expression evaluated by the real VM: our compiler installs it in nil's class as a method
 * answering its printString (or {@code 'Error: '} and the guest's message, through ifError:), a
 * copy of the space saved with a boot process that writes that answer to a file and quits, and
 * the real VM boots the copy. The space passed in is changed (the method, the boot process):
 * give it a space loaded for the purpose.
 */
public final class RealVmEvaluation {
    private static final String SELECTOR = "ozwEvalDoIt";

    private RealVmEvaluation() {
    }

    /** The guest's answer, one line; fails when the real VM writes none within {@code timeout}. */
    public static String evaluate(RealVm vm, ObjectSpace space, String expression, Duration timeout) {
        if (space.contract().dialect().equals("squeak2")) {
            NamedFilePrimitives.install(space);
        }
        ClassMirror nilClass = space.nilObject().classMirror();
        String source = SELECTOR + "\n\t^ [[" + expression + "] value printString] ifError: [:msg :rcvr | 'Error: ' , msg]";
        Compiler.on(space).install(nilClass, source);
        try {
            Path dir = Files.createTempDirectory("ozw-eval");
            try {
                Path marker = dir.resolve("answer.txt");
                BootScript script = BootScript.on(space, marker);
                script.code().pushNil().send(SELECTOR, 0);
                script.installAsActiveProcess(space.scheduler().activeProcess().priority());
                Path copy = dir.resolve("eval.image");
                space.save(copy);
                RealVmRun run = vm.boot(copy, marker, timeout);
                String answer = run.marker().orElseThrow(() -> new IllegalStateException("the guest wrote no answer: "
                        + run.summary()));
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
}
