package org.ozworkbench.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.FilePrimitives;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.workbench.realvm.RealVmEvaluation;
import org.ozworkbench.workbench.report.EvalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ozw eval IMAGE 'EXPRESSION'}: prints the printString of an expression evaluated in the
 * guest, or the guest's error with the frames it was raised in. By default the host's own
 * interpreter runs it under a budget ({@link ObjectSpace#evaluate}); with {@code --real-vm} our
 * compiler compiles it as a method of nil's class that answers the printString (or the error,
 * through ifError:), and a copy of the image boots in the real VM with a process that writes that
 * answer to a file and quits. With {@code --files DIR} the host's guest may read and write files in
 * DIR, and only there ({@link FilePrimitives}). The image file is never changed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, modelTransformer = SourceTextArguments.class,
        description = {"Evaluate an expression in the guest (the host's interpreter, or the real VM with --real-vm)"
                + " and print its printString, or the guest's error and its stack.",
                "Exits 0 when the expression answered a value or the guest quit, 1 when the guest raised an error or"
                + " the run ended first (budget or timeout), 2 on bad input. An expression may start with a minus ('-7 \\\\ 2');"
                + " -- ends the options."})
public final class EvalCommand extends ImageCommand {
    @Parameters(index = "1", paramLabel = "EXPRESSION", description = "Smalltalk statements; the last one's value is printed.")
    String expression;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds the guest may run (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--bytecodes", description = "Bytecodes the host's interpreter may run besides the time limit"
            + " (default: no limit but the time); not with --real-vm.")
    Long bytecodes;

    @Option(names = "--real-vm", description = "Boot a copy of the image in the real Squeak VM to evaluate it.")
    boolean realVm;

    @Option(names = "--files", paramLabel = "DIR", description = "A folder the guest may read and write files in"
            + " (FilePlugin's primitives; a name leading out of it fails, and the guest sees its image in it);"
            + " at most " + FilePrimitives.Limits.DEFAULT_OPEN_FILES + " files open, "
            + FilePrimitives.Limits.DEFAULT_FILES_CREATED + " created, " + FilePrimitives.Limits.DEFAULT_MEBIBYTES_WRITTEN
            + " MiB written. Without it every file primitive fails."
            + " Not with --real-vm.")
    Path filesFolder;

    @Override
    void checkArguments() {
        if (filesFolder == null) {
            return;
        }
        if (realVm) {
            throw BadInputException.because("--files is for the host's interpreter: the real VM (--real-vm) is not"
                    + " confined to a folder");
        }
        if (!Files.isDirectory(filesFolder)) {
            throw BadInputException.because("--files " + filesFolder + ": not a folder: expected the folder the guest"
                    + " may use files in");
        }
    }

    @Override
    void run(ObjectSpace space) throws Exception {
        if (realVm) {
            runInRealVm(space);
            return;
        }
        if ((bytecodes != null && bytecodes <= 0) || timeoutSeconds <= 0) {
            throw BadInputException.because("--bytecodes and --timeout must be positive");
        }
        Budget budget = (bytecodes == null ? Budget.unlimited() : Budget.bytecodes(bytecodes))
                .and(Duration.ofSeconds(timeoutSeconds));
        Evaluation result;
        try (FilePrimitives files = filesFolder == null ? null
                : FilePrimitives.grant(space.execution().interpreter(), filesFolder, FilePrimitives.Limits.DEFAULT)) {
            result = space.execution().evaluate(expression, budget);
        } catch (SyntaxError e) {
            throw BadInputException.because("expression " + e.getMessage());
        }
        EvalReport report = EvalReport.of(image.toString(), expression, result);
        exitCode = report.answered() ? 0 : 1;
        if (json) {
            Json.print(out(), report);
        } else if (report.result().equals(EvalReport.QUIT)) {
            out().println(report.reason());
        } else if (result instanceof Evaluation.Unfinished unfinished) {
            throw new IllegalStateException(image + ": the expression did not finish: " + unfinished.reason());
        } else if (result instanceof Evaluation.GuestError error) {
            out().println("Error: " + error.message());
            error.stack().forEach(frame -> out().println("  " + frame));
        } else {
            out().println(result.text());
        }
    }

    private void runInRealVm(ObjectSpace space) {
        RealVm vm = RealVm.find().orElseThrow(() -> BadInputException.because("no real Squeak VM here: "
                + "'apt-get install squeak-vm' (./ozw test installs it)"));
        try {
            Parser.parseDoIt(expression, space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK);
        } catch (SyntaxError e) {
            throw BadInputException.because("expression " + e.getMessage());
        }
        String answer = RealVmEvaluation.evaluate(vm, space, expression, Duration.ofSeconds(timeoutSeconds));
        EvalReport report = EvalReport.ofRealVm(image.toString(), expression, answer);
        exitCode = report.answered() ? 0 : 1;
        print(report, (r, w) -> w.println(answer));
    }
}
