package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.JournalBenchmark;
import org.ozworkbench.workbench.bench.JournalBenchmark.Throughput;
import org.ozworkbench.workbench.bench.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench journal [IMAGE]}: journaled slot writes against unjournaled ones and raw Chronicle appends. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Time SmallInteger slot writes through the membrane, journaled (durable "
        + "commits) and not, against raw Chronicle appends of the same excerpts, and the latency of a durable commit.")
public final class JournalBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--writes", defaultValue = "1000000", description = "Slot writes per round (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--batch", defaultValue = "1000", description = "Writes per surgery (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--commits", defaultValue = "2000", description = "One-write surgeries whose commit is timed "
            + "(default ${DEFAULT-VALUE}).")
    int commits;

    @Option(names = "--runs", defaultValue = "3", description = "Timed rounds per throughput figure (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        Path image = target.image();
        JournalBenchmark.Result r = BenchTarget.inTemporaryFolder("ozw-bench-journal",
                work -> new JournalBenchmark(image, writes, batch, commits, runs, work).run());
        PrintWriter out = spec.commandLine().getOut();
        String date = LocalDate.now().toString();
        Stats c = r.commitLatency();
        if (target.markdown) {
            for (Throughput t : List.of(r.journaled(), r.journaledUnchecked(), r.unjournaled(), r.raw())) {
                out.printf("| %s on %s | %,.0f writes/s (%.0f ns/write), median of %d rounds of %,d | %.2fx | %s | %s |%n",
                        t.name(), image.getFileName(), t.writesPerSecond(), t.nanosPerWrite(), t.rounds().count(),
                        t.writes(), t.nanosPerWrite() / r.raw().nanosPerWrite(), t.note(), date);
            }
            out.printf("| durable commit of a one-write surgery | median %.3f ms, p99 %.3f ms, max %.3f ms of %d | | "
                    + "append + fdatasync | %s |%n", c.medianMillis(), c.percentileMillis(0.99), c.maxMillis(), c.count(), date);
        } else {
            out.printf("%-27s %14s %10s %12s  %s%n", "figure", "writes/s", "ns/write", "vs raw", "what");
            for (Throughput t : List.of(r.journaled(), r.journaledUnchecked(), r.unjournaled(), r.raw())) {
                out.printf("%-27s %,14.0f %10.0f %11.2fx  %s%n", t.name(), t.writesPerSecond(), t.nanosPerWrite(),
                        t.nanosPerWrite() / r.raw().nanosPerWrite(), t.note());
            }
            out.printf("durable commit latency (one write): median %.3f ms, p99 %.3f ms, max %.3f ms, n=%d%n",
                    c.medianMillis(), c.percentileMillis(0.99), c.maxMillis(), c.count());
            out.printf("image: %s; %,d writes per round in surgeries of %d; targets: >= 200,000 journaled writes/s,"
                    + " journaled <= 2x raw, commit p99 <= 5 ms%n", image, writes, batch);
        }
        out.flush();
        return 0;
    }
}
