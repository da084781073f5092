package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * Issue 12: "committed" means "replayable", checked generatively. Random sequences of surgeries on
 * real images (methods installed and removed, classes defined and given more class variables,
 * doIts that intern Symbols, add globals, fill Dictionaries with new Symbols and set class
 * variables, rollbacks of random earlier surgeries, aborted surgeries), each journaled on disk.
 * After every step, each surgery committed so far has been replayed, in order, onto a fresh copy of
 * the base, which must then save the very bytes of the live space; and the journal takes the next
 * surgery. At the end the journal, read back from disk, replays onto another fresh copy to the same
 * bytes.
 *
 * <p>{@code -Dozw.generative.sequences=5000} for the long run; {@code -Dozw.generative.seed=N}
 * replays one run (a failure names its seed and step).
 */
class GenerativeJournalTest {
    private static final List<SharedImage> IMAGES = List.of(SharedImage.MINI, SharedImage.JITTEST);
    private static final int STEPS = 6;
    /** A step that removes a method: {@code REMOVE + "Point>>ozwM3"}. */
    private static final String REMOVE = "remove ";
    /** Why file-ins were refused, with digits blurred, and how often: printed with the summary. */
    private static final java.util.Map<String, Integer> REFUSALS = new java.util.TreeMap<>();

    @TempDir
    Path dir;

    @Test
    void everyCommittedSurgeryReplaysToTheLiveBytesAfterEveryStep() throws IOException {
        int sequences = Integer.getInteger("ozw.generative.sequences", 200);
        long seed = Long.getLong("ozw.generative.seed", System.nanoTime());
        Random random = new Random(seed);
        int committed = 0;
        int aborted = 0;
        int refused = 0;
        for (int n = 0; n < sequences; n++) {
            long sequenceSeed = random.nextLong();
            SharedImage image = IMAGES.get(n % IMAGES.size());
            Sequence s = new Sequence(ImageAssumptions.assumeSharedImage(image), dir.resolve("j" + n), sequenceSeed);
            try {
                s.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("sequence " + n + " on " + image + " (-Dozw.generative.seed=" + seed + ", its own"
                        + " seed " + sequenceSeed + "), step " + s.step + " " + s.lastStep + ": " + e.getMessage(), e);
            }
            committed += s.committed;
            aborted += s.aborted;
            refused += s.refused;
        }
        System.out.printf("generative journal: %d sequences, %d surgeries committed and replayed, %d aborted, %d refused"
                + " (seed %d)%n", sequences, committed, aborted, refused, seed);
        REFUSALS.forEach((why, count) -> System.out.printf("  refused %d times: %s%n", count, why));
        assertThat(committed).isGreaterThan(sequences * 2);
    }

    /** One random sequence of surgeries on one image, with its live space, its replica and its journal. */
    private static final class Sequence {
        private final Path image;
        private final Path journalDir;
        private final Random random;
        private final List<String> methods = new ArrayList<>();
        /** The classes defined, with their class variables. */
        private final Map<String, List<String>> classes = new LinkedHashMap<>();
        private final List<String> surgeryIds = new ArrayList<>();
        private int names;
        int step;
        String lastStep = "";
        int committed;
        int aborted;
        int refused;

        Sequence(Path image, Path journalDir, long seed) {
            this.image = image;
            this.journalDir = journalDir;
            this.random = new Random(seed);
        }

        void run() throws IOException {
            byte[] base = Files.readAllBytes(image);
            try (ObjectSpace live = ObjectSpace.read(image, base); ObjectSpace replica = ObjectSpace.read(image, base);
                 Journal journal = Journal.open(journalDir); JournalRecorder recorder = JournalRecorder.attach(live, journal)) {
                Replayer replayer = Replayer.onto(replica);
                int replayed = 0;
                for (step = 0; step < STEPS; step++) {
                    attempt(live, journal);
                    List<RecordedSurgery> now = journal.report().committed();
                    for (RecordedSurgery s : now.subList(replayed, now.size())) {
                        replayer.replay(s);
                    }
                    replayed = now.size();
                    assertThat(replica.toBytes()).as("the replay of the committed surgeries").isEqualTo(live.toBytes());
                }
            }
            try (ObjectSpace fresh = ObjectSpace.read(image, base); Journal journal = Journal.openReadOnly(journalDir)) {
                Replayer.onto(fresh).replayAll(journal.report().committed());
                try (ObjectSpace live = ObjectSpace.read(image, base)) {
                    Replayer.onto(live).replayAll(journal.report().committed());
                    assertThat(fresh.toBytes()).isEqualTo(live.toBytes());
                }
            }
        }

