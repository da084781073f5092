package org.ozworkbench.journal.atomicity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.fixtures.TestImages;
import org.ozworkbench.journal.ChangeCodec;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.journal.JournalRecorder;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.journal.Replayer;
import org.ozworkbench.realvm.NotFoundException;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Atomicity of surgeries over real images: a random surgery (slot, byte and word writes, method
 * installs and removals, new objects, process operations) that meets a random failure (a host
 * exception, a refused membrane change, a missing commit, a failing commit listener, the journal
 * closed under its recorder) ends either fully applied or byte-identical to before, and the
 * journal says which.
 *
 * <p>The oracle of each try:
 * <ul>
 *   <li>a reference: the same steps on a fresh load of the image, without the failure;</li>
 *   <li>committed: the bytes equal the reference's, the journal has the surgery committed with
 *       exactly its changes;</li>
 *   <li>aborted: the bytes equal the image file's, the journal never has the surgery committed,
 *       and the same space, surgery done again without the failure, gives the reference's bytes
 *       (an abort leaves the host's view of the guest usable too);</li>
 *   <li>either way: no surgery is left open, and replaying the journal's committed surgeries onto
 *       a fresh load gives the space's bytes.</li>
 * </ul>
 * A step may itself fail (random writes can break structures later steps read): the reference
 * fails the same way, and the surgery must abort.
 *
 * <p>The scenarios come from QuickTheories generators, with a seed chosen at random for each
 * run, or the system property {@value #SEED_PROPERTY}: a failure names its seed, and
 * {@code -Dozw.atomicity.seed=N} runs the same scenarios again. QuickTheories then shrinks the
 * failing scenario ({@value #SHRINK_CYCLES} cycles, or {@value #SHRINKS_PROPERTY}) and reports the
 * smallest one it found. Tries per image: as each property says (a Scratch try takes about half a
 * second here, a mini or Candle try about a seventh), or the system property
 * {@value #TRIES_PROPERTY} ({@code mvn test -Dozw.atomicity.tries=1000}). Each property prints how
 * its tries ended.
 */
class SurgeryAtomicityTest {
    static final String TRIES_PROPERTY = "ozw.atomicity.tries";
    static final String SEED_PROPERTY = "ozw.atomicity.seed";
    static final String SHRINKS_PROPERTY = "ozw.atomicity.shrinks";
    /** Shrink cycles by default: each is a try, so this bounds the shrinking of a Scratch failure to about a minute. */
    private static final int SHRINK_CYCLES = 100;
    private static final int MAX_STEPS = 8;
    private static final Map<TestImage, Subject> SUBJECTS = new ConcurrentHashMap<>();

    /** The images the property runs on. */
    enum TestImage {
        SCRATCH, MINI, CANDLE;

        Optional<Path> find() {
            return switch (this) {
                case SCRATCH -> scratch();
                case MINI -> SharedImage.MINI.find();
                case CANDLE -> SharedImage.CANDLE.find();
            };
        }

        private static Optional<Path> scratch() {
            try {
                return Optional.of(TestImages.scratchImage());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        }
    }

    @Test
    void surgeriesOnScratchAreAllOrNothing() {
        property(TestImage.SCRATCH, 40);
    }

    @Test
    void surgeriesOnMiniAreAllOrNothing() {
        property(TestImage.MINI, 100);
    }

    @Test
    void surgeriesOnCandleAreAllOrNothing() {
        property(TestImage.CANDLE, 100);
    }

    /**
     * Checks {@code tries} generated scenarios on the image (skipped when it is not on this
     * machine), then prints how they ended. The tries each property makes when
     * {@value #TRIES_PROPERTY} is not set keep the three within a minute here.
     */
    private static void property(TestImage image, int tries) {
        Assumptions.assumeTrue(image.find().isPresent(), () -> "image " + image + " not found on this machine");
        long seed = Long.getLong(SEED_PROPERTY, new SplittableRandom().nextLong());
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            QuickTheory.qt()
                    .withFixedSeed(seed)
                    .withExamples(Integer.getInteger(TRIES_PROPERTY, tries))
                    .withShrinkCycles(Integer.getInteger(SHRINKS_PROPERTY, SHRINK_CYCLES))
                    .forAll(scenarios())
                    .checkAssert(scenario -> {
                        Attempt attempt = check(image, scenario);
                        outcomes.merge(attempt.outcome() + (attempt.refusals() > 0 ? ", with refused steps" : ""),
                                1, Integer::sum);
                    });
        } catch (AssertionError e) {
            throw new AssertionError("on " + image + ", seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed
                    + " runs it again): " + e.getMessage(), e);
        }
        System.out.println(image + ", seed " + seed + ": " + outcomes.entrySet().stream()
                .map(o -> o.getValue() + " " + o.getKey()).collect(Collectors.joining("; ")));
    }

    // ---- the oracle ----

    private static Attempt check(TestImage image, Scenario scenario) {
        Subject subject = SUBJECTS.computeIfAbsent(image, Subject::new);
        Reference reference = reference(subject, scenario.steps());
        Path dir = tempDir();
        try {
            ObjectSpace space = subject.load();
            Attempt attempt = attempt(subject, space, scenario, dir.resolve("journal"));

            assertThat(space.openSurgery()).as("open surgery after the block").isEmpty();
            boolean expectCommit = scenario.injection().kind().commits() && reference.committed().isPresent();
            assertThat(attempt.state()).as("state of the surgery").isEqualTo(
                    expectCommit ? Surgery.State.COMMITTED : Surgery.State.ABORTED);
            byte[] bytes = space.toBytes();
            if (expectCommit) {
                assertSameBytes(bytes, reference.committed().get(), "bytes after the commit, against the reference's");
            } else {
                assertSameBytes(bytes, subject.file, "bytes after the abort, against the image file's");
            }
            checkJournal(subject, dir.resolve("journal"), attempt, bytes);
            if (!expectCommit) {
                checkUsableAfterAbort(subject, space, scenario.steps(), reference);
            }
            return attempt;
        } finally {
            deleteRecursively(dir);
        }
    }

    /** What a try did: its surgery's id, state and changes, what it threw, and how it ended. */
    private record Attempt(String id, Surgery.State state, List<Change> changes, String outcome, int refusals) {
    }

    private static Attempt attempt(Subject subject, ObjectSpace space, Scenario scenario, Path journalDir) {
        Injection injection = scenario.injection();
        FailingListener failing = injection.kind() == Injection.Kind.COMMIT_LISTENER_THROWS ? new FailingListener() : null;
        Operating operating = new Operating();
        Surgery surgery;
        Patient patient;
        RuntimeException thrown = null;
        try (Journal journal = Journal.open(journalDir)) {
            if (failing != null && injection.listenerFirst()) {
                space.addSurgeryListener(failing);
            }
            JournalRecorder recorder = JournalRecorder.attach(space, journal);
            if (failing != null && !injection.listenerFirst()) {
                space.addSurgeryListener(failing);
            }
            surgery = space.beginSurgery("atomicity");
            patient = new Patient(space, surgery, subject.alien());
            try (Surgery s = surgery) {
                operating.perform(patient, scenario.steps(), injection, journal);
                if (injection.kind() != Injection.Kind.NO_COMMIT) {
                    s.commit();
                }
            } catch (RuntimeException e) {
                thrown = e;
            } finally {
                recorder.close();
                if (failing != null) {
                    space.removeSurgeryListener(failing);
                }
            }
        }
        String outcome = outcome(injection, operating.stepFailure(), thrown, failing);
        return new Attempt(surgery.id(), surgery.state(), surgery.changes(), outcome, patient.refusals.size());
    }

    /** How the surgery ended, checking that it threw what its failure throws and that aborting threw nothing more. */
    private static String outcome(Injection injection, Optional<RuntimeException> stepFailure, RuntimeException thrown,
                                  FailingListener failing) {
        if (thrown != null) {
            assertThat(thrown.getSuppressed()).as("failures while aborting, suppressed by " + thrown).isEmpty();
        }
        if (stepFailure.isPresent()) {
            assertThat(thrown).as("what the block threw").isSameAs(stepFailure.get());
            return "aborted: a step failed (" + thrown.getClass().getSimpleName() + " at " + Stream.of(
                    thrown.getStackTrace()).filter(f -> f.getClassName().startsWith("org.ozworkbench.core"))
                    .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                    .findFirst().orElse("?") + ")";
        }
        switch (injection.kind()) {
            case NONE, REFUSED_RECOVERED, NO_COMMIT -> assertThat(thrown).as("what the block threw").isNull();
            case HOST_EXCEPTION -> assertThat(thrown).isInstanceOf(Operating.InjectedFailure.class);
            case REFUSED_PROPAGATED -> assertThat(thrown).isInstanceOf(
                    org.ozworkbench.core.memory.MembraneException.class);
            case COMMIT_LISTENER_THROWS -> assertThat(thrown).isSameAs(failing.thrown);
            case JOURNAL_CLOSED -> assertThat(thrown).as("what the commit threw").isInstanceOfSatisfying(
                    JournalException.class, e -> assertThat(e.problem()).isEqualTo(JournalException.Problem.NOT_RECORDED));
        }
        return switch (injection.kind()) {
            case NONE, REFUSED_RECOVERED -> "committed" + (injection.kind() == Injection.Kind.NONE ? ""
                    : " after a refused change");
            case COMMIT_LISTENER_THROWS -> "aborted: " + injection.kind() + (injection.listenerFirst()
                    ? " before the recorder" : " after the recorder");
            default -> "aborted: " + injection.kind();
        };
    }

    /**
     * The journal, reopened: the surgery is committed with exactly its changes, or never among the
     * committed ones; the committed surgeries replayed onto a fresh load give {@code bytes}.
     */
    private static void checkJournal(Subject subject, Path journalDir, Attempt attempt, byte[] bytes) {
        try (Journal journal = Journal.openReadOnly(journalDir)) {
            JournalReport report = journal.report();
            assertThat(report.problem()).as("problem reading the journal").isEmpty();
            RecordedSurgery recorded = report.surgery(attempt.id()).orElseThrow(
                    () -> new AssertionError("the journal has no surgery " + attempt.id() + ":\n" + report.summary()));
            if (attempt.state() == Surgery.State.COMMITTED) {
                assertThat(recorded.state()).as(report.summary()).isEqualTo(RecordedSurgery.State.COMMITTED);
                assertThat(forms(recorded.changes())).isEqualTo(forms(attempt.changes()));
            } else {
                assertThat(report.committed()).as("committed surgeries of\n" + report.summary())
                        .extracting(RecordedSurgery::id).doesNotContain(attempt.id());
            }
            if (report.committed().isEmpty()) {
                assertSameBytes(bytes, subject.file, "bytes with no committed surgery, against the image file's");
                return;
            }
            ObjectSpace fresh = subject.load();
            for (RecordedSurgery s : report.committed()) {
                Replayer.replay(fresh, s);
            }
            assertSameBytes(fresh.toBytes(), bytes, "bytes of the journal replayed onto a fresh load, against the space's");
        }
    }

    /** The aborted space, surgery done again without the failure, ends as the reference did. */
    private static void checkUsableAfterAbort(Subject subject, ObjectSpace space, List<Step> steps, Reference reference) {
        Optional<RuntimeException> failure = operateWithoutFailure(subject, space, steps, "again, without the failure");
        assertThat(failure.map(Object::getClass)).as("how the steps done again failed")
                .isEqualTo(reference.failure().map(Object::getClass));
        assertSameBytes(space.toBytes(), reference.committed().orElse(subject.file),
                "bytes of the steps done again after the abort, against the reference's");
    }

    /** The steps on a fresh load, without a failure: committed bytes, or the step failure and the file's bytes. */
    private record Reference(Optional<byte[]> committed, Optional<RuntimeException> failure) {
    }

    private static Reference reference(Subject subject, List<Step> steps) {
        ObjectSpace space = subject.load();
        Optional<RuntimeException> failure = operateWithoutFailure(subject, space, steps, "reference");
        if (failure.isPresent()) {
            assertSameBytes(space.toBytes(), subject.file, "bytes after the reference failed, against the image file's");
            return new Reference(Optional.empty(), failure);
        }
        return new Reference(Optional.of(space.toBytes()), Optional.empty());
    }

    /** Performs the steps in a surgery and commits it; answers the step failure that aborted it instead, if one did. */
    private static Optional<RuntimeException> operateWithoutFailure(Subject subject, ObjectSpace space, List<Step> steps,
                                                                   String label) {
        Operating operating = new Operating();
        try (Surgery s = space.beginSurgery(label)) {
            operating.perform(new Patient(space, s, subject.alien()), steps, null, null);
            s.commit();
        } catch (RuntimeException e) {
            assertThat(operating.stepFailure()).as("'" + label + "' threw " + e).contains(e);
        }
        return operating.stepFailure();
    }

    /** Byte-identical, or a failure that says where the first difference is (not the megabytes). */
    static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int at = Arrays.mismatch(actual, expected);
        if (at >= 0) {
            throw new AssertionError(what + ": " + actual.length + " bytes where " + expected.length
                    + " were expected, first difference at offset " + at);
        }
    }

    private static List<ChangeCodec.Form> forms(List<Change> changes) {
        return changes.stream().map(ChangeCodec::toJson).toList();
    }

    /** A surgery listener whose committed() throws. */
    private static final class FailingListener implements Surgery.Listener {
        final RuntimeException thrown = new IllegalStateException("injected: a surgery listener failed at commit");

        @Override
        public void begun(Surgery surgery) {
        }

        @Override
        public void committed(Surgery surgery) {
            throw thrown;
        }

        @Override
        public void aborted(Surgery surgery, String reason) {
        }
    }

    // ---- the images ----

    /** An image under test: its file, its bytes, and an object of another space (for foreign-object refusals). */
    private static final class Subject {
        final Path path;
        final byte[] file;
        private GuestObject alien;

        Subject(TestImage image) {
            this.path = image.find().orElseThrow();
            try {
                this.file = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertSameBytes(load().toBytes(), file, "an unchanged load of " + path + ", against the file's");
        }

        ObjectSpace load() {
            return ObjectSpace.load(path);
        }

        GuestObject alien() {
            if (alien == null) {
                ObjectMemory other = ObjectSpace.read(path, file).memory();
                alien = other.nil();
            }
            return alien;
        }
    }

    // ---- generators ----

    private static Gen<Scenario> scenarios() {
        Gen<List<Step>> steps = SourceDSL.lists().of(step()).ofSizeBetween(1, MAX_STEPS);
        return steps.zip(injection(), (s, i) -> new Scenario(s,
                new Injection(i.kind(), Math.min(i.atStep(), s.size()), i.refused(), i.pick(), i.listenerFirst())));
    }

    private static Gen<Injection> injection() {
        Gen<Injection.Kind> kinds = Generate.frequency(List.of(
                Pair.of(3, Generate.constant(Injection.Kind.NONE)),
                Pair.of(2, Generate.constant(Injection.Kind.HOST_EXCEPTION)),
                Pair.of(1, Generate.constant(Injection.Kind.REFUSED_PROPAGATED)),
                Pair.of(2, Generate.constant(Injection.Kind.REFUSED_RECOVERED)),
                Pair.of(1, Generate.constant(Injection.Kind.NO_COMMIT)),
                Pair.of(2, Generate.constant(Injection.Kind.COMMIT_LISTENER_THROWS)),
                Pair.of(1, Generate.constant(Injection.Kind.JOURNAL_CLOSED))));
        return kinds.zip(Generate.range(0, MAX_STEPS), Generate.enumValues(Injection.Refused.class), pick(),
                Generate.booleans(), Injection::new);
    }

    private static Gen<Step> step() {
        Gen<Integer> byteValue = Generate.range(0, 255);
        Gen<Integer> anyInt = SourceDSL.integers().all();
        return Generate.frequency(List.of(
                Pair.of(4, storeSlot()),
                Pair.of(2, pick().zip(index(), byteValue, Step.StoreByte::new)),
                Pair.of(2, pick().zip(index(), anyInt, Step.StoreWord::new)),
                Pair.of(3, installMethod()),
                Pair.of(2, pick().zip(Generate.booleans(), pick(), Generate.booleans(), Step.RemoveMethod::new)),
                Pair.of(1, SourceDSL.strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 20).map(Step.NewString::new)),
                Pair.of(1, SourceDSL.lists().of(value()).ofSizeBetween(0, 5).map(Step.NewArray::new)),
                Pair.of(1, pick().zip(Generate.range(0, 20), Step.Instantiate::new)),
                Pair.of(1, Generate.range(0, 7).zip(Generate.range(1, 10), Step.CreateProcess::new)),
                Pair.of(3, Generate.range(0, 20).zip(Generate.enumValues(Step.ProcessOperation.Operation.class),
                        Generate.range(0, 9), Step.ProcessOperation::new))));
    }

    private static Gen<Step> storeSlot() {
        return pick().zip(index(), value(), Step.StoreSlot::new);
    }

    /** Eight choices, more than a zip takes: drawn one after another from the same source, so they shrink alike. */
    private static Gen<Step> installMethod() {
        Gen<Integer> cls = pick();
        Gen<Boolean> meta = Generate.booleans();
        Gen<Integer> existing = Generate.frequency(List.of(Pair.of(3, Generate.constant(-1)), Pair.of(1, pick())));
        Gen<String> fresh = word().zip(Generate.pick(List.of("", ":")), (w, colon) -> "ozw" + w + colon);
        Gen<MethodTemplate> template = Generate.enumValues(MethodTemplate.class);
        Gen<Integer> number = Generate.range(-1000, Integer.MAX_VALUE);
        Gen<String> word = word();
        Gen<String> category = Generate.characters('a', 'e').map(c -> "ozw-" + c);
        return source -> new Step.InstallMethod(cls.generate(source), meta.generate(source), existing.generate(source),
                fresh.generate(source), template.generate(source), number.generate(source), word.generate(source),
                category.generate(source));
    }

    private static Gen<Step.Value> value() {
        return Generate.frequency(List.of(
                Pair.of(1, Generate.pick(List.of(Step.Value.Kind.NIL, Step.Value.Kind.TRUE, Step.Value.Kind.FALSE))
                        .map(k -> new Step.Value(k, 0))),
                Pair.of(2, Generate.range(ObjectMemory.SMALL_INTEGER_MIN, ObjectMemory.SMALL_INTEGER_MAX)
                        .map(n -> new Step.Value(Step.Value.Kind.SMALL_INTEGER, n))),
                Pair.of(2, pick().map(n -> new Step.Value(Step.Value.Kind.OBJECT, n)))));
    }

    /** Which object, class or method: taken modulo the size of the list it picks from. */
    private static Gen<Integer> pick() {
        return Generate.range(0, 1_000_000);
    }

    private static Gen<Integer> index() {
        return Generate.range(0, 63);
    }

    private static Gen<String> word() {
        return SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 6);
    }

    // ---- plumbing ----

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ozw-atomicity");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
