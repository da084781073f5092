package org.ozworkbench.workbench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.workbench.report.Describe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ozw journal log DIR}: one line per surgery, then what is wrong with the journal, if anything. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "List the surgeries of a journal (id prefix, state, begun, changes, label), then any damage.")
public final class JournalLogCommand extends JournalDirCommand {
    /** How much of a surgery's id the listings show. */
    static final int ID_PREFIX = 8;

    @Option(names = "--json", description = "Print the report as JSON: counts, each surgery's whole id, state, begun,"
            + " changes and label, then any damage.")
    boolean json;

    /**
     * What {@code ozw journal log} reports.
     *
     * @param journal   the journal folder
     * @param events    its events
     * @param committed the committed surgeries
     * @param aborted   the aborted ones
     * @param open      the ones neither committed nor aborted
     * @param surgeries every surgery, in the journal's order
     * @param damage    what stopped the reading, if anything did
     * @param tornTail  the unfinished excerpt at the tail, if there is one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LogReport(String journal, int events, long committed, long aborted, long open, List<Entry> surgeries,
                     String damage, String tornTail) {

        /** One surgery: its whole id, its state, when it began, its change count and label. */
        public record Entry(String id, String state, String begun, int changes, String label) {
        }

        public static LogReport of(JournalReport r) {
            long committed = r.committed().size();
            long aborted = r.surgeries().stream().filter(s -> s.state() == RecordedSurgery.State.ABORTED).count();
            List<Entry> entries = r.surgeries().stream().map(s -> new Entry(s.id(), state(s),
                    s.begun().truncatedTo(ChronoUnit.SECONDS).toString(), s.changes().size(), s.label())).toList();
            return new LogReport(r.dir().toString(), r.entries().size(), committed, aborted,
                    r.surgeries().size() - committed - aborted, entries,
                    r.problem().map(Exception::getMessage).orElse(null),
                    r.tornTail().map(Exception::getMessage).orElse(null));
        }
    }

    @Override
    void run(Journal journal) {
        LogReport report = LogReport.of(journal.report());
        if (json) {
            Json.print(out(), report);
        } else {
            print(report, out());
        }
    }

    static void print(LogReport r, PrintWriter out) {
        out.printf("journal %s: %d events, %d surgeries (%d committed, %d aborted, %d open)%n", r.journal(),
                r.events(), r.surgeries().size(), r.committed(), r.aborted(), r.open());
        if (!r.surgeries().isEmpty()) {
            Table table = Table.withHeadings("ID", "STATE", "BEGUN", "CHANGES", "LABEL");
            for (LogReport.Entry s : r.surgeries()) {
                table.row(prefix(s.id()), s.state(), s.begun(), Integer.toString(s.changes()),
                        Describe.printable(s.label()));
            }
            table.print(out);
        }
        if (r.damage() != null) {
            out.println("damage: " + r.damage());
        }
        if (r.tornTail() != null) {
            out.println("torn tail: " + r.tornTail());
        }
    }

    static String state(RecordedSurgery s) {
        return s.state().name().toLowerCase(Locale.ROOT);
    }

    static String prefix(String id) {
        return id.substring(0, Math.min(ID_PREFIX, id.length()));
    }
}
