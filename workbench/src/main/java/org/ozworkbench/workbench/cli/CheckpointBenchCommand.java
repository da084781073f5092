package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.CheckpointBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench checkpoint [IMAGE]}: reopening a long journal from its checkpoint against from its base. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true, description = "Record a journal of one-method surgeries on the image with a checkpoint at"
        + " its end, then time reopening it for writing from the checkpoint and from the base image (every surgery"
        + " replayed), in alternating rounds; the two must hold the same bytes.")
public final class CheckpointBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--surgeries", defaultValue = "10000", description = "Committed surgeries in the journal (default ${DEFAULT-VALUE}).")
    int surgeries;

    @Option(names = "--runs", defaultValue = "3", description = "Timed rounds, after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--keep", paramLabel = "DIR", description = "Record the journal into DIR, a new folder, and leave it"
            + " there (to time other commands on it).")
    Path keep;

    @Override
    public Integer call() throws Exception {
        Path image = target.image();
        if (keep != null && Files.exists(keep)) {
            throw BadInputException.because(keep + ": exists already; --keep takes a new folder");
        }
        CheckpointBenchmark.Result r = keep != null
                ? new CheckpointBenchmark(image, surgeries, runs, keep).run()
                : BenchTarget.inTemporaryFolder("ozw-bench-checkpoint",
                        work -> new CheckpointBenchmark(image, surgeries, runs, work.resolve("journal")).run());
        PrintWriter out = spec.commandLine().getOut();
        String file = image.getFileName().toString();
        if (target.markdown) {
            out.printf("| reopen a journal of %,d one-method surgeries (%,d events) on %s | from its checkpoint %.0f ms,"
                            + " from the base %.0f ms (the journal's read alone %.0f ms) | %.1fx | checkpoint %.1f MB | %s |%n",
                    r.surgeries(), r.events(), file, r.fromCheckpoint().medianMillis(), r.fromBase().medianMillis(),
                    r.read().medianMillis(), r.speedup(), r.checkpointBytes() / 1e6, LocalDate.now());
        } else {
            out.printf("journal of %,d committed one-method surgeries (%,d events) on %s, recorded in %.1f s%n",
                    r.surgeries(), r.events(), image, r.recordNanos() / 1e9);
            out.printf("reopen from its checkpoint: %9.1f ms (min %.1f, max %.1f)%n", r.fromCheckpoint().medianMillis(),
                    r.fromCheckpoint().minMillis(), r.fromCheckpoint().maxMillis());
            out.printf("reopen from the base:       %9.1f ms (min %.1f, max %.1f)%n", r.fromBase().medianMillis(),
                    r.fromBase().minMillis(), r.fromBase().maxMillis());
            out.printf("of which reading the journal (open + report): %.1f ms%n", r.read().medianMillis());
            out.printf("JournalSession.open alone (not the space's bytes taken to compare, nor the closing): %.1f ms"
                            + " from its checkpoint, %.1f ms from the base, %.1fx%n", r.openFromCheckpoint().medianMillis(),
                    r.openFromBase().medianMillis(), r.openFromBase().medianMillis() / r.openFromCheckpoint().medianMillis());
            out.printf("the collector ran during JournalSession.open: %.1f ms from its checkpoint (max %.1f), %.1f ms from"
                            + " the base (max %.1f)%n", r.collectingFromCheckpoint().medianMillis(),
                    r.collectingFromCheckpoint().maxMillis(), r.collectingFromBase().medianMillis(),
                    r.collectingFromBase().maxMillis());
            CheckpointBenchmark.Parts p = r.parts();
            out.printf("the reopen from its checkpoint, each part alone: description %.1f ms, image read and SHA-256"
                            + " checked %.1f ms, image loaded as objects %.1f ms, journal opened trusting its part %.1f ms,"
                            + " base image's SHA-256 %.1f ms (the image, the journal and the base on three threads)%n",
                    p.description().medianMillis(), p.imageRead().medianMillis(), p.imageLoad().medianMillis(),
                    p.journal().medianMillis(), p.baseSha256().medianMillis());
            out.printf("one load of the base image alone (ObjectSpace.load): %.1f ms%n", p.baseLoad().medianMillis());
            out.printf("speedup %.1fx (target 20x); checkpoint file %.1f MB; medians of %d rounds after one warm-up%n",
                    r.speedup(), r.checkpointBytes() / 1e6, runs);
        }
        out.flush();
        return 0;
    }
}
