package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.Checkpoints;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.journal.JournalSession;

/** What the commands working on a journal share: checking their paths, opening a session, a summary of changes. */
final class Journals {
    private Journals() {
    }

    /** The file a journal writes at each durable commit (JournalManifest's). */
    private static final String MANIFEST = "manifest.json";

    /** Refuses what {@link #openReadOnly} refuses (a command that only reads or extends a journal). */
    static void requireJournal(Path dir) {
        openReadOnly(dir).close();
    }

    /**
     * Opens a journal for reading only, refusing in one line a missing folder, a file, a folder
     * without a journal's queue files or manifest, and garbage named like a journal ({@link
     * #requireReadableStart}).
     */
    static Journal openReadOnly(Path dir) {
        if (!Files.exists(dir)) {
            throw BadInputException.noSuchFile(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw BadInputException.because(dir + ": not a journal (a journal is a folder)");
        }
        if (journalFiles(dir).stream().noneMatch(n -> n.endsWith(".cq4") || n.endsWith(".cq4t") || n.equals(MANIFEST))) {
            throw BadInputException.because(dir + ": not a journal (no Chronicle queue files in it)");
        }
        Journal journal = Journal.openReadOnly(dir);
        try {
            requireReadableStart(dir, journal);
        } catch (BadInputException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /**
     * Refuses a folder of files named like a journal's that has no manifest and whose first queue
     * file cannot even be read: garbage, not a damaged journal (a damaged journal has the manifest
     * its last durable commit wrote, and commands show or replay what it holds before the damage).
     */
    static void requireReadableStart(Path dir, Journal journal) {
        if (Files.exists(dir.resolve(MANIFEST))) {
            return;
        }
        journal.unreadableStart().ifPresent(e -> {
            throw BadInputException.because(dir + ": not a journal (" + e.getMessage() + ")");
        });
    }

    /** The files of {@code dir} a journal is made of (its queue, metadata, manifest, writer's lock and checkpoints). */
    private static List<String> journalFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4") || n.endsWith(".cq4t")
                    || n.equals(MANIFEST) || n.equals("writer.lock") || n.equals(Checkpoints.FOLDER)).toList();
        } catch (java.io.IOException e) {
            throw BadInputException.because(dir + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Opens the journal's session on its base image (see {@link JournalSession#open}), telling
     * {@code err} of each checkpoint refused ({@code ozw: warning: ...}).
     */
    static JournalSession open(Path image, Path journal, PrintWriter err) {
        if (!Files.exists(image)) {
            throw BadInputException.noSuchFile(image);
        }
        ObjectSpace.probe(image);
        requireJournalOrNew(journal);
        JournalSession session = JournalSession.open(image, journal);
        session.warnings().forEach(w -> err.println("ozw: warning: " + w));
        return session;
    }

    /** A journal is written into a journal folder, a new one or an empty one: never among a user's other files. */
    static void requireJournalOrNew(Path journal) {
        if (Files.exists(journal) && !Files.isDirectory(journal)) {
            throw BadInputException.because(journal + ": not a journal (a journal is a folder)");
        }
        if (!Files.isDirectory(journal)) {
            return;
        }
        try (var files = Files.list(journal)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            if (!names.isEmpty() && journalFiles(journal).isEmpty()) {
                throw BadInputException.because(journal + ": a folder of other files (" + names.get(0) + " ...), not a"
                        + " journal: name a new or empty folder for a new journal");
            }
        } catch (java.io.IOException e) {
            throw BadInputException.because(journal + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Writes a checkpoint when one is due ({@link JournalSession#checkpointIfDue()}) after a commit:
     * the surgery is committed whatever happens here, so a checkpoint that cannot be written is a warning.
     */
    static void checkpointIfDue(JournalSession session, PrintWriter err) {
        try {
            session.checkpointIfDue();
        } catch (JournalException e) {
            err.println("ozw: warning: no checkpoint written: " + e.getMessage());
        }
    }

    /** {@code "14 changes: 2 MethodInstalled, 1 ProcessCreated, 11 object-level"}. */
    static String describe(List<Change> changes) {
        Map<String, Integer> operations = operations(changes);
        StringBuilder b = new StringBuilder(changes.size() + " changes: ");
        operations.forEach((kind, n) -> b.append(n).append(' ').append(kind).append(", "));
        return b.append(objectLevel(changes)).append(" object-level").toString();
    }

    /** The operations noted among {@code changes}, counted by kind ({@code MethodInstalled}, ...). */
    static Map<String, Integer> operations(List<Change> changes) {
        Map<String, Integer> noted = new TreeMap<>();
        for (Change c : changes) {
            if (c instanceof Change.Noted n) {
                noted.merge(n.operation().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        return noted;
    }

    /** The object-level changes among {@code changes}: those that are no noted operation. */
    static int objectLevel(List<Change> changes) {
        return (int) changes.stream().filter(c -> !(c instanceof Change.Noted)).count();
    }

    /** Commits {@code surgery}, whose image is staged: a failed commit deletes the image. */
    static void commit(Surgery surgery, StagedFile image) {
        try {
            surgery.commit();
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    /**
     * Puts the image of a committed surgery in place and journals it. If that fails, the surgery
     * stays committed (the journal holds it): the message says so and how to get the image back.
     */
    static void publish(JournalSession session, Surgery surgery, StagedFile image) {
        try (image) {
            session.publish(image);
        } catch (RuntimeException e) {
            throw BadInputException.because("surgery " + surgery.id() + " '" + surgery.label() + "' is committed in"
                    + " journal " + session.journal().dir() + ", but its image could not be put in place: "
                    + e.getMessage() + " ('ozw replay' rebuilds it from the journal)");
        }
    }
}
