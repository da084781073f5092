package org.ozworkbench.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.realvm.RealVm;

/**
 * The real VM boots what a journaled kernel surgery made of Scratch.image, and what its rollback
 * made of it. A first surgery, the probe, makes the image report at boot (from
 * {@code readDocumentFile}, which Scratch calls after its startup list) what the kernel surgery
 * changes: two startUp methods on the boot path and a class variable.
 */
class SurgeryOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();
    private final RealVm vm = ImageAssumptions.assumeRealVm();

    private void probe(ObjectSpace space, Path marker) {
        space.classNamed("SystemDictionary").orElseThrow().compile("readDocumentFile\n"
                + "\t| f |\n"
                + "\tf := StandardFileStream fileNamed: '" + marker.toAbsolutePath() + "'.\n"
                + "\tf nextPutAll: Smalltalk version; nextPutAll: '|';\n"
                + "\t\tnextPutAll: (Smalltalk at: #OzwTrace ifAbsent: ['none']); close.\n"
                + "\tSmalltalk quitPrimitive", "ozw-probe");
    }

    /** {@code cls class>>startUp} appends {@code tag} to the global OzwTrace, then does what it did. */
    private static void traceStartUp(ObjectSpace space, String cls, String tag) {
        ClassMirror meta = space.classNamed(cls + " class").orElseThrow();
        MethodMirror original = meta.compiledMethodAt("startUp").orElseThrow();
        meta.addMethod("ozwStartUpBefore", original);
        meta.compile("startUp\n\tSmalltalk at: #OzwTrace put: (Smalltalk at: #OzwTrace ifAbsent: ['']) , '" + tag
                + "'.\n\t^ self ozwStartUpBefore", "ozw");
    }

    private String boot(Path image, Path marker) throws IOException {
        Files.deleteIfExists(marker);
        return vm.boot(image, marker, TIMEOUT).markerOrFail();
    }

    @Test
    void aKernelSurgeryBootsWithItsBehaviourAndItsRollbackBootsAsBeforeByteForByte() throws IOException {
        Path journal = dir.resolve("journal");
        Path marker = dir.resolve("boot.marker");
        Path probed = dir.resolve("probed.image");
        Path operated = dir.resolve("operated.image");
        String kernel;
        String probeId;
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ObjectSpace space = session.space();
            try (Surgery s = space.beginSurgery("probe: report at boot")) {
                probe(space, marker);
                s.commit();
                probeId = s.id();
            }
            session.save(probed);
            try (Surgery s = space.beginSurgery("kernel: trace Delay and FileDirectory startUp, new version")) {
                traceStartUp(space, "Delay", "D");
                traceStartUp(space, "FileDirectory", "F");
                space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                        .atPut("VersionString", space.newString("Oz surgery 1"));
                s.commit();
                kernel = s.id();
            }
            session.save(operated);
        }

        String before = boot(probed, marker);
        assertThat(before).endsWith("|none").doesNotStartWith("Oz surgery");
        assertThat(boot(operated, marker)).isEqualTo("Oz surgery 1|DF");

        Path rolledBack = dir.resolve("rolled-back.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            Rollback.apply(session.space(), Rollback.plan(session.report(), kernel));
            session.save(rolledBack);
        }
        assertThat(Files.readAllBytes(rolledBack)).isEqualTo(Files.readAllBytes(probed));
        assertThat(boot(rolledBack, marker)).isEqualTo(before);

        Path original = dir.resolve("original.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            Rollback.apply(session.space(), Rollback.plan(session.report(), probeId));
            session.save(original);
        }
        assertThat(Files.readAllBytes(original)).isEqualTo(Files.readAllBytes(scratch));
    }
}
