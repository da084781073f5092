package org.ozworkbench.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.RealVm;
import org.ozworkbench.fixtures.RealVmRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ozw eval IMAGE 'EXPRESSION'}: prints the printString of an expression evaluated in the
 * guest, or the guest's error with the frames it was raised in. By default the host's own
 * interpreter runs it under a budget ({@link ObjectSpace#evaluate}); with {@code --real-vm} our
 * compiler compiles it as a method of nil's class that answers the printString (or the error,
 * through ifError:), and a copy of the image boots in the real VM with a process that writes that
 * answer to a file and quits. The image file is never changed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate an expression in the guest (the host's interpreter, or the real VM with --real-vm)"
                + " and print its printString, or the guest's error and its stack.")
public final class EvalCommand extends ImageCommand {
    private static final String SELECTOR = "ozwEvalDoIt";

    @Parameters(index = "1", paramLabel = "EXPRESSION", description = "Smalltalk statements; the last one's value is printed.")
    String expression;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds the guest may run (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--bytecodes", defaultValue = "1000000000",
            description = "Bytecodes the host's interpreter may run (default ${DEFAULT-VALUE}); not with --real-vm.")
    long bytecodes;

    @Option(names = "--real-vm", description = "Boot a copy of the image in the real Squeak VM to evaluate it.")
    boolean realVm;

    @Override
    void run(ObjectSpace space) throws Exception {
        if (realVm) {
            runInRealVm(space);
            return;
        }
        if (bytecodes <= 0 || timeoutSeconds <= 0) {
            throw BadInputException.because("--bytecodes and --timeout must be positive");
        }
        Evaluation result;
        try {
            result = space.execution().evaluate(expression,
                    Budget.bytecodes(bytecodes).and(Duration.ofSeconds(timeoutSeconds)));
        } catch (SyntaxError e) {
            throw BadInputException.because("expression " + e.getMessage());
        }
        if (result instanceof Evaluation.GuestError error) {
            out().println("Error: " + error.message());
            error.stack().forEach(frame -> out().println("  " + frame));
        } else if (result instanceof Evaluation.Unfinished unfinished) {
            throw new IllegalStateException(image + ": the expression did not finish: " + unfinished.reason());
        } else {
            out().println(result.text());
        }
    }

    private void runInRealVm(ObjectSpace space) throws Exception {
        RealVm vm = RealVm.find().orElseThrow(() -> BadInputException.because("no real Squeak VM here: "
                + "'apt-get install squeak-vm' (./ozw test installs it)"));
        if (space.contract().dialect().equals("squeak2")) {
            NamedFilePrimitives.install(space);
        }
        try {
            Parser.parseDoIt(expression, space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK);
        } catch (SyntaxError e) {
            throw BadInputException.because("expression " + e.getMessage());
        }
        ClassMirror nilClass = space.nilObject().classMirror();
        String source = SELECTOR + "\n\t^ [[" + expression + "] value printString] ifError: [:msg :rcvr | 'Error: ' , msg]";
        Compiler.on(space).install(nilClass, source);
        Path dir = Files.createTempDirectory("ozw-eval");
        try {
            Path marker = dir.resolve("answer.txt");
            BootScript script = BootScript.on(space, marker);
            script.code().pushNil().send(SELECTOR, 0);
            script.installAsActiveProcess(space.scheduler().activeProcess().priority());
            Path copy = dir.resolve("eval.image");
            space.save(copy);
            RealVmRun run = vm.boot(copy, marker, Duration.ofSeconds(timeoutSeconds));
            String answer = run.marker().orElseThrow(() -> new IllegalStateException("the guest wrote no answer: "
                    + run.summary()));
            out().println(answer.replaceFirst("[\\r\\n]+$", ""));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
