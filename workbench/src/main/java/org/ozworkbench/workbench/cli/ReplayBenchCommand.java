package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.ReplayBenchmark;
import org.ozworkbench.workbench.bench.ReplayBenchmark.Figure;
import org.ozworkbench.workbench.bench.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench replay [IMAGE]}: read and replay a journal of slot writes and one of method installs. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Record a journal of SmallInteger slot writes and one of method installs on "
        + "the image, then time reading each (open, report) and replaying it onto a fresh copy, with the memory the "
        + "read keeps; the floor is the same stores through the membrane with no journal.")
public final class ReplayBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--writes", defaultValue = "1000000", description = "Slot writes in the first journal (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--batch", defaultValue = "1000", description = "Writes per surgery (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--methods", defaultValue = "10000", description = "Methods compiled in the second journal (default ${DEFAULT-VALUE}).")
    int methods;

    @Option(names = "--method-batch", defaultValue = "100", description = "Methods per surgery (default ${DEFAULT-VALUE}).")
    int methodBatch;

    @Option(names = "--runs", defaultValue = "3", description = "Timed rounds per figure, after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        Path image = target.image();
        ReplayBenchmark.Result r = BenchTarget.inTemporaryFolder("ozw-bench-replay",
                work -> new ReplayBenchmark(image, writes, batch, methods, methodBatch, runs, work).run());
        PrintWriter out = spec.commandLine().getOut();
        String date = LocalDate.now().toString();
        String file = image.getFileName().toString();
        if (target.markdown) {
            for (Figure f : List.of(r.stores(), r.methods())) {
                out.printf("| %s on %s: %,d events, %,d changes | open %s, read %s, replay %s, total %s |"
                                + " %,.0f events/s%s | %.0f MB kept by the report, %.0f MB allocated | %s | %s |%n",
                        f.name(), file, f.events(), f.changes(), ms(f.open()), ms(f.read()), ms(f.replay()), ms(f.total()),
                        f.eventsPerSecond(), f.slotWrites() > 0 ? String.format(", %,.0f writes/s", f.writesPerSecond()) : "",
                        mb(f.retainedBytes()), mb(f.allocatedBytes()), f.note(), date);
            }
            out.printf("| floor: the same %,d stores through the membrane, no journal | %s | %,.0f writes/s | | %s | %s |%n",
                    r.floorWrites(), ms(r.floor()), r.floorWritesPerSecond(), "surgeries of " + batch + ", fresh space", date);
        } else {
            out.printf("%-16s %10s %10s %9s %9s %9s %9s %12s %12s %9s %9s%n", "journal", "events", "changes", "open ms",
                    "read ms", "replay ms", "total ms", "events/s", "writes/s", "kept MB", "alloc MB");
            for (Figure f : List.of(r.stores(), r.methods())) {
                out.printf("%-16s %,10d %,10d %9.1f %9.1f %9.1f %9.1f %,12.0f %12s %9.0f %9.0f%n", f.name(), f.events(),
                        f.changes(), f.open().medianMillis(), f.read().medianMillis(), f.replay().medianMillis(),
                        f.total().medianMillis(), f.eventsPerSecond(),
                        f.slotWrites() > 0 ? String.format("%,.0f", f.writesPerSecond()) : "-",
                        mb(f.retainedBytes()), mb(f.allocatedBytes()));
            }
            out.printf("%-16s %10s %,10d %9s %9s %9.1f %9s %12s %,12.0f%n", "floor", "-", r.floorWrites(), "-", "-",
                    r.floor().medianMillis(), "-", "-", r.floorWritesPerSecond());
            out.printf("image: %s; medians of %d rounds after one warm-up; total = open + read + replay; kept: heap after"
                    + " GC with the report alive minus before; alloc: bytes this thread allocated in read + replay;"
                    + " targets: >= 1,000,000 slot writes/s, the 1M-event journal in < 3 s%n", image, runs);
        }
        out.flush();
        return 0;
    }

    private static String ms(Stats s) {
        return String.format("%.0f ms", s.medianMillis());
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
