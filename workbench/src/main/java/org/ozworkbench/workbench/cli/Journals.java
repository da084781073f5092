package org.ozworkbench.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalSession;

/** What the commands working on a journal share: checking their paths, opening a session, a summary of changes. */
final class Journals {
    private Journals() {
    }

    /** Refuses a journal folder that does not exist (a command that only reads or extends one). */
    static void requireJournal(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw BadInputException.because("no journal folder " + dir);
        }
    }

    /** Opens the journal's session on its base image (see {@link JournalSession#open}). */
    static JournalSession open(Path image, Path journal) {
        if (!Files.exists(image)) {
            throw BadInputException.noSuchFile(image);
        }
        ObjectSpace.probe(image);
        return JournalSession.open(image, journal);
    }

    /** {@code "14 changes: 2 MethodInstalled, 1 ProcessCreated, 11 object-level"}. */
    static String describe(List<Change> changes) {
        Map<String, Integer> noted = new TreeMap<>();
        int objectLevel = 0;
        for (Change c : changes) {
            if (c instanceof Change.Noted n) {
                noted.merge(n.operation().getClass().getSimpleName(), 1, Integer::sum);
            } else {
                objectLevel++;
            }
        }
        StringBuilder b = new StringBuilder(changes.size() + " changes: ");
        noted.forEach((kind, n) -> b.append(n).append(' ').append(kind).append(", "));
        return b.append(objectLevel).append(" object-level").toString();
    }
}
