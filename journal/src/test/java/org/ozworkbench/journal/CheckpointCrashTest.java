package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.fixtures.ImageAssumptions;

/**
 * A child JVM commits surgeries to a journal on Scratch.image and writes a checkpoint after each;
 * it is killed with SIGKILL while it writes one: every other kill as soon as the checkpoint's
 * temporary file appears, the others at a random moment within the time its last checkpoint took
 * ({@code -Dozw.checkpointCrash.kills=N},
 * {@value #DEFAULT_KILLS} by default; {@code -Dozw.checkpointCrash.seed=S} repeats a run). After each kill
 * the journal reopens without a warning (a checkpoint half written is a temporary file, never
 * taken for one), from its newest checkpoint when it has one, to the very bytes a replay from the
 * base gives; the next child goes on with the same journal.
 */
class CheckpointCrashTest {
    private static final int DEFAULT_KILLS = 4;
    private static final long TIMEOUT_S = 60;

    @TempDir
    Path dir;

    @Test
    void aWriterKilledWhileWritingACheckpointLeavesAJournalThatReopensToTheBytesOfAFullReplay() throws Exception {
        Path scratch = ImageAssumptions.assumeScratchImage();
        int kills = Integer.getInteger("ozw.checkpointCrash.kills", DEFAULT_KILLS);
        long seed = Long.getLong("ozw.checkpointCrash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path journal = dir.resolve("journal");
        int midWrite = 0;
        int leftTemporary = 0;
        for (int k = 0; k < kills; k++) {
            List<String> lines = new CopyOnWriteArrayList<>();
            Process child = start(journal, scratch, k, lines);
            int[] writing = awaitWriting(child, lines, k);
            int target = writing[0];
            long delay;
            if (k % 2 == 0) {
                delay = untilTheFileIsBeingWritten(journal, lines, target);
            } else {
                delay = random.nextInt(Math.max(1, writing[1]));
                Thread.sleep(delay);
            }
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child %d ended", k).isTrue();
            boolean inside = lines.stream().noneMatch(l -> l.startsWith(CheckpointCrashChild.WRITTEN + " " + target + " "));
            midWrite += inside ? 1 : 0;
            long temporaries = temporaries(journal);
            leftTemporary += temporaries > 0 ? 1 : 0;
            String context = String.format("kill %d, %d ms after WRITING %d (the last took %d ms; seed %d)", k, delay,
                    target, writing[1], seed);

            byte[] reopened;
            try (JournalSession session = JournalSession.open(scratch, journal)) {
                assertThat(session.warnings()).as(context).isEmpty();
                assertThat(session.resumedFrom()).as(context).isPresent();
                reopened = session.space().toBytes();
                System.out.printf("[checkpoint-crash] %s: %s; %d temporary files; reopened from %s (%d of %d"
                                + " committed surgeries)%n", context, inside ? "killed while writing" : "written before the kill",
                        temporaries, session.resumedFrom().get().getFileName(), session.resumedSurgeries(),
                        session.replayed());
            }
            assertThat(reopened).as(context).isEqualTo(fullReplay(scratch, journal));
        }
        System.out.printf("[checkpoint-crash] %d kills (seed %d), %d while a checkpoint was being written, %d leaving its"
                + " temporary file%n", kills, seed, midWrite, leftTemporary);
        assertThat(leftTemporary).as("kills that left a checkpoint half written").isPositive();
    }

    /**
     * Waits until the checkpoint's temporary file is there (its image is being written) or the
     * child said it is written; answers the milliseconds waited.
     */
    private static long untilTheFileIsBeingWritten(Path journal, List<String> lines, int target) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (temporaries(journal) == 0 && System.nanoTime() < deadline
                && lines.stream().noneMatch(l -> l.startsWith(CheckpointCrashChild.WRITTEN + " " + target + " "))) {
            Thread.onSpinWait();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long temporaries(Path journal) throws IOException {
        try (var files = Files.list(journal.resolve(Checkpoints.FOLDER))) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).count();
        }
    }

    private static byte[] fullReplay(Path scratch, Path journal) {
        List<RecordedSurgery> committed;
        try (Journal j = Journal.openReadOnly(journal)) {
            committed = j.report().committed();
        }
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            Replayer.onto(space).replayAll(committed);
            return space.toBytes();
        }
    }

    /**
     * Waits for the child's first WRITING line after it wrote one checkpoint whole; answers its number
     * and how many milliseconds the checkpoint before it took.
     */
    private int[] awaitWriting(Process child, List<String> lines, int k) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            List<String> seen = List.copyOf(lines);
            String last = seen.isEmpty() ? "" : seen.get(seen.size() - 1);
            List<String> written = seen.stream().filter(l -> l.startsWith(CheckpointCrashChild.WRITTEN + " ")).toList();
            if (last.startsWith(CheckpointCrashChild.WRITING + " ") && !written.isEmpty()) {
                String[] previous = written.get(written.size() - 1).split(" ");
                return new int[] {Integer.parseInt(last.substring(CheckpointCrashChild.WRITING.length() + 1)),
                        Integer.parseInt(previous[2])};
            }
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child " + k + " wrote no checkpoint; its stderr: "
                        + Files.readString(dir.resolve("child-" + k + ".err")));
            }
            Thread.sleep(1);
        }
    }

    private Process start(Path journal, Path scratch, int k, List<String> lines) throws IOException {
        List<String> cmd = new ArrayList<>(ChildJvm.command(CheckpointCrashChild.class, "512m", List.of()));
        cmd.add(journal.toString());
        cmd.add(scratch.toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + k + ".err").toFile()).start();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed: what was read is what it said
            }
        }, "checkpoint-crash-child-stdout");
        t.setDaemon(true);
        t.start();
        return p;
    }
}
