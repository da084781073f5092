package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.workbench.Ozw;

/**
 * Issue 12: what `ozw` says committed stays replayable, whatever happens to the journal around it:
 * concurrent writers, a save that fails, a rollback that would strand a later surgery, damaged
 * files. Each damage ends in one line, changes no file of the journal, and loses no surgery that
 * could be read before it.
 */
class JournalIntegrityTest {
    @TempDir
    Path dir;

    private final Path mini = OzwRun.imageOf(ImageFacts.MINI);

    private Path method(String name, int answer) throws IOException {
        return Files.writeString(dir.resolve(name + ".st"), "!Object methodsFor: 'ozw'!\r" + name + "\r\t^ " + answer + "! !\r");
    }

    private Path threeSurgeries(Path journal) throws IOException {
        for (int i = 1; i <= 3; i++) {
            OzwRun r = OzwRun.ozw("surgery", mini, "--journal", journal, method("ozwS" + i, i), "--out",
                    dir.resolve("s" + i + ".image"));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        return journal;
    }

    /** Every file of a journal folder but the writer's lock, by name, with its SHA-256 and length. */
    private static Map<String, String> fingerprint(Path journal) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("writer.lock")) {
                    out.put(f.getFileName().toString(), Files.size(f) + " " + sha256(f));
                }
            }
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path queueFile(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void assertOneLine(OzwRun r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ", "\\x00");
    }

    @Test
    void givenAQueueFileCutShort_whenWritten_thenEveryCommandRefusesInOneLineAndNoFileChanges() throws IOException {
        Path journal = threeSurgeries(dir.resolve("j"));
        Path queue = queueFile(journal);
        try (var c = java.nio.channels.FileChannel.open(queue, java.nio.file.StandardOpenOption.WRITE)) {
            c.truncate(30_000); // inside the queue file's header region
        }
        Map<String, String> before = fingerprint(journal);

        OzwRun log = OzwRun.ozw("journal", "log", journal);
        OzwRun surgery = OzwRun.ozw("surgery", mini, "--journal", journal, method("ozwS4", 4), "--out", dir.resolve("x.image"));
        OzwRun rollback = OzwRun.ozw("rollback", mini, "--journal", journal, "ozwS1.st", "--out", dir.resolve("y.image"));

        assertThat(log.out()).contains("damage: ", "shorter than the", "it was truncated");
        assertOneLine(surgery);
        assertThat(surgery.err()).contains("it is damaged, so nothing is appended").contains("journal salvage");
        assertOneLine(rollback);
        assertThat(fingerprint(journal)).isEqualTo(before);
        assertThat(dir.resolve("x.image")).doesNotExist();
    }

    @Test
    void givenAJournalDamagedAfterItsFirstSurgery_whenReplayedUntilItOrSalvaged_thenThatSurgeryComesBack()
            throws IOException {
        Path journal = threeSurgeries(dir.resolve("j"));
        long secondBegins;
        try (Journal j = Journal.openReadOnly(journal)) {
            secondBegins = j.report().committed().get(1).beginIndex();
        }
        Path queue = queueFile(journal);
        long offset = offsetOfSecondSurgery(queue);
        try (var c = java.nio.channels.FileChannel.open(queue, java.nio.file.StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF}), offset); // one flipped byte in surgery 2
        }
        assertThat(secondBegins).isPositive();

        OzwRun replay = OzwRun.ozw("replay", mini, "--journal", journal, "--until", "ozwS1.st", "--out",
                dir.resolve("r.image"));
        Path salvaged = dir.resolve("salvaged");
        OzwRun salvage = OzwRun.ozw("journal", "salvage", journal, "--out", salvaged);
        OzwRun next = OzwRun.ozw("surgery", mini, "--journal", salvaged, method("ozwS5", 5), "--out", dir.resolve("n.image"));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("applied", "'ozwS1.st'");
        assertThat(salvage.exitCode()).isEqualTo(1);
        assertThat(salvage.out()).contains("salvaged 1 committed surgeries", "the original is damaged");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("1 earlier surgeries replayed");
        assertThat(OzwRun.ozw("eval", dir.resolve("n.image"), "nil ozwS1 + nil ozwS5").out().strip()).isEqualTo("6");
    }

    /** The offset of a byte inside the second surgery's label in the queue file. */
    private static long offsetOfSecondSurgery(Path queue) throws IOException {
        byte[] bytes = Files.readAllBytes(queue);
        byte[] label = "\"ozwS2.st\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + label.length < bytes.length; i++) {
            for (int k = 0; k < label.length; k++) {
                if (bytes[i + k] != label[k]) {
                    continue outer;
                }
            }
            return i + 3;
        }
        throw new AssertionError("no second surgery in " + queue);
    }

    @Test
    void givenAnOutWhoseFolderIsAFile_whenTheSurgeryRuns_thenItIsAbortedNotCommitted() throws IOException {
        Path journal = dir.resolve("j");
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");

        OzwRun failed = OzwRun.ozw("surgery", mini, "--journal", journal, method("ozwS1", 1), "--out",
                notAFolder.resolve("x.image"));
        OzwRun again = OzwRun.ozw("surgery", mini, "--journal", journal, method("ozwS1", 1), "--out",
                dir.resolve("ok.image"));

        assertThat(failed.exitCode()).isNotZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 earlier surgeries replayed");
        try (Journal j = Journal.openReadOnly(journal)) {
            assertThat(j.report().committed()).hasSize(1); // the failed one never committed, so it is not done twice
        }
    }

    @Test
    void givenALaterSurgeryReferringToAClassAnEarlierOneDefined_whenTheEarlierIsRolledBack_thenItIsRefusedNamingIt()
            throws IOException {
        Path journal = dir.resolve("j");
        Path define = Files.writeString(dir.resolve("define.st"), "Object subclass: #OzwCounters\r\tinstanceVariableNames: ''"
                + "\r\tclassVariableNames: ''\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r");
        Path use = Files.writeString(dir.resolve("use.st"), "!Object methodsFor: 'ozw'!\rozwCounters\r\t^ OzwCounters! !\r");
        assertThat(OzwRun.ozw("surgery", mini, "--journal", journal, define, "--out", dir.resolve("a.image")).exitCode()).isZero();
        assertThat(OzwRun.ozw("surgery", mini, "--journal", journal, use, "--out", dir.resolve("b.image")).exitCode()).isZero();
        Map<String, String> before = fingerprint(journal);

        OzwRun refused = OzwRun.ozw("rollback", mini, "--journal", journal, "define.st", "--out", dir.resolve("c.image"));
        OzwRun laterFirst = OzwRun.ozw("rollback", mini, "--journal", journal, "use.st", "--out", dir.resolve("d.image"));
        OzwRun thenEarlier = OzwRun.ozw("rollback", mini, "--journal", journal, "define.st", "--out", dir.resolve("e.image"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("later surgery", "'use.st' refers to", "which the rolled-back surgery created",
                "roll it back first");
        assertThat(dir.resolve("c.image")).doesNotExist();
        assertThat(laterFirst.exitCode()).as(laterFirst.err()).isZero();
        assertThat(thenEarlier.exitCode()).as(thenEarlier.err()).isZero();
        assertThat(before).isNotEqualTo(fingerprint(journal));
    }

    /**
     * Eight `ozw surgery` processes started together on one journal, one killed by SIGKILL while it
     * may hold the lock: every surgery reported committed is in the journal and replays.
     */
    @Test
    void givenEightWritersAtOnce_whenEachCommits_thenEverySurgeryReportedCommittedReplays() throws Exception {
        int rounds = Integer.getInteger("ozw.concurrency.rounds", 20);
        for (int round = 0; round < rounds; round++) {
            Path journal = dir.resolve("j" + round);
            List<Process> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                writers.add(ozwProcess(dir.resolve("r" + round + "w" + w), "surgery", mini, "--journal", journal, method("ozwR" + round + "W" + w, w),
                        "--out", dir.resolve("r" + round + "w" + w + ".image")));
            }
            Thread.sleep(300);
            writers.get(7).destroyForcibly(); // killed while it may be holding the lock
            List<String> committed = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Process p = writers.get(w);
                assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("writer " + w + " finished").isTrue();
                String out = Files.readString(dir.resolve("r" + round + "w" + w + ".out"));
                if (p.exitValue() == 0 && out.contains(" committed: ")) {
                    committed.add("ozwR" + round + "W" + w + ".st");
                } else if (w < 7) {
                    throw new AssertionError("writer " + w + " failed: " + out
                            + Files.readString(dir.resolve("r" + round + "w" + w + ".err")));
                }
            }
            assertThat(committed).hasSizeGreaterThanOrEqualTo(7);

            OzwRun replay = OzwRun.ozw("replay", mini, "--journal", journal, "--out", dir.resolve("replay" + round + ".image"));
            assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
            for (String label : committed) {
                assertThat(replay.out()).contains("applied").contains("'" + label + "'");
            }
        }
    }

    /** {@code ozw ARGS} in a process of its own, its output in {@code outputs}.out and .err. */
    private Process ozwProcess(Path outputs, Object... args) throws IOException {
        List<String> cmd = ChildJvm.command(Ozw.class, "1g", java.util.Arrays.stream(args).map(String::valueOf).toList());
        return new ProcessBuilder(cmd).redirectOutput(Path.of(outputs + ".out").toFile())
                .redirectError(Path.of(outputs + ".err").toFile()).start();
    }
}
