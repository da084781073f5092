package org.ozworkbench.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.Checkpoints;
import org.ozworkbench.journal.Genesis;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.journal.JournalRecorder;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.replay.Replay;
import org.ozworkbench.replay.ReplayOptions;
import org.ozworkbench.replay.ReplayReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw replay [BASE.image] --journal DIR [options] --out NEW.image} (no BASE.image for a genesis journal). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a journal's committed surgeries onto a fresh copy of its base image, and save.",
                "Each surgery is applied whole or not at all: a surgery whose recorded old values are not what the"
                + " image holds is a conflict, reported with the place, the expected and the found value. Exit 0 when"
                + " every chosen surgery applied, 1 when some did not (what did is still saved), 2 on bad input."})
public final class ReplayCommand implements Callable<Integer> {
    /** Journals with more changes than this get a progress bar on a terminal. */
    private static final int PROGRESS_CHANGES = 100_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BASE.image", description = "The journal's base image"
            + " (none for a genesis journal, written by 'ozw bootstrap --journal': its seed is in the journal).")
    Path image;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal folder.")
    Path journal;

    @Option(names = {"-o", "--out"}, paramLabel = "NEW.image", description = "Where to save the result (not with --dry-run).")
    Path out;

    @Option(names = "--until", paramLabel = "S", description = "Replay up to and including surgery S (id, id prefix or label).")
    String until;

    @Option(names = "--skip", paramLabel = "S", split = ",", description = "Leave out surgery S (repeatable).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--only", paramLabel = "LABEL", description = "Replay only surgeries whose label this regular expression finds.")
    String only;

    @Option(names = "--dry-run", description = "Replay in memory and report; write nothing.")
    boolean dryRun;

    @Option(names = "--on-conflict", paramLabel = "stop|skip", defaultValue = "stop",
            description = "At a surgery that does not fit: stop there (default) or skip it whole and go on.")
    String onConflict;

    @Option(names = "--symbolic", description = "BASE.image is another image of the same system (saved again"
            + " elsewhere, every object moved): find the journal's objects by the names recorded with its changes.")
    boolean symbolic;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ReplayOptions options = options();
        if (dryRun == (out != null)) {
            throw BadInputException.because(dryRun ? "--dry-run writes nothing: drop --out" : "missing --out NEW.image (or --dry-run)");
        }
        if (out != null) {
            OutputFile output = OutputFile.check(out).outsideJournal(journal);
            if (image != null) {
                output.notTheImage(image, false);
            }
        }
        Journals.requireJournal(journal);
        if (image != null && !Files.isRegularFile(image)) {
            throw BadInputException.noSuchFile(image);
        }
        JournalReport report;
        Optional<JournalEvent.SpaceCreated> genesis;
        try (Journal j = Journal.openReadOnly(journal)) {
            report = j.surgeryReport();
            genesis = Genesis.of(j);
        }
        if (genesis.isPresent() && image != null) {
            throw BadInputException.because(journal + ": a genesis journal (bootstrapped from " + genesis.get().name()
                    + "): it has no base image, its seed is in the journal; drop " + image);
        }
        if (genesis.isEmpty() && image == null) {
            throw BadInputException.because("missing BASE.image: the journal " + journal + " was recorded on a base"
                    + " image (only a genesis journal has none)");
        }
        ReplayReport result;
        Checkpoints.Resumed resumed = genesis.isPresent()
                ? new Checkpoints.Resumed(Genesis.space(journal, genesis.get()), 0, Optional.empty())
                : Checkpoints.resume(journal, image, () -> JournalRecorder.sha256(image), report.committed(),
                        Replay.checkpointable(report, options), w -> spec.commandLine().getErr().println("ozw: warning: " + w));
        try (ObjectSpace space = resumed.space(); Progress progress = new Progress(report)) {
            result = Replay.run(space, report, options, progress::done, resumed.surgeries());
            if (out != null) {
                space.save(out);
            }
        }
        if (json) {
            Json.print(spec.commandLine().getOut(), result);
        } else {
            spec.commandLine().getOut().print(result.text());
            if (out != null) {
                spec.commandLine().getOut().println("saved " + out);
            }
        }
        spec.commandLine().getOut().flush();
        return result.isClean() ? 0 : 1;
    }

    private ReplayOptions options() {
        ReplayOptions o = ReplayOptions.all().skipping(skip);
        if (symbolic) {
            o = o.symbolically();
        }
        if (until != null) {
            o = o.until(until);
        }
        if (only != null) {
            try {
                o = o.only(only);
            } catch (PatternSyntaxException e) {
                throw BadInputException.because("--only " + only + ": " + e.getDescription());
            }
        }
        return switch (onConflict) {
            case "stop" -> o.onConflict(ReplayOptions.OnConflict.STOP);
            case "skip" -> o.onConflict(ReplayOptions.OnConflict.SKIP);
            default -> throw BadInputException.because("--on-conflict takes stop or skip, not " + onConflict);
        };
    }

    /** A progress bar over the journal's changes, on a terminal, for long journals only. */
    private final class Progress implements AutoCloseable {
        private final Optional<ProgressBar> bar;

        Progress(JournalReport report) {
            long changes = report.committed().stream().mapToLong(s -> s.changes().size()).sum();
            bar = System.console() != null && changes > PROGRESS_CHANGES && !json
                    ? Optional.of(new ProgressBarBuilder().setTaskName("replay").setInitialMax(changes)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" changes", 1).build())
                    : Optional.empty();
        }

        void done(RecordedSurgery s) {
            bar.ifPresent(b -> b.stepBy(s.changes().size()));
        }

        @Override
        public void close() {
            bar.ifPresent(ProgressBar::close);
        }
    }
}
