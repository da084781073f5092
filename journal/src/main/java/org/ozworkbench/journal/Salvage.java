package org.ozworkbench.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The way back from a damaged journal: copies, into a new journal, every event that can be read
 * before the damage and belongs to a committed surgery, with the base image's {@code SpaceLoaded}
 * and the {@code SpaceSaved} events among them, in order. The copy replays as the original did up
 * to its last committed surgery before the damage, and can be appended to.
 */
public final class Salvage {
    /** What a salvage copied, and where the original's damage starts, if anywhere. */
    public record Result(Path from, Path to, int surgeries, int events, Optional<String> damage) {
    }

    private Salvage() {
    }

    /**
     * Copies the committed surgeries of the journal in {@code from} (read-only) into a new journal
     * in {@code to}, which must not exist or be an empty folder.
     *
     * @throws JournalException IO when {@code to} is not new, or a journal cannot be opened
     */
    public static Result copy(Path from, Path to) {
        requireNew(to);
        JournalReport report;
        try (Journal source = Journal.openReadOnly(from)) {
            report = source.report();
        }
        Set<String> committed = new HashSet<>();
        report.committed().forEach(s -> committed.add(s.id()));
        int events = 0;
        try (Journal target = Journal.open(to)) {
            for (Journal.Entry e : report.entries()) {
                String surgery = JournalEvent.surgeryIdOf(e.event());
                if (surgery == null || committed.contains(surgery)) {
                    target.append(e.event());
                    events++;
                }
            }
            target.sync();
        }
        return new Result(report.dir(), to.toAbsolutePath().normalize(), committed.size(), events,
                report.problem().map(JournalException::getMessage));
    }

    private static void requireNew(Path to) {
        if (!Files.exists(to)) {
            return;
        }
        try (Stream<Path> files = Files.list(to)) {
            if (files.findAny().isPresent()) {
                throw JournalException.io(to.toAbsolutePath().normalize(), "a salvage writes a new journal: this folder"
                        + " is not empty", null);
            }
        } catch (IOException e) {
            throw JournalException.io(to, "is not a folder a new journal can be written to", e);
        }
    }
}
