package org.ozworkbench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalSession;

class ReplayTest {
    private static final int JOURNALS = 20;

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();

    private static JournalReport read(Path journal) {
        try (Journal j = Journal.openReadOnly(journal)) {
            return j.report();
        }
    }

    /** Mixed surgeries, chosen by {@code random}: methods, class variables, classes, processes; some aborted. */
    private static void operate(ObjectSpace space, Random random, int journal) {
        List<String> installed = new ArrayList<>();
        List<ProcessMirror> processes = new ArrayList<>();
        int surgeries = 3 + random.nextInt(5);
        for (int n = 0; n < surgeries; n++) {
            boolean abort = random.nextInt(6) == 0;
            List<String> installedBefore = List.copyOf(installed);
            List<ProcessMirror> processesBefore = List.copyOf(processes);
            try (Surgery s = space.beginSurgery("journal " + journal + " surgery " + n)) {
                int steps = 1 + random.nextInt(4);
                for (int k = 0; k < steps; k++) {
                    ClassMirror point = space.classNamed("Point").orElseThrow();
                    switch (random.nextInt(6)) {
                        case 0, 1 -> {
                            String selector = "ozw" + journal + "m" + random.nextInt(6);
                            point.compile(selector + "  ^ x * " + random.nextInt(100) + " + y", "ozw-replay");
                            installed.add(selector);
                        }
                        case 2 -> {
                            if (!installed.isEmpty()) {
                                point.removeMethod(installed.remove(random.nextInt(installed.size())));
                            }
                        }
                        case 3 -> space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                                .atPut("VersionString", space.newString("Oz " + journal + "." + n + "." + k));
                        case 4 -> {
                            String name = "OzwReplay" + journal + "x" + n + "x" + k;
                            space.defineClass(name, point, "subclass:", List.of("z"), List.of(), "Ozw-Replay")
                                    .compile("z  ^ z", "access");
                        }
                        default -> {
                            if (processes.isEmpty() || random.nextBoolean()) {
                                processes.add(space.createProcessWithPriority(1 + random.nextInt(5), "3 + 4"));
                            } else {
                                ProcessMirror p = processes.get(random.nextInt(processes.size()));
                                p.priority(1 + random.nextInt(5));
                            }
                        }
                    }
                }
                if (!abort) {
                    s.commit();
                }
            }
            if (abort) { // what the aborted surgery made is gone: forget it
                installed.clear();
                installed.addAll(installedBefore);
                processes.clear();
                processes.addAll(processesBefore);
            }
        }
    }

    @Test
    void replayingAJournalOntoAFreshBaseGivesTheBytesSavedWhenItWasRecorded() throws IOException {
        int surgeries = 0;
        for (int journal = 0; journal < JOURNALS; journal++) {
            Path dirOf = dir.resolve("journal-" + journal);
            Path recorded = dir.resolve("recorded-" + journal + ".image");
            try (JournalSession session = JournalSession.open(scratch, dirOf)) {
                operate(session.space(), new Random(journal), journal);
                session.save(recorded);
            }
            JournalReport report = read(dirOf);
            surgeries += report.committed().size();

            ObjectSpace fresh = ObjectSpace.load(scratch);
            ReplayReport result = Replay.run(fresh, report, ReplayOptions.all(), s -> { });

            assertThat(result.isClean()).as(result.text()).isTrue();
            assertThat(fresh.toBytes()).as("journal %d", journal).isEqualTo(Files.readAllBytes(recorded));
        }
        System.out.printf("[replay] %d journals, %d committed surgeries, each replayed byte-identical%n", JOURNALS,
                surgeries);
        assertThat(surgeries).isGreaterThan(JOURNALS * 3);
    }

    private String surgery(JournalSession session, String label, Runnable work) {
        try (Surgery s = session.space().beginSurgery(label)) {
            work.run();
            s.commit();
            return s.id();
        }
    }

    @Test
    void aSurgeryLeftOutInTheMiddleStillLetsTheLaterOnesApplyTheirMethodsFindableByTheGuestsHashing() {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ClassMirror point = session.space().classNamed("Point").orElseThrow();
            surgery(session, "S1", () -> point.compile("ozwOne  ^ 1", "ozw"));
            surgery(session, "S2", () -> {
                point.compile("ozwTwo  ^ 2", "ozw");
                session.space().defineClass("OzwLeftOut", point, "subclass:", List.of(), List.of(), "Ozw");
            });
            surgery(session, "S3", () -> {
                point.compile("ozwThree  ^ #ozwThreeSymbol", "ozw");
                point.removeMethod("ozwOne");
                session.space().defineClass("OzwKept", point, "subclass:", List.of("k"), List.of(), "Ozw")
                        .compile("k  ^ k", "access");
            });
        }
        ObjectSpace fresh = ObjectSpace.load(scratch);

