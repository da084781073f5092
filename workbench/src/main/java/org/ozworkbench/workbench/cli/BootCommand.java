package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.workbench.realvm.BootCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ozw boot IMAGE}: does the image still boot? The real VM runs the image's own startup in a
 * copy ({@link BootCheck}); the command says whether the startup list completed and how long it
 * took, and, when it did not, where the host's interpreter finds the startup stopped. Exits 0 when
 * it completed, 1 when not, 2 on bad input. The image file is never changed.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Tell whether an image still boots: the real VM runs its startup list (exit 0 when it completes, 1"
                + " when not).",
            "A copy of the image boots in the real Squeak VM; the report says whether its startup list completed and"
                + " how long it took, and, when it did not, where the host's interpreter finds the startup stopped."})
public final class BootCommand implements Callable<Integer> {
    private static final int NOT_BOOTED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A Squeak V3 image file (formats 6502, 6504, 6505).")
    Path image;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
            description = "Seconds the real VM, then the host's interpreter, may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw BadInputException.because("--timeout must be positive, got " + timeoutSeconds);
        }
        if (!Files.exists(image)) {
            throw BadInputException.noSuchFile(image);
        }
        RealVm vm = RealVm.find().orElseThrow(() -> BadInputException.because("no real Squeak VM here: "
                + "'apt-get install squeak-vm' (./ozw test installs it)"));
        BootCheck.Report report;
        try {
            report = BootCheck.check(vm, image, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw BadInputException.because(image + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, report);
        } else {
            printText(report, out);
        }
        out.flush();
        return report.completed() ? 0 : NOT_BOOTED;
    }

    static void printText(BootCheck.Report r, PrintWriter out) {
        if (r.completed()) {
            out.println(r.image() + ": the startup list completed in the real VM after " + r.elapsedMillis() + " ms");
            return;
        }
        out.println(r.image() + ": the startup list " + (r.started() ? "began but did not complete" : "never began")
                + " in the real VM, which " + r.vm());
        r.host().ifPresent(host -> {
            out.println("the host's interpreter, resuming the image: " + host.stop());
            host.frames().forEach(frame -> out.println("  " + frame));
        });
    }
}
