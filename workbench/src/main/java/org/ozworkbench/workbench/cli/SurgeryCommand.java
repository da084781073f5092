package org.ozworkbench.workbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.workbench.surgery.SurgeryBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ozw surgery IMAGE --journal DIR FILE --out NEW.image}: one journaled surgery from a
 * chunk-format file-in or a JSON batch ({@link SurgeryBatch}), on the journal's base image with
 * the journal's committed surgeries replayed first.
 */
@Command(name = "surgery", mixinStandardHelpOptions = true,
        description = {"Apply a file-in (.st, .cs) or a JSON batch of object-level changes (.json) as one surgery,"
                + " journaled in DIR, and save the result.",
                "IMAGE is the journal's base image: the journal's committed surgeries are replayed onto it first;"
                + " a new journal takes IMAGE as its base. All or nothing: the image is written before the surgery commits"
                + " and put in place after, so on any error nothing is saved and the journal records the surgery as"
                + " aborted."})
public final class SurgeryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalTarget target;

    @Parameters(index = "1", paramLabel = "FILE", description = "A chunk-format file-in (.st, .cs) or a JSON batch (.json).")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON: the surgery's id, label, state and changes.")
    boolean json;

    @Option(names = "--label", paramLabel = "LABEL", description = "The surgery's label (default: the batch's label, or the file name).")
    String label;

    @Override
    public Integer call() throws Exception {
        target.checkOut(file);
        Surgeries.Work work = Surgeries.Work.of(file, InputFile.read(file));
        String name = label != null ? label : work.label(file.getFileName().toString());
        try (JournalSession session = target.open(spec.commandLine().getErr())) {
            Surgeries.Applied applied = Surgeries.apply(session, name, work, target.out);
            Journals.checkpointIfDue(session, spec.commandLine().getErr());
            Surgery surgery = applied.surgery();
            List<String> warnings = applied.warnings();
            warnings.forEach(w -> spec.commandLine().getErr().println("ozw: warning: " + w));
            SurgeryReport report = SurgeryReport.of(surgery, target.journal.toString(), session.replayed(),
                    target.out.toString(), warnings);
            if (json) {
                Json.print(spec.commandLine().getOut(), report);
            } else {
                spec.commandLine().getOut().printf("surgery %s '%s' committed: %s; journal %s (%d earlier surgeries"
                                + " replayed); saved %s%n", surgery.id(), name, Journals.describe(surgery.changes()),
                        target.journal, session.replayed(), target.out);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
