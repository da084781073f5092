package org.ozworkbench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.journal.Rollback;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * Recovery, judged by the real VM: surgeries S1 and S2 add behaviour to Scratch.image, a bad
 * surgery makes a class of the startup list fail in its {@code startUp} so that the image no longer
 * boots, and both ways back boot and show S1 and S2 again: rolling the bad surgery back on the
 * broken image, and replaying the journal onto a fresh Scratch.image without it.
 *
 * <p>The first surgery, the probe P, installs {@code SystemDictionary>>readDocumentFile}, which
 * Scratch calls after its startup list at every boot: it writes what S1 and S2 answer (or
 * {@code none} where they are absent) to a marker file and quits. No marker means the boot never
 * got past the startup list.
 */
class RecoveryOracleTest {
    /** For images that must boot: they quit in well under a second. */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(30);
    /** For images that must not boot: how long a broken image gets to write its marker anyway. */
    private static final Duration NO_BOOT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A class of Scratch's startup list (the literal Array in {@code SystemDictionary>>processStartUpList},
     * each sent {@code startUp}), late in it: display, input, Delay and FileDirectory are up when it fails.
     */
    private static final String STARTUP_CLASS = "CrLfFileStream class";

    private static final String BEFORE = "S1=none S2=none";
    private static final String S1_AND_S2 = "S1=34 S2='SystemDictionary-S2'";

    /** How the bad surgery's {@code startUp} fails. */
    enum BadStartUp {
        RAISES("startUp\n\tself error: 'broken by S_bad'"),
        LOOPS("startUp\n\t[true] whileTrue");

        final String source;

        BadStartUp(String source) {
            this.source = source;
        }
    }

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();
    private final RealVm vm = ImageAssumptions.assumeRealVm();

    private Path marker() {
        return dir.resolve("boot.marker");
    }

    private void probe(ObjectSpace space) {
        space.classNamed("SystemDictionary").orElseThrow().compile("readDocumentFile\n"
                + "\t| f |\n"
                + "\tf := StandardFileStream fileNamed: '" + marker().toAbsolutePath() + "'.\n"
                + "\tf nextPutAll: 'S1='; nextPutAll: ((Point includesSelector: #ozwS1)\n"
                + "\t\t\tifTrue: [(3 @ 4) ozwS1 printString] ifFalse: ['none']);\n"
                + "\t\tnextPutAll: ' S2='; nextPutAll: ((SystemDictionary includesSelector: #ozwS2)\n"
                + "\t\t\tifTrue: [Smalltalk ozwS2 printString] ifFalse: ['none']);\n"
                + "\t\tclose.\n"
                + "\tSmalltalk quitPrimitive", "ozw-probe");
    }

    private static void s1(ObjectSpace space) {
        space.classNamed("Point").orElseThrow().compile("ozwS1\n\t^ x * 10 + y", "ozw");
    }

    private static void s2(ObjectSpace space) {
        space.classNamed("SystemDictionary").orElseThrow().compile("ozwS2\n\t^ self class name , '-S2'", "ozw");
    }

    private static Consumer<ObjectSpace> bad(BadStartUp how) {
        return space -> space.classNamed(STARTUP_CLASS).orElseThrow().compile(how.source, "ozw");
    }

    /** Runs {@code work} as one committed surgery of the session's space; answers its id. */
    private static String surgery(JournalSession session, String label, Consumer<ObjectSpace> work) {
        try (Surgery s = session.space().beginSurgery(label)) {
            work.accept(session.space());
            s.commit();
            return s.id();
        }
    }

    private String boot(Path image) {
        return vm.boot(image, marker(), BOOT_TIMEOUT).markerOrFail();
    }

    private void assertDoesNotBoot(Path image) {
        RealVmRun run = vm.boot(image, marker(), NO_BOOT_TIMEOUT);
        assertThat(run.marker()).as(run.summary()).isEmpty();
        assertThat(run.timedOut()).as(run.summary()).isTrue();
    }

    private static JournalReport read(Path journal) {
        try (Journal j = Journal.openReadOnly(journal)) {
            return j.report();
        }
    }

    /** The journal's committed surgeries but {@code skipped}, replayed onto a fresh Scratch.image, saved. */
    private Path replayWithout(Path journal, String skipped, Path target) {
        try (ObjectSpace fresh = ObjectSpace.load(scratch)) {
            ReplayReport result = Replay.run(fresh, read(journal), ReplayOptions.all().skipping(List.of(skipped)), s -> { });
            assertThat(result.isClean()).as(result.text()).isTrue();
            fresh.save(target);
        }
        return target;
    }

    /** The journal's surgeries with {@code rolledBack} rolled back by a new surgery, saved. */
    private Path rollBack(Path journal, String rolledBack, Path target) {
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            Rollback.apply(session.space(), Rollback.plan(session.report(), rolledBack));
            session.save(target);
        }
        return target;
    }

    @ParameterizedTest
    @EnumSource(BadStartUp.class)
    void givenABadStartUpLast_whenRolledBackOrReplayedWithout_thenTheImageBootsWithS1AndS2ByteForByte(BadStartUp how)
            throws IOException {
        Path journal = dir.resolve("journal");
        Path probed = dir.resolve("probed.image");
        Path s1 = dir.resolve("s1.image");
        Path good = dir.resolve("s1-s2.image");
        Path broken = dir.resolve("broken.image");
        String bad;
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            surgery(session, "P: report S1 and S2 at boot", this::probe);
            session.save(probed);
            surgery(session, "S1: Point>>ozwS1", RecoveryOracleTest::s1);
            session.save(s1);
            surgery(session, "S2: SystemDictionary>>ozwS2", RecoveryOracleTest::s2);
            session.save(good);
            bad = surgery(session, "S_bad: " + STARTUP_CLASS + ">>startUp " + how, bad(how));
            session.save(broken);
        }
        assertThat(boot(probed)).isEqualTo(BEFORE);
        assertThat(boot(s1)).isEqualTo("S1=34 S2=none");
        assertThat(boot(good)).isEqualTo(S1_AND_S2);
        assertDoesNotBoot(broken);

        // The replay reads the journal only, so it sees no rollback surgery yet.
        Path replayed = replayWithout(journal, bad, dir.resolve("replayed.image"));
        Path rolledBack = rollBack(journal, bad, dir.resolve("rolled-back.image"));

        assertThat(boot(replayed)).isEqualTo(S1_AND_S2);
        assertThat(boot(rolledBack)).isEqualTo(S1_AND_S2);
        byte[] goodBytes = Files.readAllBytes(good);
        assertThat(Files.readAllBytes(replayed)).isEqualTo(goodBytes);
        assertThat(Files.readAllBytes(rolledBack)).isEqualTo(goodBytes);
    }

    /**
     * S_bad in the middle: S1, S_bad, S2, S3. A replay that leaves S_bad out redoes S2's and S3's
     * method installs from their sources (S_bad's objects are missing, so later creations get other
     * numbers and hashes: the mirrors place the new Symbols and methods by the hashes they get).
     * S2, S3 and S_bad change different methods, so the rollback of S_bad is allowed too.
     */
    @Test
    void givenABadStartUpBetweenSurgeries_whenReplayedWithoutIt_thenTheLaterSurgeriesStillApplyAndItBoots()
            throws IOException {
        Path journal = dir.resolve("journal");
        Path broken = dir.resolve("broken.image");
        String bad;
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            surgery(session, "P: report S1 and S2 at boot", this::probe);
            surgery(session, "S1: Point>>ozwS1", RecoveryOracleTest::s1);
            bad = surgery(session, "S_bad: " + STARTUP_CLASS + ">>startUp raises", bad(BadStartUp.RAISES));
            surgery(session, "S2: SystemDictionary>>ozwS2", RecoveryOracleTest::s2);
            surgery(session, "S3: Rectangle>>ozwS3",
                    space -> space.classNamed("Rectangle").orElseThrow().compile("ozwS3\n\t^ 3", "ozw"));
            session.save(broken);
        }
        assertDoesNotBoot(broken);
        JournalReport report = read(journal);

        Path replayed = dir.resolve("replayed.image");
        try (ObjectSpace fresh = ObjectSpace.load(scratch)) {
            ReplayReport result = Replay.run(fresh, report, ReplayOptions.all().skipping(List.of(bad)), s -> { });
            assertThat(result.isClean()).as(result.text()).isTrue();
            assertThat(result.count(ReplayReport.Status.APPLIED)).isEqualTo(4);
            assertThat(fresh.classNamed("Rectangle").orElseThrow().compiledMethodAt("ozwS3")).isPresent();
            fresh.save(replayed);
        }
        assertThat(boot(replayed)).isEqualTo(S1_AND_S2);

        Rollback.Plan plan = Rollback.plan(report, bad);
        assertThat(plan.isPossible()).as(plan.refusal()).isTrue();
        assertThat(boot(rollBack(journal, bad, dir.resolve("rolled-back.image")))).isEqualTo(S1_AND_S2);
    }

    /**
     * A later surgery on the same class: adding a method beside the bad startUp leaves the rollback
     * possible (they share no slot); compiling startUp again refuses it, naming the method and the
     * slot of the method dictionary's array both changed.
     */
    @Test
    void givenALaterSurgeryOnTheBadStartUpItself_whenPlanningItsRollback_thenItIsRefusedNamingTheMethod() {
        try (JournalSession session = JournalSession.open(scratch, dir.resolve("journal"))) {
            String bad = surgery(session, "S_bad", bad(BadStartUp.RAISES));
            surgery(session, "beside", space -> space.classNamed(STARTUP_CLASS).orElseThrow()
                    .compile("ozwBeside\n\t^ 1", "ozw"));
            assertThat(Rollback.plan(session.report(), bad).isPossible()).isTrue();

            surgery(session, "fix", space -> space.classNamed(STARTUP_CLASS).orElseThrow()
                    .compile("startUp\n\t^ self", "ozw"));
            Rollback.Plan plan = Rollback.plan(session.report(), bad);

            assertThat(plan.isPossible()).isFalse();
            assertThat(plan.refusal()).contains("cannot roll back " + bad + " 'S_bad'").contains("later surgery")
                    .contains("'fix'").contains("method " + STARTUP_CLASS + ">>startUp").contains("slot ");
        }
    }
}
