package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ozworkbench.journal.Journal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that reads one journal folder, given as its first parameter, without writing to it. */
abstract class JournalDirCommand implements Callable<Integer> {
    /** Chronicle's queue files ({@code 20260614F.cq4}) and its metadata ({@code metadata.cq4t}). */
    private static final String QUEUE_SUFFIX = ".cq4";
    private static final String METADATA_SUFFIX = ".cq4t";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A journal folder (a Chronicle queue).")
    Path dir;

    @Override
    public final Integer call() throws Exception {
        try (Journal journal = open(dir)) {
            run(journal);
        }
        out().flush();
        return 0;
    }

    abstract void run(Journal journal) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Opens a journal for reading only, telling a missing folder and a folder that is no journal apart. */
    static Journal open(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw BadInputException.noSuchFile(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw BadInputException.because(dir + ": not a journal (a journal is a folder)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.map(f -> f.getFileName().toString())
                    .noneMatch(n -> n.endsWith(QUEUE_SUFFIX) || n.endsWith(METADATA_SUFFIX))) {
                throw BadInputException.because(dir + ": not a journal (no Chronicle queue files in it)");
            }
        }
        Journal journal = Journal.openReadOnly(dir);
        try {
            Journals.requireReadableStart(dir, journal);
        } catch (BadInputException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /** An index as the journal shows it: hexadecimal. */
    static String index(long index) {
        return "0x" + Long.toHexString(index);
    }
}
