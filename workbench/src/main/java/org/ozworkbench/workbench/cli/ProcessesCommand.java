package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.ProcessListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ozw processes IMAGE}: every Process, scheduled or not, with its state and top frames. */
@Command(name = "processes", mixinStandardHelpOptions = true,
        description = "List the processes: those the scheduler knows, then every other instance of Process.")
public final class ProcessesCommand extends ImageCommand {

    @Option(names = "--frames", paramLabel = "N", defaultValue = "5",
            description = "Show at most N frames of each process (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    void run(ObjectSpace space) {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must be 0 or more, got " + frames);
        }
        print(ProcessListing.of(space, frames), ProcessesCommand::printText);
    }

    static void printText(ProcessListing listing, PrintWriter out) {
        int n = listing.processes().size();
        out.printf("%d process%s; the scheduler has %d priorities, the active process runs at %d%n", n,
                n == 1 ? "" : "es", listing.priorities(), listing.activePriority());
        for (ProcessListing.Entry p : listing.processes()) {
            out.printf("%s  priority %d  %s%s%s%n", p.oop(), p.priority(), p.state(),
                    p.scheduled() ? "" : "  (not scheduled)", p.waitingOn() == null ? "" : "  on " + p.waitingOn());
            p.frames().forEach(f -> out.println("    " + f));
            if (p.moreFrames()) {
                out.println("    ...");
            }
        }
    }
}