        private void attempt(ObjectSpace live, Journal journal) {
            int kind = random.nextInt(10);
            if (kind == 9 && !surgeryIds.isEmpty()) {
                rollback(live, journal);
                return;
            }
            List<String> methodsBefore = List.copyOf(methods);
            Map<String, List<String>> classesBefore = new LinkedHashMap<>(classes);
            String file = fileIn(kind);
            lastStep = file.replace('\r', ' ');
            boolean abort = random.nextInt(8) == 0;
            try (Surgery s = live.beginSurgery("step " + step)) {
                if (file.startsWith(REMOVE)) { // through the membrane: the guest's own removeSelector: rehashes by become:
                    String[] m = file.substring(REMOVE.length()).split(">>");
                    live.classNamed(m[0]).orElseThrow().removeMethod(m[1]);
                } else {
                    new FileIn(live).fileIn(file, "step" + step + ".st");
                }
                if (abort) {
                    aborted++;
                    forget(methodsBefore, classesBefore);
                    return; // closed without commit: aborted, every change undone
                }
                s.commit();
                surgeryIds.add(s.id());
                committed++;
            } catch (FileIn.FileInError e) {
                forget(methodsBefore, classesBefore);
                refused++;
                REFUSALS.merge(e.getMessage().replaceAll("[0-9]+", "N").replaceAll("^stepN\\.st:N: ", ""), 1, Integer::sum);
            }
        }

        /** What a surgery that did not commit would have added is not there. */
        private void forget(List<String> methodsBefore, Map<String, List<String>> classesBefore) {
            methods.clear();
            methods.addAll(methodsBefore);
            classes.clear();
            classes.putAll(classesBefore);
        }

        private void rollback(ObjectSpace live, Journal journal) {
            String id = surgeryIds.get(random.nextInt(surgeryIds.size()));
            lastStep = "rollback " + id;
            Rollback.Plan plan = Rollback.plan(journal.report(), id);
            if (!plan.isPossible()) {
                refused++;
                return;
            }
            surgeryIds.add(Rollback.apply(live, plan).id());
            surgeryIds.remove(id);
            committed++;
        }

        /** A file-in of one random kind. */
        private String fileIn(int kind) {
            int n = ++names;
            switch (kind) {
                case 0, 1 -> {
                    String target = pick(List.of("Object", "Point", "OrderedCollection"));
                    methods.add(target + ">>ozwM" + n);
                    return "!" + target + " methodsFor: 'ozw'!\rozwM" + n + "\r\t^ " + random.nextInt(1000) + "! !\r";
                }
                case 2 -> {
                    if (methods.isEmpty()) {
                        return fileIn(0);
                    }
                    return REMOVE + methods.remove(random.nextInt(methods.size()));
                }
                case 3 -> {
                    classes.put("OzwC" + n, List.of("K" + n));
                    return "Object subclass: #OzwC" + n + "\r\tinstanceVariableNames: 'a b'\r\tclassVariableNames: 'K" + n
                            + "'\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r";
                }
                case 4 -> {
                    if (classes.isEmpty()) {
                        return fileIn(3);
                    }
                    String c = pick(List.copyOf(classes.keySet()));
                    List<String> vars = new ArrayList<>(classes.get(c));
                    vars.add("L" + n);
                    classes.put(c, vars);
                    return "Object subclass: #" + c + "\r\tinstanceVariableNames: 'a b'\r\tclassVariableNames: '"
                            + String.join(" ", vars) + "'\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r";
                }
                case 5 -> {
                    return "#ozwSymbol" + n + " size!\r";
                }
                case 6 -> {
                    return "Smalltalk at: #OzwG" + n + " put: " + random.nextInt(100) + "!\r";
                }
                case 7 -> {
                    return "| d | d := Dictionary new. 1 to: " + (5 + random.nextInt(40)) + " do: [:i | d at: ('ozwK" + n
                            + "x' , i printString) asSymbol put: i]. Smalltalk at: #OzwD" + n + " put: d!\r";
                }
                default -> {
                    if (classes.isEmpty()) {
                        return fileIn(3);
                    }
                    String c = pick(List.copyOf(classes.keySet()));
                    String k = classes.get(c).get(0);
                    return "!" + c + " class methodsFor: 'ozw'!\rozwFill" + n + "\r\t" + k + " := Set new. 1 to: 12 do:"
                            + " [:i | " + k + " add: i @ i]! !\r" + c + " ozwFill" + n + "!\r";
                }
            }
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }
    }
}
