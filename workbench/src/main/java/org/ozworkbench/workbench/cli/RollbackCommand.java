package org.ozworkbench.workbench.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.journal.RecordedSurgery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw rollback IMAGE --journal DIR SURGERY --out NEW.image}: a compensating surgery. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll back a committed surgery of the journal by a new, compensating surgery, and save.",
                "IMAGE is the journal's base image: its committed surgeries are replayed first. Refused, naming the"
                + " methods and slots, when a later surgery changed the same places: roll that one back first."})
public final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalTarget target;

    @Option(names = "--json", description = "Print the report as JSON: the surgery rolled back, and the id, label and"
            + " changes of the compensating surgery.")
    boolean json;

    @Parameters(index = "1", paramLabel = "SURGERY", description = "The surgery: its id, a unique id prefix, or its label.")
    String surgery;

    @Override
    public Integer call() {
        target.checkOut();
        Journals.requireJournal(target.journal);
        try (JournalSession session = target.open(spec.commandLine().getErr())) {
            Surgeries.RolledBack rolledBack = Surgeries.rollback(session, surgery, target.out);
            Journals.checkpointIfDue(session, spec.commandLine().getErr());
            RecordedSurgery undone = rolledBack.undone();
            Surgery rollback = rolledBack.rollback();
            if (json) {
                Json.print(spec.commandLine().getOut(), new SurgeryReport.RollbackReport(undone.id(), undone.label(),
                        SurgeryReport.of(rollback, target.journal.toString(), session.replayed(), target.out.toString(),
                                List.of())));
            } else {
                spec.commandLine().getOut().printf("rolled back %s '%s' by surgery %s: %s; saved %s%n", undone.id(),
                        undone.label(), rollback.id(), Journals.describe(rollback.changes()), target.out);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
