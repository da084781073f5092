package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.fixtures.TestImages;

/**
 * A child JVM applies surgeries to Scratch.image, journaled, and is killed with SIGKILL at a
 * random moment ({@code -Dozw.crash.kills=N}, 50 by default; a run may be repeated with
 * {@code -Dozw.crash.seed=S}): up to a second after it has attached to the journal, or, one kill
 * in {@value #KILLS_FROM_GO}, after it was told to start. The moment falls anywhere from opening the
 * journal to deep into the run: while it opens or attaches, inside a surgery, inside a commit's
 * append or sync, or between a commit and its acknowledgement.
 *
 * <p>After each kill the journal is reopened and checked: it reads clean (an unfinished last
 * excerpt is cleared, never damage); every surgery the child acknowledged (it prints
 * {@code ACK <id> <changes>} only after its commit returned) is there, committed, with its
 * changes, and so is every surgery committed in the journal's earlier runs; at most one surgery
 * is committed without acknowledgement (killed between the two) and at most one is left open,
 * each the run's last; the run's committed surgeries replay onto a fresh Scratch with every old
 * value checked, reaching, at each checkpoint the child printed, the very bytes the child had.
 *
 * <p>Each child starts (JVM, image load) while the test checks the previous one, and waits for a
 * line on its standard input before it touches the journal: the journal is never written while
 * the test reads it. One journal takes {@value #KILLS_PER_JOURNAL} runs, so a long run stays linear.
 */
class CrashTest {
    private static final int DEFAULT_KILLS = 50;
    private static final long MAX_RUN_MS = 1000;
    private static final long READY_TIMEOUT_S = 60;
    private static final int KILLS_PER_JOURNAL = 5;
    /** One kill in this many is timed from the go (it may fall while the journal opens); the others from READY. */
    private static final int KILLS_FROM_GO = 4;

    @TempDir
    Path dir;

    record Ack(String id, int changes) {
    }

    /** A started child: its process and the lines it printed so far. */
    private record Child(int k, Path journal, Process process, List<String> lines, Thread reader) {
        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("GO\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void kill() throws InterruptedException {
            // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the child's
            // stdout, and any ACK still in the pipe, unread, would be lost
            process.toHandle().destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child %d ended", k).isTrue();
            // every line the child printed before it died must be read before judging what it acknowledged
            reader.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(reader.isAlive()).as("child %d's output read to its end", k).isFalse();
        }
    }

