package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ozworkbench.journal.JournalSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw journal checkpoint DIR --image BASE}: saves the journal's state at its last committed surgery. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Save a checkpoint of the journal at its last committed surgery, in DIR/checkpoints: later"
                + " commands on the journal start from it and replay only the surgeries after it.",
                "BASE is the journal's base image. 'ozw surgery' and 'ozw rollback' make one on their own every 100"
                + " committed surgeries (-Dozw.journal.checkpointEvery=N)."})
public final class JournalCheckpointCommand implements Callable<Integer> {
    /**
     * What {@code ozw journal checkpoint} reports.
     *
     * @param journal     the journal folder
     * @param checkpoint  the checkpoint written, or null when the newest one is at the last commit already
     * @param surgeries   the committed surgeries it holds
     * @param resumedFrom the checkpoint the journal was opened from, or null (the base image)
     * @param replayed    the committed surgeries replayed after that one to get there
     */
    record CheckpointReport(String journal, String checkpoint, int surgeries, String resumedFrom, int replayed) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A journal folder.")
    Path dir;

    @Option(names = "--image", required = true, paramLabel = "BASE", description = "The journal's base image.")
    Path image;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Journals.requireJournal(dir);
        PrintWriter out = spec.commandLine().getOut();
        CheckpointReport report;
        try (JournalSession session = Journals.open(image, dir, spec.commandLine().getErr())) {
            if (session.replayed() == 0) {
                throw BadInputException.because(dir + ": no committed surgery to make a checkpoint of");
            }
            Optional<Path> written = session.checkpoint();
            int fromCheckpoint = session.resumedSurgeries();
            report = new CheckpointReport(dir.toString(), written.map(Path::toString).orElse(null), session.replayed(),
                    session.resumedFrom().map(Path::toString).orElse(null), session.replayed() - fromCheckpoint);
        }
        if (json) {
            Json.print(out, report);
        } else if (report.checkpoint() == null) {
            out.printf("journal %s: the newest checkpoint %s holds its %d committed surgeries already%n", dir,
                    report.resumedFrom(), report.surgeries());
        } else {
            out.printf("checkpoint %s: %d committed surgeries (%s, then %d replayed)%n", report.checkpoint(),
                    report.surgeries(), report.resumedFrom() == null ? "from the base image" : "from " + report.resumedFrom(),
                    report.replayed());
        }
        out.flush();
        return 0;
    }
}
