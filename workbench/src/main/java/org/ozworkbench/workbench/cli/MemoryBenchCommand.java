package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.MemoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench memory [IMAGE]}: the heap a space needs, loaded and replayed, and across reopen cycles. */
@Command(name = "memory", mixinStandardHelpOptions = true, description = "The heap in use (after a full GC) with a space of the image loaded, with a"
        + " journal of one-method surgeries replayed onto it, and after reopening that journal many times.")
public final class MemoryBenchCommand implements Callable<Integer> {
    private static final double MB = 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--surgeries", defaultValue = "1000", description = "Committed surgeries in the journal (default ${DEFAULT-VALUE}).")
    int surgeries;

    @Option(names = "--cycles", defaultValue = "100", description = "Times the journal is reopened (default ${DEFAULT-VALUE}).")
    int cycles;

    @Override
    public Integer call() throws Exception {
        MemoryBenchmark.Result r = BenchTarget.inTemporaryFolder("ozw-bench-memory",
                work -> new MemoryBenchmark(target.image(), surgeries, cycles, work.resolve("journal")).run());
        PrintWriter out = spec.commandLine().getOut();
        String file = target.image().getFileName().toString();
        if (target.markdown) {
            out.printf("| %s | %.1f MB | %.1f MB (%,d surgeries) | %.1f MB after 3 cycles, %.1f MB after %d: %+.1f MB | %s |%n",
                    file, r.loaded() / MB, r.replayed() / MB, r.surgeries(), r.afterWarmUp() / MB, r.afterCycles() / MB,
                    r.cycles(), r.growth() / MB, LocalDate.now());
        } else {
            out.printf("heap in use after a full GC, beyond the JVM's own, on %s:%n", target.image());
            out.printf("a space loaded:                          %8.1f MB%n", r.loaded() / MB);
            out.printf("a journal of %,d surgeries replayed:   %8.1f MB%n", r.surgeries(), r.replayed() / MB);
            out.printf("reopened and closed, after 3 cycles:     %8.1f MB%n", r.afterWarmUp() / MB);
            out.printf("reopened and closed, after %d cycles:  %8.1f MB (growth %+.1f MB)%n", r.cycles(),
                    r.afterCycles() / MB, r.growth() / MB);
        }
        out.flush();
        return 0;
    }
}