        ReplayReport result = Replay.run(fresh, read(journal), ReplayOptions.all().skipping(List.of("S2")), s -> { });

        assertThat(result.entries()).extracting(ReplayReport.Entry::status).containsExactly(ReplayReport.Status.APPLIED,
                ReplayReport.Status.SKIPPED, ReplayReport.Status.APPLIED);
        ClassMirror point = fresh.classNamed("Point").orElseThrow();
        assertThat(point.compiledMethodAt("ozwThree")).isPresent();
        assertThat(point.compiledMethodAt("ozwTwo")).isEmpty();
        assertThat(point.compiledMethodAt("ozwOne")).isEmpty();
        assertThat(fresh.classNamed("OzwLeftOut")).isEmpty();
        assertThat(fresh.classNamed("OzwKept").orElseThrow().compiledMethodAt("k")).isPresent();
        assertThat(fresh.symbolNamed("ozwThreeSymbol")).isPresent();
    }

    @Test
    void aSurgeryWhoseOldValueIsGoneIsAConflictStoppingOrSkippedWholeAsAsked() {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            var pool = session.space().classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow();
            surgery(session, "set a", () -> pool.atPut("VersionString", session.space().newString("a")));
            surgery(session, "set b", () -> pool.atPut("VersionString", session.space().newString("b")));
            surgery(session, "ozwFour", () -> session.space().classNamed("Point").orElseThrow().compile("ozwFour  ^ 4"));
        }
        JournalReport report = read(journal);

        ObjectSpace stopped = ObjectSpace.load(scratch);
        ReplayReport stop = Replay.run(stopped, report, ReplayOptions.all().skipping(List.of("set a")), s -> { });
        ObjectSpace skipping = ObjectSpace.load(scratch);
        ReplayReport skip = Replay.run(skipping, report, ReplayOptions.all().skipping(List.of("set a"))
                .onConflict(ReplayOptions.OnConflict.SKIP), s -> { });

        assertThat(stop.entries()).extracting(ReplayReport.Entry::status).containsExactly(ReplayReport.Status.SKIPPED,
                ReplayReport.Status.CONFLICT, ReplayReport.Status.NOT_REACHED);
        ReplayReport.Conflict conflict = stop.entries().get(1).conflict().orElseThrow();
        assertThat(conflict.expected()).contains("SlotStored");
        assertThat(conflict.found()).contains("not the recorded old value");
        assertThat(stop.text()).contains("conflict", "'set b'", "not reached", "'ozwFour'");
        assertThat(stopped.toBytes()).isEqualTo(ObjectSpace.load(scratch).toBytes());
        assertThat(skip.entries()).extracting(ReplayReport.Entry::status).containsExactly(ReplayReport.Status.SKIPPED,
                ReplayReport.Status.CONFLICT, ReplayReport.Status.APPLIED);
        assertThat(skipping.classNamed("Point").orElseThrow().compiledMethodAt("ozwFour")).isPresent();
    }

    @Test
    void untilAndOnlyChooseTheSurgeriesByIdOrLabel() {
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ClassMirror point = session.space().classNamed("Point").orElseThrow();
            surgery(session, "fix one", () -> point.compile("ozwOne  ^ 1"));
            surgery(session, "feature two", () -> point.compile("ozwTwo  ^ 2"));
            surgery(session, "fix three", () -> point.compile("ozwThree  ^ 3"));
        }
        JournalReport report = read(journal);

        ReplayReport until = Replay.run(ObjectSpace.load(scratch), report, ReplayOptions.all().until("feature two"), s -> { });
        ReplayReport only = Replay.run(ObjectSpace.load(scratch), report, ReplayOptions.all().only("^fix"), s -> { });

        assertThat(until.entries()).extracting(ReplayReport.Entry::status).containsExactly(ReplayReport.Status.APPLIED,
                ReplayReport.Status.APPLIED, ReplayReport.Status.SKIPPED);
        assertThat(only.entries()).extracting(ReplayReport.Entry::status).containsExactly(ReplayReport.Status.APPLIED,
                ReplayReport.Status.SKIPPED, ReplayReport.Status.APPLIED);
        assertThat(only.entries().get(1).why()).hasValueSatisfying(w -> assertThat(w).contains("--only"));
    }
}
