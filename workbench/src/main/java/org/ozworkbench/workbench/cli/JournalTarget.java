package org.ozworkbench.workbench.cli;

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

    /** Opens the journal's session, after refusing to write over IMAGE. */
    JournalSession open() {
        Journals.requireDistinct(image, out);
        return Journals.open(image, journal);
    }
}
