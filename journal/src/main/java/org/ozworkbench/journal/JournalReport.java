package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a journal holds, read recovering ({@link Journal#report()}): every event up to the first
 * bad one, the surgeries they make, and the problem that stopped the reading, if any. Nothing
 * past the problem is read: a surgery committed after a corrupt excerpt is not in the report.
 *
 * @param dir       the journal folder
 * @param entries   the good events, in order
 * @param surgeries the surgeries of those events, in the order they began
 * @param problem   what is wrong at the first bad excerpt; empty when the journal is whole
 * @param tornTail  an unfinished excerpt after the last good one ({@link JournalException.Problem#TORN_TAIL}):
 *                  a writer died while appending it. Not damage: it was never acknowledged, so no
 *                  committed surgery needs it, and the next append overwrites it
 */
public record JournalReport(Path dir, List<Journal.Entry> entries, List<RecordedSurgery> surgeries,
                            Optional<JournalException> problem, Optional<JournalException> tornTail) {
    public JournalReport {
        entries = List.copyOf(entries);
        surgeries = List.copyOf(surgeries);
    }

    /** Whether the whole journal was read without a problem. */
    public boolean isClean() {
        return problem.isEmpty();
    }

    /** The committed surgeries: the ones a replay applies. */
    public List<RecordedSurgery> committed() {
        return surgeries.stream().filter(RecordedSurgery::isCommitted).toList();
    }

    /** The surgery with this id, if the good part of the journal has it. */
    public Optional<RecordedSurgery> surgery(String id) {
        return surgeries.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The surgery a user names: its id, a unique prefix of its id, or its exact label (the latest
     * surgery with that label).
     *
     * @throws IllegalArgumentException when none matches, or a prefix matches several
     */
    public RecordedSurgery find(String ref) {
        Optional<RecordedSurgery> exact = surgery(ref);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<RecordedSurgery> prefixed = surgeries.stream().filter(s -> s.id().startsWith(ref)).toList();
        if (prefixed.size() > 1) {
            throw new IllegalArgumentException("'" + ref + "' is the start of " + prefixed.size() + " surgery ids in journal "
                    + dir + ": " + prefixed.stream().map(RecordedSurgery::id).toList());
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        List<RecordedSurgery> labelled = surgeries.stream().filter(s -> s.label().equals(ref)).toList();
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("journal " + dir + " has no surgery with id, id prefix or label '" + ref + "'");
        }
        return labelled.get(labelled.size() - 1);
    }

    /** One line per surgery and a last line for the problem: for logs and tools. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("journal ").append(dir).append(": ").append(entries.size()).append(" events, ")
                .append(surgeries.size()).append(" surgeries, ").append(committed().size()).append(" committed\n");
        for (RecordedSurgery s : surgeries) {
            b.append("  ").append(s.state()).append(' ').append(s.id()).append(" '").append(s.label()).append("' ")
                    .append(s.changes().size()).append(" changes").append(s.reason().map(r -> ": " + r).orElse(""))
                    .append('\n');
        }
        problem.ifPresent(p -> b.append("  PROBLEM ").append(p.getMessage()).append('\n'));
        tornTail.ifPresent(p -> b.append("  TORN TAIL ").append(p.getMessage()).append('\n'));
        return b.toString();
    }
}
