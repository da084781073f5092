package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalTail;
import org.ozworkbench.workbench.Ozw;
import org.ozworkbench.workbench.bus.RecordedSpace;
import picocli.CommandLine;

class JournalCommandsTest {
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private Path journalDir;
    private Journal journal;
    private RecordedSpace space;
    private String compiled;
    private String slot;
    private final ExecutorService cli = Executors.newSingleThreadExecutor();

    @BeforeEach
    void recordAJournal() {
        journalDir = dir.resolve("journal");
        journal = Journal.open(journalDir);
        space = RecordedSpace.start(journal);
        compiled = space.commit("Point>>sum", () -> space.compile("sum ^ x + y"));
        slot = space.commit("Transcript := 3", () -> space.writeSlot(3));
        space.abort("doomed", () -> space.writeSlot(4));
    }

    @AfterEach
    void close() throws Exception {
        cli.shutdownNow();
        cli.awaitTermination(1, TimeUnit.MINUTES);
        if (space != null) {
            space.close();
        }
        journal.close();
    }

    private List<Journal.Entry> entries() {
        List<Journal.Entry> all = new ArrayList<>();
        try (JournalTail tail = journal.tail(0)) {
            for (var e = tail.next(); e.isPresent(); e = tail.next()) {
                all.add(e.get());
            }
        }
        return all;
    }

    @Test
    void logListsEachSurgeryWithItsStateLabelAndChangeCount() {
        OzwRun run = ozw("journal", "log", journalDir);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("journal " + journalDir.toAbsolutePath())
                .contains("3 surgeries (2 committed, 1 aborted, 0 open)");
        assertThat(lines.get(1)).containsSubsequence("ID", "STATE", "BEGUN", "CHANGES", "LABEL");
        assertThat(lines.get(2)).startsWith(compiled.substring(0, 8)).contains("committed").endsWith("Point>>sum");
        assertThat(lines.get(3)).startsWith(slot.substring(0, 8)).containsSubsequence("committed", " 1 ",
                "Transcript := 3");
        assertThat(lines.get(4)).contains("aborted").endsWith("doomed");
        assertThat(lines).hasSize(5);
    }

    @Test
    void logReportsDamageAfterTheSurgeriesItCouldRead() {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(journalDir.toFile()).build();
             ExcerptAppender appender = queue.createAppender()) {
            appender.writeBytes(net.openhft.chronicle.bytes.Bytes.from("not an event"));
        }

