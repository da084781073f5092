package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ozworkbench.journal.Journal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that reads one journal folder, given as its first parameter, without writing to it. */
abstract class JournalDirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A journal folder (a Chronicle queue).")
    Path dir;

    @Override
    public final Integer call() throws Exception {
        try (Journal journal = Journals.openReadOnly(dir)) {
            run(journal);
        }
        out().flush();
        return 0;
    }

    abstract void run(Journal journal) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** An index as the journal shows it: hexadecimal. */
    static String index(long index) {
        return "0x" + Long.toHexString(index);
    }
}
