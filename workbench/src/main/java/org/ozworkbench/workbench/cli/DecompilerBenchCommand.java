package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.DecompilerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench decompiler [IMAGE]}: every method to source, the host's decompiler against the guest's. */
@Command(name = "decompiler", mixinStandardHelpOptions = true, description = "Decompile every method of the image (both sides of every class"
        + " Smalltalk holds) with the host's decompiler, and with the guest's own Decompiler in the real VM on the"
        + " same image, and compare their methods/s.")
public final class DecompilerBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--warm-up", defaultValue = "10", description = "Untimed host passes first (default ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--runs", defaultValue = "5", description = "Timed host passes; the fastest counts (default"
            + " ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        if (warmUps < 0 || runs < 1) {
            throw BadInputException.because("--warm-up must be >= 0 and --runs >= 1");
        }
        DecompilerBenchmark.Result r = new DecompilerBenchmark(target.image(), warmUps, runs).run();
        PrintWriter out = spec.commandLine().getOut();
        String file = target.image().getFileName().toString();
        if (target.markdown) {
            out.printf("| every method of %s to source | %,d methods, %,.0f methods/s | %,d methods, %,.0f methods/s"
                            + " | %.1fx | host: fastest of %d passes after %d warm-ups | %s |%n", file,
                    r.host().methods(), r.host().perSecond(), r.guest().methods(), r.guest().perSecond(), r.ratio(),
                    runs, warmUps, LocalDate.now());
        } else {
            out.printf("%-10s %8s %12s %14s%n", "", "methods", "seconds", "methods/s");
            out.printf("%-10s %,8d %12.3f %,14.0f  (%d as a commented disassembly)%n", "host", r.host().methods(),
                    r.host().seconds(), r.host().perSecond(), r.hostFallbacks());
            out.printf("%-10s %,8d %12.3f %,14.0f  (%d raised an error)%n", "real VM", r.guest().methods(),
                    r.guest().seconds(), r.guest().perSecond(), r.guestFailures());
            out.printf("ratio %.1fx; image: %s; the host's fastest of %d passes after %d warm-ups, the guest's own"
                    + " Decompiler timing itself in the real VM; target: ratio >= 10%n", r.ratio(), target.image(), runs,
                    warmUps);
        }
        out.flush();
        return 0;
    }
}