        OzwRun run = ozw("journal", "log", journalDir);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Point>>sum", "doomed");
        assertThat(run.out().lines().toList()).last().asString().startsWith("damage: ").contains("not JSON");
    }

    @Test
    void showFindsASurgeryByLabelIdOrIdPrefixAndListsItsChanges() {
        OzwRun byLabel = ozw("journal", "show", journalDir, "Point>>sum");
        OzwRun byId = ozw("journal", "show", journalDir, compiled);
        OzwRun byPrefix = ozw("journal", "show", journalDir, compiled.substring(0, 6));

        assertThat(byLabel.exitCode()).as(byLabel.err()).isZero();
        assertThat(byId.out()).isEqualTo(byLabel.out());
        assertThat(byPrefix.out()).isEqualTo(byLabel.out());
        List<String> lines = byLabel.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("surgery " + compiled + " 'Point>>sum'");
        assertThat(lines.get(1)).startsWith("committed, begun ");
        assertThat(lines.get(2)).startsWith("base ").endsWith(")");
        assertThat(lines.subList(3, lines.size())).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("  #\\d+ +(store|create|class|note) .*"))
                .anySatisfy(l -> assertThat(l).contains("create created#"))
                .anySatisfy(l -> assertThat(l).endsWith("note   Point>>sum added"));
        assertThat(lines.get(1)).contains((lines.size() - 3) + " changes");
    }

    @Test
    void showTakesAUniquePrefixOfALabelAndNamesTheObjectsByTheirRecordedSymbolicNames() {
        OzwRun byLabel = ozw("journal", "show", journalDir, "Point>>sum");
        OzwRun byLabelPrefix = ozw("journal", "show", journalDir, "Point>>s");
        space.commit("Point>>diff", () -> space.compile("diff ^ x - y"));
        OzwRun ambiguous = ozw("journal", "show", journalDir, "Point>>");

        assertThat(byLabelPrefix.exitCode()).as(byLabelPrefix.err()).isZero();
        assertThat(byLabelPrefix.out()).isEqualTo(byLabel.out());
        assertThat(byLabel.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "  #\\d+ +store  Point/methodDict 0x[0-9a-f]+ slot 0: \\d+ -> \\d+"));
        assertThat(ozw("journal", "tail", journalDir, "--until-idle", 500).out().lines()).anySatisfy(l -> assertThat(l)
                .matches(".* #\\d+ +store  Point/methodDict 0x[0-9a-f]+ slot 0: \\d+ -> \\d+"));
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.errLines()).singleElement().asString().contains("'Point>>' names 2 surgeries");
    }

    @Test
    void showWithJsonPrintsTheSurgerysEventsAsJournaled() {
        OzwRun run = ozw("journal", "show", journalDir, "Transcript := 3", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode events = run.json();
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("SurgeryBegun", "ChangeMade", "SurgeryCommitted");
        assertThat(events).allSatisfy(e -> assertThat(e.get("surgeryId").asText()).isEqualTo(slot));
        assertThat(events.get(1).get("change").get("kind").asText()).isEqualTo("SlotStored");
        assertThat(events.get(1).get("change").get("newValue").get("smallInteger").asInt()).isEqualTo(3);
        List<Long> indexes = entries().stream().map(Journal.Entry::index).toList();
        assertThat(indexes).contains(events.get(0).get("index").asLong(), events.get(2).get("index").asLong());
    }

    @Test
    void showRefusesAnUnknownOrAmbiguousSurgeryInOneLine() {
        space.commit("Transcript := 3", () -> space.writeSlot(5));

        OzwRun unknown = ozw("journal", "show", journalDir, "nothing like it");
        OzwRun ambiguous = ozw("journal", "show", journalDir, "Transcript := 3");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString()
                .startsWith("ozw: " + journalDir.toAbsolutePath() + ": no surgery whose id or label is or starts"
                        + " with 'nothing like it'");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.errLines()).singleElement().asString().contains("'Transcript := 3' names 2 surgeries");
    }

    @Test
    void aMissingFolderOrOneThatIsNoJournalIsBadInput() throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("file"), "x");

        for (String command : List.of("log", "tail")) {
            OzwRun noDir = ozw("journal", command, missing);
            assertThat(noDir.exitCode()).isEqualTo(2);
            assertThat(noDir.errLines()).singleElement().asString().isEqualTo("ozw: " + missing + ": no such file");
        }
        OzwRun notJournal = ozw("journal", "log", empty);
        OzwRun notFolder = ozw("journal", "show", file, "x");

        assertThat(notJournal.exitCode()).isEqualTo(2);
        assertThat(notJournal.errLines()).singleElement().asString()
                .isEqualTo("ozw: " + empty + ": not a journal (no Chronicle queue files in it)");
        assertThat(notFolder.exitCode()).isEqualTo(2);
        assertThat(notFolder.errLines()).singleElement().asString().contains(file + ": not a journal");
        assertThat(ozw("journal").exitCode()).isEqualTo(2);
        assertThat(ozw("journal", "tail", journalDir, "--kind", "nonsense").errLines()).singleElement().asString()
                .contains("'nonsense' is not a kind");
    }

    @Test
    void tailPrintsTheEventsFromAnIndexOneLineEach() {
        List<Journal.Entry> all = entries();
        long third = all.get(2).index();

        OzwRun everything = ozw("journal", "tail", journalDir, "--count", all.size());
        OzwRun fromThird = ozw("journal", "tail", journalDir, "--from", "0x" + Long.toHexString(third),
                "--count", all.size() - 2);

        assertThat(everything.exitCode()).as(everything.err()).isZero();
        List<String> lines = everything.out().lines().toList();
        assertThat(lines).hasSize(all.size());
        for (int i = 0; i < all.size(); i++) {
            assertThat(lines.get(i)).startsWith("0x" + Long.toHexString(all.get(i).index()) + "  "
                    + all.get(i).event().type() + "  ");
        }
        assertThat(lines.get(0)).contains("SpaceLoaded", "mini-6502.image");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("SurgeryBegun", "'Point>>sum'"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("ChangeMade", slot.substring(0, 8), "#0",
                "slot 1:", "-> 3"));
        assertThat(fromThird.exitCode()).as(fromThird.err()).isZero();
        assertThat(fromThird.out().lines().toList()).isEqualTo(lines.subList(2, lines.size()));
    }

    @Test
    void tailWithJsonAndAKindPrintsOnlyThatKindsMessages() {
        OzwRun run = ozw("journal", "tail", journalDir, "--kind", "surgeries", "--json", "--count", 6);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().map(l -> new io.vertx.core.json.JsonObject(l).getString("type")).toList())
                .containsExactly("SurgeryBegun", "SurgeryCommitted", "SurgeryBegun", "SurgeryCommitted",
                        "SurgeryBegun", "SurgeryAborted");
    }

    @Test
    void tailUntilIdleStopsOnceNothingMoreComes() {
        OzwRun run = ozw("journal", "tail", journalDir, "--until-idle", 300);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(entries().size());
    }

    @Test
    void tailFollowsWhatIsJournaledWhileItRuns() throws Exception {
        int before = entries().size();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Ozw());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        Future<Integer> tail = cli.submit(() -> command.execute("journal", "tail", journalDir.toString(),
                "--count", Integer.toString(before + 3)));
        await().atMost(PATIENCE).until(() -> out.toString().lines().count() == before);

        String live = space.commit("live", () -> space.writeSlot(9));

        assertThat(tail.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(before + 3);
        assertThat(lines.get(before)).contains("SurgeryBegun", live.substring(0, 8), "'live'");
        assertThat(lines.get(before + 1)).contains("ChangeMade", "-> 9");
        assertThat(lines.get(before + 2)).contains("SurgeryCommitted", "1 changes");
    }
}
