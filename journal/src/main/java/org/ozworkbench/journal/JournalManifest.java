package org.ozworkbench.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Written in place after each commit is synced (one write of a page-padded record). It is not
 * synced on its own (the folder is, when a queue file is new): it survives the death of the
 * process; after a power loss it may be a commit behind, which only makes its check weaker, since
 * it is written after the queue is durable, or, torn, unreadable, which reads as damage ('ozw
 * journal salvage' then copies the journal). A journal written before manifests existed has none
 * until its next commit.
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

    /** The queue files of {@code dir} (and its metadata), whose lengths a manifest keeps. */
    static List<File> filesOf(Path dir) throws IOException {
        List<File> out = new ArrayList<>();
        try (var list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".cq4") || name.endsWith(".cq4t")) {
                    out.add(f.toFile());
                }
            }
        }
        return out;
    }

    /** The manifest of {@code files} as they are now, the last commit at {@code lastCommit}. */
    static JournalManifest of(List<File> files, long lastCommit) {
        Map<String, Long> lengths = new TreeMap<>();
        for (File f : files) {
            lengths.put(f.getName(), f.length());
        }
        return new JournalManifest(lastCommit, lengths);
    }

    /**
     * Writes this manifest over the one {@code channel} holds, in place: one write of a record
     * padded with spaces to a whole number of pages, which a reader sees whole (the JSON reader
     * skips the padding). Cheaper than a temporary file renamed into place, which cost a commit
     * about 0.2 ms.
     */
    void writeTo(FileChannel channel) throws IOException {
        byte[] json = JSON.writeValueAsBytes(this);
        int size = Math.max(PAGE, (json.length + PAGE - 1) / PAGE * PAGE);
        ByteBuffer record = ByteBuffer.allocate(size);
        record.put(json);
        while (record.hasRemaining()) {
            record.put((byte) ' ');
        }
        record.flip();
        for (long at = 0; record.hasRemaining(); ) {
            at += channel.write(record, at);
        }
    }

    private static final int PAGE = 4096;

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