    @Test
    void aWriterKilledAtRandomMomentsLeavesEveryAcknowledgedSurgeryCommittedAndNothingPartial() throws Exception {
        int kills = Integer.getInteger("ozw.crash.kills", DEFAULT_KILLS);
        long seed = Long.getLong("ozw.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path scratch = TestImages.scratchImage();
        int totalAcked = 0;
        int tornTails = 0;
        int beforeAttach = 0;
        Map<Path, Set<String>> committedSoFar = new HashMap<>();
        Map<Path, Integer> sessionsSoFar = new HashMap<>();
        Consumer<String> log = line -> System.out.println("[crash] " + line);
        long started = System.nanoTime();
        Child next = start(journalOf(0), scratch, random.nextLong(), 0);
        try {
            for (int k = 0; k < kills; k++) {
                Child child = next;
                next = null;
                await(child, CrashChild.LOADED);
                long runMs = (long) (random.nextDouble() * MAX_RUN_MS);
                boolean fromReady = random.nextInt(KILLS_FROM_GO) != 0;
                child.go();
                if (fromReady) {
                    await(child, CrashChild.READY);
                }
                Thread.sleep(runMs);
                child.kill();
                if (k + 1 < kills) {
                    next = start(journalOf(k + 1), scratch, random.nextLong(), k + 1);
                }

                List<String> lines = child.lines();
                List<Ack> acked = lines.stream().filter(l -> l.startsWith(CrashChild.ACK + " ")).map(CrashTest::ack)
                        .toList();
                totalAcked += acked.size();
                long t1 = System.nanoTime();
                try (Journal journal = Journal.open(child.journal())) {
                    long openMs = (System.nanoTime() - t1) / 1_000_000;
                    long sinceStart = (t1 - started) / 1_000_000;
                    if (journal.recovered().isPresent()) {
                        tornTails++;
                    }
                    JournalReport report = journal.report();
                    String context = String.format("kill %d %d ms after %s (at %d ms, seed %d)", k, runMs,
                            fromReady ? "READY" : "GO", sinceStart, seed);
                    assertThat(report.problem()).as("%s: %s", context, report.summary()).isEmpty();
                    assertThat(journal.damage()).as(context).isEmpty();

                    List<JournalEvent.SpaceLoaded> sessions = report.entries().stream().map(Journal.Entry::event)
                            .filter(JournalEvent.SpaceLoaded.class::isInstance).map(JournalEvent.SpaceLoaded.class::cast)
                            .toList();
                    int before = sessionsSoFar.getOrDefault(child.journal(), 0);
                    boolean attached = lines.contains(CrashChild.READY);
                    assertThat(sessions.size()).as("%s: sessions (one per run that got to attach)", context)
                            .isBetween(before + (attached ? 1 : 0), before + 1);
                    sessionsSoFar.put(child.journal(), sessions.size());
                    Set<String> committed = committedSoFar.computeIfAbsent(child.journal(), d -> new HashSet<>());
                    for (String id : committed) {
                        assertThat(report.surgery(id)).as("%s: surgery %s of an earlier run", context, id)
                                .hasValueSatisfying(s -> assertThat(s.isCommitted()).isTrue());
                    }
                    if (sessions.size() == before) {
                        beforeAttach++;
                        assertThat(acked).isEmpty();
                        log.accept(context + ": killed before its session began");
                        continue;
                    }
                    JournalEvent.SpaceLoaded thisRun = sessions.get(sessions.size() - 1);
                    List<RecordedSurgery> run = report.surgeries().stream()
                            .filter(s -> s.base().orElseThrow() == thisRun).toList();
                    checkRun(context, run, acked);
                    run.stream().filter(RecordedSurgery::isCommitted).forEach(s -> committed.add(s.id()));

                    long t2 = System.nanoTime();
                    Map<String, String> shas = new HashMap<>();
                    lines.stream().filter(l -> l.startsWith(CrashChild.SHA + " ")).map(l -> l.split(" "))
                            .forEach(p -> shas.put(p[1], p[2]));
                    int checkpoints = replayAndCompare(scratch, run, shas);
                    long replayMs = (System.nanoTime() - t2) / 1_000_000;
                    log.accept(String.format("%s: reopen %d ms, replay %d ms, %d events; %d acknowledged, %d committed,"
                                    + " %d aborted, %d open, %d checkpoints matched%s", context, openMs, replayMs,
                            report.entries().size(), acked.size(), run.stream().filter(RecordedSurgery::isCommitted).count(),
                            count(run, RecordedSurgery.State.ABORTED), count(run, RecordedSurgery.State.OPEN), checkpoints,
                            journal.recovered().isPresent() ? ", torn tail cleared" : ""));
                }
            }
        } finally {
            if (next != null) {
                next.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.out.printf("[crash] %d kills in %d s (seed %d): %d acknowledged surgeries all committed and replayed,"
                        + " %d kills before the session began, %d torn tails cleared on reopening%n", kills,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), seed, totalAcked, beforeAttach, tornTails);
        assertThat(totalAcked).as("the children got some surgeries through").isPositive();
    }

    private Path journalOf(int k) {
        return dir.resolve("journal-" + k / KILLS_PER_JOURNAL);
    }

    /** Every acknowledged surgery committed whole; what is not acknowledged is at most the run's last commit and last open surgery. */
    private static void checkRun(String context, List<RecordedSurgery> run, List<Ack> acked) {
        Map<String, RecordedSurgery> byId = new HashMap<>();
        run.forEach(s -> byId.put(s.id(), s));
        for (Ack a : acked) {
            RecordedSurgery s = byId.get(a.id());
            assertThat(s).as("%s: acknowledged surgery %s", context, a.id()).isNotNull();
            assertThat(s.state()).as("%s: acknowledged surgery %s", context, a.id())
                    .isEqualTo(RecordedSurgery.State.COMMITTED);
            assertThat(s.changes()).as("%s: changes of %s", context, a.id()).hasSize(a.changes());
        }
        Set<String> ackedIds = new HashSet<>(acked.stream().map(Ack::id).toList());
        List<RecordedSurgery> committed = run.stream().filter(RecordedSurgery::isCommitted).toList();
        List<RecordedSurgery> unacknowledged = committed.stream().filter(s -> !ackedIds.contains(s.id())).toList();
        assertThat(unacknowledged).as("%s: committed without acknowledgement", context).hasSizeLessThanOrEqualTo(1);
        unacknowledged.forEach(s -> assertThat(committed.get(committed.size() - 1)).isSameAs(s));
        List<RecordedSurgery> open = run.stream().filter(s -> s.state() == RecordedSurgery.State.OPEN).toList();
        assertThat(open).as("%s: surgeries left open", context).hasSizeLessThanOrEqualTo(1);
        open.forEach(s -> assertThat(run.get(run.size() - 1)).isSameAs(s));
    }

    private static long count(List<RecordedSurgery> run, RecordedSurgery.State state) {
        return run.stream().filter(s -> s.state() == state).count();
    }

    /**
     * Replays the run's committed surgeries onto a fresh Scratch; at each checkpoint the bytes must
     * match the child's. Answers the number of checkpoints.
     */
    private static int replayAndCompare(Path scratch, List<RecordedSurgery> run, Map<String, String> shaById) {
        ObjectSpace fresh = ObjectSpace.load(scratch);
        Replayer replayer = Replayer.onto(fresh);
        int checkpoints = 0;
        for (RecordedSurgery s : run) {
            if (!s.isCommitted()) {
                continue;
            }
            replayer.replay(s);
            String sha = shaById.get(s.id());
            if (sha != null) {
                assertThat(CrashChild.sha256(fresh.toBytes())).as("bytes after replaying %s", s.label()).isEqualTo(sha);
                checkpoints++;
            }
        }
        return checkpoints;
    }

    private static Ack ack(String line) {
        String[] p = line.split(" ");
        return new Ack(p[1], Integer.parseInt(p[2]));
    }

    private Child start(Path journalDir, Path scratch, long seed, int k) throws IOException {
        List<String> cmd = new ArrayList<>(ChildJvm.command(CrashChild.class, "512m", List.of()));
        cmd.add(journalDir.toString());
        cmd.add(scratch.toString());
        cmd.add(Long.toString(seed));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + k + ".err").toFile()).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        return new Child(k, journalDir, p, lines, follow(p, lines));
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

    private void await(Child child, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
        while (!child.lines().contains(line)) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                child.process().destroyForcibly();
                throw new AssertionError("child " + child.k() + " did not print " + line + "; its stderr: "
                        + Files.readString(dir.resolve("child-" + child.k() + ".err")));
            }
            Thread.sleep(5);
        }
    }
}
