package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.workbench.report.Describe;
import picocli.CommandLine.Command;

/** {@code ozw journal log DIR}: one line per surgery, then what is wrong with the journal, if anything. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "List the surgeries of a journal (id prefix, state, begun, changes, label), then any damage.")
public final class JournalLogCommand extends JournalDirCommand {
    /** How much of a surgery's id the listings show. */
    static final int ID_PREFIX = 8;

    @Override
    void run(Journal journal) {
        print(journal.report(), out());
    }

    static void print(JournalReport r, PrintWriter out) {
        long committed = r.committed().size();
        long aborted = r.surgeries().stream().filter(s -> s.state() == RecordedSurgery.State.ABORTED).count();
        out.printf("journal %s: %d events, %d surgeries (%d committed, %d aborted, %d open)%n", r.dir(),
                r.entries().size(), r.surgeries().size(), committed, aborted,
                r.surgeries().size() - committed - aborted);
        if (!r.surgeries().isEmpty()) {
            Table table = Table.withHeadings("ID", "STATE", "BEGUN", "CHANGES", "LABEL");
            for (RecordedSurgery s : r.surgeries()) {
                table.row(prefix(s.id()), state(s), s.begun().truncatedTo(ChronoUnit.SECONDS).toString(),
                        Integer.toString(s.changes().size()), Describe.printable(s.label()));
            }
            table.print(out);
        }
        r.problem().ifPresent(p -> out.println("damage: " + p.getMessage()));
        r.tornTail().ifPresent(p -> out.println("torn tail: " + p.getMessage()));
    }

    static String state(RecordedSurgery s) {
        return s.state().name().toLowerCase(Locale.ROOT);
    }

    static String prefix(String id) {
        return id.substring(0, Math.min(ID_PREFIX, id.length()));
    }
}
