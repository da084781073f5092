package org.ozworkbench.journal.atomicity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
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
 * <p>Tries per image: as its {@link OnImage} says (a Scratch try takes about half a second here,
 * a mini or Candle try about a seventh), or the system property {@value #TRIES_PROPERTY}
 * ({@code mvn test -Dozw.atomicity.tries=1000}).
 */
@AddLifecycleHook(value = SurgeryAtomicityTest.ImageHook.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class SurgeryAtomicityTest {
    static final String TRIES_PROPERTY = "ozw.atomicity.tries";
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

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface OnImage {
        TestImage value();

        /** Tries when {@value #TRIES_PROPERTY} is not set: what keeps the three properties within a minute here. */
        int tries();
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @OnImage(value = TestImage.SCRATCH, tries = 40)
    void surgeriesOnScratchAreAllOrNothing(@ForAll("scenarios") Scenario scenario) {
        check(TestImage.SCRATCH, scenario);
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @OnImage(value = TestImage.MINI, tries = 100)
    void surgeriesOnMiniAreAllOrNothing(@ForAll("scenarios") Scenario scenario) {
        check(TestImage.MINI, scenario);
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @OnImage(value = TestImage.CANDLE, tries = 100)
    void surgeriesOnCandleAreAllOrNothing(@ForAll("scenarios") Scenario scenario) {
        check(TestImage.CANDLE, scenario);
    }

    // ---- the oracle ----

    private static void check(TestImage image, Scenario scenario) {
        Subject subject = SUBJECTS.computeIfAbsent(image, Subject::new);
        Reference reference = reference(subject, scenario.steps());
        Path dir = tempDir();
        try {
            ObjectSpace space = subject.load();
            Attempt attempt = attempt(subject, space, scenario, dir.resolve("journal"));
            Statistics.label("outcome").collect(attempt.outcome());
            Statistics.label("refused steps").collect(attempt.refusals() > 0);

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
            Statistics.label("where steps failed").collect(thrown.getClass().getSimpleName() + " at " + Stream.of(
                    thrown.getStackTrace()).filter(f -> f.getClassName().startsWith("org.ozworkbench.core"))
                    .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                    .findFirst().orElse("?"));
            return "aborted: a step failed (" + thrown.getClass().getSimpleName() + ")";
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

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Step>> steps = step().list().ofMinSize(1).ofMaxSize(MAX_STEPS);
        return Combinators.combine(steps, injection()).as((s, i) -> new Scenario(s,
                new Injection(i.kind(), Math.min(i.atStep(), s.size()), i.refused(), i.pick(), i.listenerFirst())));
    }

    private static Arbitrary<Injection> injection() {
        Arbitrary<Injection.Kind> kinds = Arbitraries.frequency(
                Tuple.of(3, Injection.Kind.NONE),
                Tuple.of(2, Injection.Kind.HOST_EXCEPTION),
                Tuple.of(1, Injection.Kind.REFUSED_PROPAGATED),
                Tuple.of(2, Injection.Kind.REFUSED_RECOVERED),
                Tuple.of(1, Injection.Kind.NO_COMMIT),
                Tuple.of(2, Injection.Kind.COMMIT_LISTENER_THROWS),
                Tuple.of(1, Injection.Kind.JOURNAL_CLOSED));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, MAX_STEPS),
                Arbitraries.of(Injection.Refused.class), pick(), Arbitraries.of(true, false)).as(Injection::new);
    }

    private static Arbitrary<Step> step() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, storeSlot()),
                Tuple.of(2, Combinators.combine(pick(), index(), Arbitraries.integers().between(0, 255))
                        .as(Step.StoreByte::new)),
                Tuple.of(2, Combinators.combine(pick(), index(), Arbitraries.integers()).as(Step.StoreWord::new)),
                Tuple.of(3, installMethod()),
                Tuple.of(2, Combinators.combine(pick(), Arbitraries.of(true, false), pick(), Arbitraries.of(true, false))
                        .as(Step.RemoveMethod::new)),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).map(Step.NewString::new)),
                Tuple.of(1, value().list().ofMaxSize(5).map(Step.NewArray::new)),
                Tuple.of(1, Combinators.combine(pick(), Arbitraries.integers().between(0, 20)).as(Step.Instantiate::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(1, 10))
                        .as(Step.CreateProcess::new)),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 20),
                        Arbitraries.of(Step.ProcessOperation.Operation.class), Arbitraries.integers().between(0, 9))
                        .as(Step.ProcessOperation::new)));
    }

    private static Arbitrary<Step> storeSlot() {
        return Combinators.combine(pick(), index(), value()).as(Step.StoreSlot::new);
    }

    private static Arbitrary<Step> installMethod() {
        Arbitrary<Integer> existing = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1)), Tuple.of(1, pick()));
        Arbitrary<String> fresh = Combinators.combine(word(), Arbitraries.of("", ":"))
                .as((w, colon) -> "ozw" + w + colon);
        Arbitrary<String> category = Arbitraries.chars().range('a', 'e').map(c -> "ozw-" + c);
        return Combinators.combine(pick(), Arbitraries.of(true, false), existing, fresh,
                Arbitraries.of(MethodTemplate.class), Arbitraries.integers().between(-1000, Integer.MAX_VALUE),
                word(), category).as(Step.InstallMethod::new);
    }

    private static Arbitrary<Step.Value> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(Step.Value.Kind.NIL, Step.Value.Kind.TRUE, Step.Value.Kind.FALSE)
                        .map(k -> new Step.Value(k, 0))),
                Tuple.of(2, Arbitraries.integers().between(ObjectMemory.SMALL_INTEGER_MIN, ObjectMemory.SMALL_INTEGER_MAX)
                        .map(n -> new Step.Value(Step.Value.Kind.SMALL_INTEGER, n))),
                Tuple.of(2, pick().map(n -> new Step.Value(Step.Value.Kind.OBJECT, n))));
    }

    /** Which object, class or method: taken modulo the size of the list it picks from. */
    private static Arbitrary<Integer> pick() {
        return Arbitraries.integers().between(0, 1_000_000);
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 63);
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
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

    /**
     * Skips a property whose image is not on this machine, and sets its tries from
     * {@value #TRIES_PROPERTY}, or else from its {@link OnImage}.
     */
    static final class ImageHook implements SkipExecutionHook, AroundPropertyHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<OnImage> on = context.findAnnotation(OnImage.class);
            if (on.isEmpty() || on.get().value().find().isPresent()) {
                return SkipResult.doNotSkip();
            }
            return SkipResult.skip("image " + on.get().value() + " not found on this machine");
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.findAnnotation(OnImage.class).ifPresent(
                    on -> context.attributes().setTries(Integer.getInteger(TRIES_PROPERTY, on.tries())));
            return property.execute();
        }
    }
}
