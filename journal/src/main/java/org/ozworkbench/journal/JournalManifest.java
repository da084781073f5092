package org.ozworkbench.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a journal held at its last durable commit, kept beside the queue files in {@value #NAME}:
 * the index of that commit and the length of every file of the queue. Chronicle's files alone
 * cannot tell a journal that was truncated or lost a file from a shorter or new one (a queue file
 * cut inside its header reads as empty); with the manifest, a journal that cannot be read up to its
 * last commit, or whose files are shorter than they were or gone, is damaged, never empty.
 *
 * <p>Written after each commit is synced: a temporary file renamed over the manifest, so a reader
 * sees the old one or the new one, never half of one. It is not synced on its own (the folder is,
 * when a queue file is new): it survives the death of the process, and after a power loss it may
 * be one commit behind, which only makes the check it allows weaker, never wrong, since it is
 * written after the queue is durable. A journal written before manifests existed has none until
 * its next commit.
 */
record JournalManifest(long lastCommit, Map<String, Long> files) {
    static final String NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    JournalManifest {
        files = Map.copyOf(files);
    }

    /** The manifest of the journal in {@code dir}; empty when it has none. */
    static Optional<JournalManifest> read(Path dir) {
        Path file = dir.resolve(NAME);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), JournalManifest.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw JournalException.corrupt(NAME + " cannot be read (" + e.getClass().getSimpleName() + "): the journal's"
                    + " record of its last commit is lost", e).at(dir, file, -1);
        }
    }

    /** The manifest of {@code dir} as it is now, its last commit at {@code lastCommit}. */
    static JournalManifest of(Path dir, long lastCommit) throws IOException {
        Map<String, Long> lengths = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".cq4") || name.endsWith(".cq4t")) {
                    lengths.put(name, Files.size(f));
                }
            }
        }
        return new JournalManifest(lastCommit, lengths);
    }

    /** Writes this manifest into {@code dir} durably (see the class comment). */
    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * What is wrong with the files of {@code dir} against this manifest before anything reads them:
     * a file gone or shorter than it was at the last commit. Empty when they are as they were or longer.
     */
    Optional<JournalException> checkFiles(Path dir) {
        for (Map.Entry<String, Long> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            long now;
            try {
                now = Files.size(f);
            } catch (NoSuchFileException gone) {
                return Optional.of(JournalException.corrupt("queue file " + e.getKey() + " is missing; it held "
                        + e.getValue() + " bytes at the last commit (" + Journal.formatIndex(lastCommit) + ")", null)
                        .at(dir, f, -1));
            } catch (IOException io) {
                return Optional.of(JournalException.io(dir, "cannot read the size of " + e.getKey(), io));
            }
            if (now < e.getValue()) {
                return Optional.of(JournalException.corrupt("the file is " + now + " bytes, shorter than the " + e.getValue()
                        + " it had at the last commit (" + Journal.formatIndex(lastCommit) + "): it was truncated", null)
                        .at(dir, f, -1));
            }
        }
        return Optional.empty();
    }
}
