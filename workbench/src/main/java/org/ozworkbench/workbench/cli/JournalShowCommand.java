package org.ozworkbench.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ozworkbench.journal.EventCodec;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.workbench.report.ChangeDescription;
import org.ozworkbench.workbench.report.Describe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw journal show DIR SURGERY}: one surgery and its changes. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one surgery of a journal and its changes, one per line.")
public final class JournalShowCommand extends JournalDirCommand {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Under a change line's text ({@code "  #12   "}). */
    private static final String SOURCE_INDENT = "        ";

    @Parameters(index = "1", paramLabel = "SURGERY",
            description = "The surgery's id or label, or a unique prefix of either.")
    String surgery;

    @Option(names = "--json", description = "Print the surgery's events as journaled (JSON, with their index).")
    boolean json;

    @Option(names = "--source", arity = "0..1", paramLabel = "BASE.image", fallbackValue = "",
            description = "Under each method installed, the method it replaced and the new one as source: the"
                    + " journal's base image (the one it recorded, or this file) is loaded and the journal replayed"
                    + " onto it up to the surgery, and the host decompiles what the journal holds no source of.")
    String source;

    @Override
    void run(Journal journal) throws IOException {
        JournalReport report = journal.report();
        RecordedSurgery s = find(report, surgery);
        if (json) {
            if (source != null) {
                throw BadInputException.because("give either --json or --source, not both: --json prints the events"
                        + " as journaled");
            }
            Json.print(out(), events(report, s.id()));
        } else {
            print(s, out(), source == null ? Map.of() : MethodNoteSources.of(report, s, base(s)));
        }
    }

    /** The base image to load for {@code --source}: the one given, else the one the journal recorded. */
    private Path base(RecordedSurgery s) {
        if (!source.isEmpty()) {
            return Path.of(source);
        }
        return s.base().map(b -> Path.of(b.path())).orElseThrow(() -> BadInputException.because(dir + ": surgery "
                + s.id() + " records no base image: give it as --source=BASE.image"));
    }

    /**
     * The surgery {@code name} names: by its whole id, else by its whole label, else by a unique
     * prefix of its id or its label.
     */
    public static RecordedSurgery find(JournalReport report, String name) {
        List<RecordedSurgery> all = report.surgeries();
        List<RecordedSurgery> found = all.stream().filter(s -> s.id().equals(name)).toList();
        if (found.isEmpty()) {
            found = all.stream().filter(s -> s.label().equals(name)).toList();
        }
        if (found.isEmpty()) {
            found = all.stream().filter(s -> s.id().startsWith(name) || s.label().startsWith(name)).toList();
        }
        if (found.isEmpty()) {
            throw BadInputException.because(report.dir() + ": no surgery whose id or label is or starts with '" + name
                    + "' (see 'ozw journal log')");
        }
        if (found.size() > 1) {
            throw BadInputException.because(report.dir() + ": '" + name + "' names " + found.size() + " surgeries: "
                    + found.stream().map(s -> s.id() + " '" + Describe.printable(s.label()) + "'")
                    .collect(Collectors.joining(", ")));
        }
        return found.get(0);
    }

    private static void printSource(PrintWriter out, String heading, String source) {
        out.printf("%s%s:%n", SOURCE_INDENT, heading);
        source.stripTrailing().lines().forEach(line -> out.printf("%s  %s%n", SOURCE_INDENT, line));
    }

    /** The events of surgery {@code id} as journaled, each with its index: {@code ozw journal show --json}. */
    public static List<JsonNode> events(JournalReport report, String id) throws IOException {
        return events(report, e -> id.equals(JournalEvent.surgeryIdOf(e.event())));
    }

    /** The journal's events that {@code which} accepts, in journal order, each with its index. */
    public static List<JsonNode> events(JournalReport report, Predicate<Journal.Entry> which) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Journal.Entry e : report.entries()) {
            if (which.test(e)) {
                out.add(json(e));
            }
        }
        return out;
    }

    /** An event as the journal holds it, with its index. */
    public static JsonNode json(Journal.Entry e) throws IOException {
        return ((ObjectNode) MAPPER.readTree(EventCodec.encode(e.event()))).put("index", e.index());
    }

    static void print(RecordedSurgery s, PrintWriter out) {
        print(s, out, Map.of());
    }

    static void print(RecordedSurgery s, PrintWriter out, Map<Integer, MethodNoteSources.Sides> sources) {
        out.printf("surgery %s '%s'%n", s.id(), Describe.printable(s.label()));
        out.printf("%s, begun %s, %d change%s%s%n", JournalLogCommand.state(s),
                s.begun().truncatedTo(ChronoUnit.SECONDS), s.changes().size(), s.changes().size() == 1 ? "" : "s",
                s.reason().map(r -> ": " + Describe.printable(r)).orElse(""));
        s.base().ifPresent(b -> out.printf("base %s (sha256 %s)%n", b.path(), b.sha256()));
        for (int i = 0; i < s.changes().size(); i++) {
            out.printf("  #%-4d %s%n", i, ChangeDescription.of(s.changes().get(i), s.namesOf(i)));
            MethodNoteSources.Sides sides = sources.get(i);
            if (sides != null) {
                if (sides.replaced() != null) {
                    printSource(out, "replaced", sides.replaced());
                }
                printSource(out, "by", sides.installed());
            }
        }
    }
}
