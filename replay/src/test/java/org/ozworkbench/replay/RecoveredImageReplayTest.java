package org.ozworkbench.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * A journal recorded on Scratch.image replays onto a *recovered* Scratch: the same system that
 * the real VM itself saved again (its collector compacts memory and it writes its own base
 * address, so every oop moves). The replay finds the journal's objects by the names recorded
 * with each change; the real VM boots the result and reports every change.
 */
class RecoveredImageReplayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Scratch's {@code snapshot: true andQuit: true}, step by step: its shutdown list stops at
     * {@code SoundPlayer shutDown} under {@code -vm-sound-null}, so each shutDown is guarded; then
     * the VM's own snapshot primitive writes the image it booted (see core's RecoveredImageNamesTest).
     */
    private static final String SNAPSHOT = "#(SoundPlayer Delay FileDirectory Color StrikeFont ControlManager Form"
            + " DisplayScreen ScratchTranslator) do: [:n | [(Smalltalk at: n ifAbsent: [nil]) shutDown] ifError: [:m :r | nil]].\n"
            + "Smalltalk snapshotPrimitive ifFalse: [Smalltalk quitPrimitive].\n"
            + "Processor activeProcess suspend";

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();
    private final RealVm vm = ImageAssumptions.assumeRealVm();

    private Path marker() {
        return dir.resolve("boot.marker");
    }

    private Path resavedByTheRealVm() throws IOException {
        ObjectSpace space = ObjectSpace.load(scratch);
        space.createProcessWithPriority(5, SNAPSHOT).installAsActiveProcess();
        Path copy = dir.resolve("recovered.image");
        space.save(copy);
        byte[] ours = Files.readAllBytes(copy);
        RealVmRun run = vm.boot(copy, TIMEOUT);
        assertThat(run.timedOut()).as(run.summary()).isFalse();
        assertThat(Files.readAllBytes(copy)).as("the real VM wrote the image it booted").isNotEqualTo(ours);
        return copy;
    }

    private void surgery(JournalSession session, String label, Consumer<ObjectSpace> work) {
        try (Surgery s = session.space().beginSurgery(label)) {
            work.accept(session.space());
            s.commit();
        }
    }

    @Test
    void aJournalOfScratchReplaysByNameOntoTheCopyTheRealVmSavedAgainAndTheVmShowsEveryChange() throws IOException {
        Path recovered = resavedByTheRealVm();
        Path journal = dir.resolve("journal");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            surgery(session, "S1: Point>>ozwS1", space -> space.classNamed("Point").orElseThrow()
                    .compile("ozwS1\n\t^ x * 10 + y", "ozw"));
            surgery(session, "S2: a class and the version", space -> {
                space.defineClass("OzwRecovered", space.classNamed("Object").orElseThrow(), "subclass:", List.of("a"),
                        List.of(), "Ozw").compile("ozwHello\n\t^ 'hello from a recovered image'", "ozw");
                space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                        .atPut("VersionString", space.newString("Oz recovered"));
            });
            surgery(session, "P: report at boot", space -> space.classNamed("SystemDictionary").orElseThrow()
                    .compile("readDocumentFile\n\t| f |\n\tf := StandardFileStream fileNamed: '" + marker().toAbsolutePath()
                            + "'.\n\tf nextPutAll: Smalltalk version; nextPutAll: '|'; nextPutAll: (3 @ 4) ozwS1 printString;"
                            + " nextPutAll: '|'; nextPutAll: OzwRecovered new ozwHello; close.\n\tSmalltalk quitPrimitive",
                            "ozw-probe"));
        }
        JournalReport report;
        try (Journal j = Journal.openReadOnly(journal)) {
            report = j.report();
        }

        assertThatThrownBy(() -> Replay.run(ObjectSpace.load(recovered), report, ReplayOptions.all(), s -> { }))
                .isInstanceOf(JournalException.class).hasMessageContaining("[other-base-image]");

        ObjectSpace space = ObjectSpace.load(recovered);
        ReplayReport result = Replay.run(space, report, ReplayOptions.all().symbolically(), s -> { });
        System.out.print("[recovered] " + result.text());
        assertThat(result.isClean()).as(result.text()).isTrue();
        Path replayed = dir.resolve("replayed.image");
        space.save(replayed);

        RealVmRun run = vm.boot(replayed, marker(), TIMEOUT);
        assertThat(run.markerOrFail()).isEqualTo("Oz recovered|34|hello from a recovered image");
    }
}
