package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.ozworkbench.journal.JournalSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of a command that changes a journal's base image: IMAGE, --journal DIR, --out NEW.image. */
final class JournalTarget {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The journal's base image.")
    Path image;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal folder.")
    Path journal;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "NEW.image", description = "Where to save the image.")
    Path out;

    /**
     * Refuses an {@code --out} that must not be written: IMAGE, a file of the journal folder, one of
     * {@code inputs} (the file-in or batch being read), or anything but a regular file or a new path.
     * Called first, so that a surgery is not committed when its image cannot be saved there.
     */
    void checkOut(Path... inputs) {
        OutputFile checked = OutputFile.check(out).notTheImage(image, false).outsideJournal(journal);
        for (Path input : inputs) {
            checked.notTheInput(input, "the file being applied");
        }
    }

    /** Opens the journal's session on IMAGE, telling {@code err} of each checkpoint refused. */
    JournalSession open(PrintWriter err) {
        return Journals.open(image, journal, err);
    }
}
