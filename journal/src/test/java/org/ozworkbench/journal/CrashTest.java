package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.TestImages;

/**
 * A child JVM applies surgeries to Scratch.image, journaled, and is killed with SIGKILL at random
 * moments ({@code -Dozw.crash.kills=N}, 10 by default). After each kill the journal is reopened:
 * every surgery whose commit returned is there, committed, with its changes (count and digest);
 * no surgery is committed in part; the committed surgeries of the killed run replay onto a fresh
 * Scratch without conflict, reaching the very bytes the child had.
 */
class CrashTest {
    private static final long MIN_RUN_MS = 200;
    private static final long MAX_RUN_MS = 1500;
    private static final long READY_TIMEOUT_S = 60;
    private static final int KILLS_PER_JOURNAL = 5;

    @TempDir
    Path dir;

    record Ack(String id, int changes) {
    }

    @Test
    void aWriterKilledAtRandomMomentsLeavesEveryAcknowledgedSurgeryCommittedAndNothingPartial() throws Exception {
        int kills = Integer.getInteger("ozw.crash.kills", 10);
        long seed = Long.getLong("ozw.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path scratch = TestImages.scratchImage();
        int totalAcked = 0;
        int tornTails = 0;
        List<String> log = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            // A journal takes KILLS_PER_JOURNAL sessions, so that a long run (-Dozw.crash.kills=500) stays linear.
            Path journalDir = dir.resolve("journal-" + k / KILLS_PER_JOURNAL);
            int session = k % KILLS_PER_JOURNAL;
            List<String> lines = new CopyOnWriteArrayList<>();
            long t0 = System.nanoTime();
            Process child = start(journalDir, scratch, random.nextLong(), k);
            Thread reader = follow(child, lines);
            awaitReady(child, lines, k);
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            long runMs = MIN_RUN_MS + (long) (random.nextDouble() * (MAX_RUN_MS - MIN_RUN_MS));
            Thread.sleep(runMs);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child %d ended", k).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));

            List<Ack> acked = lines.stream().filter(l -> l.startsWith(CrashChild.ACK + " ")).map(CrashTest::ack).toList();
            totalAcked += acked.size();
            long t1 = System.nanoTime();
            try (Journal journal = Journal.open(journalDir)) {
                long openMs = (System.nanoTime() - t1) / 1_000_000;
                if (journal.recovered().isPresent()) {
                    tornTails++;
                }
                JournalReport report = journal.report();
                assertThat(report.problem()).as("kill %d (seed %d): %s", k, seed, report.summary()).isEmpty();
                assertThat(journal.damage()).isEmpty();

                List<JournalEvent.SpaceLoaded> sessions = report.entries().stream().map(Journal.Entry::event)
                        .filter(JournalEvent.SpaceLoaded.class::isInstance).map(JournalEvent.SpaceLoaded.class::cast)
                        .toList();
                assertThat(sessions).as("one session per run").hasSize(session + 1);
                JournalEvent.SpaceLoaded thisRun = sessions.get(session);
                List<RecordedSurgery> run = report.surgeries().stream()
                        .filter(s -> s.base().orElseThrow() == thisRun).toList();
                Map<String, RecordedSurgery> byId = new HashMap<>();
                run.forEach(s -> byId.put(s.id(), s));

                for (Ack a : acked) {
                    RecordedSurgery s = byId.get(a.id());
                    assertThat(s).as("acknowledged surgery %s of kill %d (seed %d)", a.id(), k, seed).isNotNull();
                    assertThat(s.state()).isEqualTo(RecordedSurgery.State.COMMITTED);
                    assertThat(s.changes()).hasSize(a.changes());
                }
                long open = run.stream().filter(s -> s.state() == RecordedSurgery.State.OPEN).count();
                assertThat(open).as("surgeries left open by kill %d", k).isLessThanOrEqualTo(1);
                run.stream().filter(s -> s.state() == RecordedSurgery.State.OPEN)
                        .forEach(s -> assertThat(run.get(run.size() - 1)).isSameAs(s));

                long t2 = System.nanoTime();
                Map<String, String> shas = new HashMap<>();
                lines.stream().filter(l -> l.startsWith(CrashChild.SHA + " ")).map(l -> l.split(" "))
                        .forEach(p -> shas.put(p[1], p[2]));
                replayAndCompare(scratch, run, shas);
                long replayMs = (System.nanoTime() - t2) / 1_000_000;
                log.add(String.format("kill %d after %d ms (start %d ms, reopen %d ms, replay %d ms, %d events):"
                                + " %d acknowledged, %d committed, %d aborted, %d open%s",
                        k, runMs, startMs, openMs, replayMs, report.entries().size(), acked.size(), run.stream().filter(RecordedSurgery::isCommitted).count(),
                        run.stream().filter(s -> s.state() == RecordedSurgery.State.ABORTED).count(), open,
                        journal.recovered().isPresent() ? ", torn tail cleared" : ""));
            }
        }
        log.forEach(l -> System.out.println("[crash] " + l));
        System.out.printf("[crash] %d kills (seed %d): %d acknowledged surgeries all committed and replayed, "
                + "%d torn tails cleared on reopening%n", kills, seed, totalAcked, tornTails);
        assertThat(totalAcked).as("the children got some surgeries through").isPositive();
    }

    /** Replays the run's committed surgeries onto a fresh Scratch; at each acknowledged SHA the bytes must match. */
    private static void replayAndCompare(Path scratch, List<RecordedSurgery> run, Map<String, String> shaById) {
        ObjectSpace fresh = ObjectSpace.load(scratch);
        for (RecordedSurgery s : run) {
            if (!s.isCommitted()) {
                continue;
            }
            Replayer.replay(fresh, s);
            String sha = shaById.get(s.id());
            if (sha != null) {
                assertThat(CrashChild.sha256(fresh.toBytes())).as("bytes after replaying %s", s.label()).isEqualTo(sha);
            }
        }
    }

    private static Ack ack(String line) {
        String[] p = line.split(" ");
        return new Ack(p[1], Integer.parseInt(p[2]));
    }

    private Process start(Path journalDir, Path scratch, long seed, int k) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Ddisable")
                    || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx512m");
        // a short-lived writer on a small machine: quick start-up matters more than peak speed
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashChild.class.getName());
        cmd.add(journalDir.toString());
        cmd.add(scratch.toString());
        cmd.add(Long.toString(seed));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + k + ".err").toFile()).start();
    }

    private static Thread follow(Process child, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed: what was read is what was acknowledged
            }
        }, "crash-child-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void awaitReady(Process child, List<String> lines, int k) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
        while (!lines.contains(CrashChild.READY)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child " + k + " did not start; its stderr: "
                        + java.nio.file.Files.readString(dir.resolve("child-" + k + ".err")));
            }
            Thread.sleep(10);
        }
    }
}
