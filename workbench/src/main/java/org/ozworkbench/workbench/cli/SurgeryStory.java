package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.journal.Rollback;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;
import org.ozworkbench.replay.Replay;
import org.ozworkbench.replay.ReplayOptions;
import org.ozworkbench.replay.ReplayReport;

/**
 * The demo's second half, on Scratch.image: journaled surgeries, a bad one that breaks the
 * startup, and the two ways back (rollback, replay without it), each image booted by the real VM.
 * A first surgery makes the image report at boot what the others did: Scratch calls
 * {@code SystemDictionary>>readDocumentFile} after its startup list.
 */
final class SurgeryStory {
    private static final Duration BOOTS = Duration.ofSeconds(30);
    private static final Duration DOES_NOT_BOOT = Duration.ofSeconds(8);
    private static final String BAD_CLASS = "CrLfFileStream class";

    private final Path base;
    private final Path dir;
    private final Path marker;
    private final PrintWriter w;
    private final Optional<RealVm> vm = RealVm.find();

    private SurgeryStory(Path base, Path dir, PrintWriter w) {
        this.base = base;
        this.dir = dir;
        this.marker = dir.resolve("boot.marker");
        this.w = w;
    }

    /** Whether the image has the boot hook the story needs (Scratch does). */
    static boolean fits(ObjectSpace space) {
        return space.classNamed("SystemDictionary").flatMap(c -> c.compiledMethodAt("readDocumentFile")).isPresent()
                && space.classNamed(BAD_CLASS).flatMap(c -> c.compiledMethodAt("startUp")).isPresent();
    }

    /** Tells the story in {@code dir} (the journal and the images stay there for the user to look at). */
    static void tell(Path base, Path dir, PrintWriter w, int firstHeading) {
        new SurgeryStory(base, dir, w).tell(firstHeading);
    }

    private void tell(int n) {
        Path journal = dir.resolve("journal");
        String bad;
        heading(n, "Journaled surgeries in " + journal);
        try (JournalSession session = JournalSession.open(base, journal)) {
            surgery(session, "P: report at boot", this::probe);
            surgery(session, "S1: Point>>ozwS1", s -> s.classNamed("Point").orElseThrow()
                    .compile("ozwS1\n\t^ x * 10 + y", "ozw"));
            surgery(session, "S2: SystemDictionary>>ozwS2", s -> s.classNamed("SystemDictionary").orElseThrow()
                    .compile("ozwS2\n\t^ 'Oz says hello'", "ozw"));
            Path good = save(session, "good.image");
            boot(good, "after S1 and S2");
            bad = surgery(session, "S_bad: " + BAD_CLASS + ">>startUp raises", s -> s.classNamed(BAD_CLASS).orElseThrow()
                    .compile("startUp\n\tself error: 'broken by S_bad'", "ozw"));
            boot(save(session, "broken.image"), "after S_bad (its startup now fails)");
        }

        heading(n + 1, "Way back 1: roll S_bad back (a compensating surgery, journaled too)");
        try (JournalSession session = JournalSession.open(base, journal)) {
            Surgery rollback = Rollback.apply(session.space(), Rollback.plan(session.report(), bad));
            w.printf("> ozw rollback %s --journal %s %s --out rolled-back.image%n", base, journal, bad.substring(0, 8));
            w.println("surgery " + rollback.id() + " '" + rollback.label() + "': " + Journals.describe(rollback.changes()));
            boot(save(session, "rolled-back.image"), "rolled back");
        }

        heading(n + 2, "Way back 2: replay the journal onto a fresh copy of " + base.getFileName() + ", without S_bad");
        w.printf("> ozw replay %s --journal %s --skip %s --out replayed.image%n", base, journal, bad.substring(0, 8));
        try (ObjectSpace fresh = ObjectSpace.load(base)) {
            JournalReport report;
            try (Journal j = Journal.openReadOnly(journal)) {
                report = j.report();
            }
            ReplayReport result = Replay.run(fresh, report, ReplayOptions.all().skipping(List.of(bad)), s -> { });
            w.print(result.text());
            Path replayed = dir.resolve("replayed.image");
            fresh.save(replayed);
            boot(replayed, "replayed without S_bad");
        }
        w.printf("%nthe journal: ozw journal log %s%n", journal);
    }

    private void probe(ObjectSpace space) {
        space.classNamed("SystemDictionary").orElseThrow().compile("readDocumentFile\n"
                + "\t| f |\n"
                + "\tf := StandardFileStream fileNamed: '" + marker.toAbsolutePath() + "'.\n"
                + "\tf nextPutAll: 'S1='; nextPutAll: ((Point includesSelector: #ozwS1)\n"
                + "\t\t\tifTrue: [(3 @ 4) ozwS1 printString] ifFalse: ['none']);\n"
                + "\t\tnextPutAll: ' S2='; nextPutAll: ((SystemDictionary includesSelector: #ozwS2)\n"
                + "\t\t\tifTrue: [Smalltalk ozwS2] ifFalse: ['none']);\n"
                + "\t\tclose.\n"
                + "\tSmalltalk quitPrimitive", "ozw-probe");
    }

    private String surgery(JournalSession session, String label, Consumer<ObjectSpace> work) {
        try (Surgery s = session.space().beginSurgery(label)) {
            work.accept(session.space());
            s.commit();
            w.printf("committed %s '%s': %s%n", s.id().substring(0, 8), label, Journals.describe(s.changes()));
            return s.id();
        }
    }

    private Path save(JournalSession session, String name) {
        Path image = dir.resolve(name);
        session.save(image);
        return image;
    }

    private void boot(Path image, String what) {
        if (vm.isEmpty()) {
            w.println("no real VM here: 'apt-get install squeak-vm' (or ./ozw test) installs it");
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RealVmRun run = vm.get().boot(image, marker, what.contains("fails") ? DOES_NOT_BOOT : BOOTS);
        w.printf("real VM, %s: %s%n", what, run.marker().map(m -> "the image reports " + m.strip())
                .orElse(run.timedOut() ? "no report within " + run.timeout().toSeconds() + " s: it does not start"
                        : "no report (" + run.summary() + ")"));
    }

    private void heading(int n, String title) {
        w.println();
        w.println("== " + n + ". " + title);
    }
}
