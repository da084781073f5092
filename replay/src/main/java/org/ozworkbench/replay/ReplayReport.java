package org.ozworkbench.replay;

import java.util.List;
import java.util.Optional;

/**
 * What a replay did, surgery by surgery, in journal order.
 *
 * @param journal the journal folder
 * @param image   the image replayed onto
 * @param entries one per committed surgery of the journal
 */
public record ReplayReport(String journal, String image, List<Entry> entries, Optional<String> damage) {

    /** What became of one surgery. */
    public enum Status {
        /** Replayed whole. */
        APPLIED,
        /** Left out by the options (--skip, --only, after --until). */
        SKIPPED,
        /** Its changes did not fit: not applied at all. */
        CONFLICT,
        /** Not tried: the replay stopped at an earlier conflict. */
        NOT_REACHED
    }

    /**
     * A conflict: which change of the surgery (from 0), what it is, and what its place held instead.
     *
     * @param change   the change's position in its surgery, from 0
     * @param expected the change as recorded, with the old value it expected
     * @param found    what the place held instead, or why the change could not be applied
     */
    public record Conflict(int change, String expected, String found) {
    }

    /**
     * @param changes the number of changes the surgery recorded
     * @param why     for a skipped surgery, which option left it out
     */
    public record Entry(String surgeryId, String label, int changes, Status status, Optional<String> why,
                        Optional<Conflict> conflict) {
    }

    public ReplayReport {
        entries = List.copyOf(entries);
    }

    /** A report of a journal read whole. */
    public ReplayReport(String journal, String image, List<Entry> entries) {
        this(journal, image, entries, Optional.empty());
    }

    public long count(Status status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }

    /** Whether every surgery the options chose was applied. */
    public boolean isClean() {
        return count(Status.CONFLICT) == 0 && count(Status.NOT_REACHED) == 0 && damage.isEmpty();
    }

    /** One line per surgery, then a summary line: for people. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            b.append(String.format("%-11s %s '%s' (%d changes)", e.status().name().toLowerCase().replace('_', ' '),
                    e.surgeryId(), e.label(), e.changes()));
            e.why().ifPresent(w -> b.append(": ").append(w));
            e.conflict().ifPresent(c -> b.append(": change ").append(c.change()).append(' ').append(c.expected())
                    .append(" does not fit: ").append(c.found()));
            b.append('\n');
        }
        b.append(String.format("replayed %s onto %s: %d applied, %d skipped, %d conflicts, %d not reached%n", journal,
                image, count(Status.APPLIED), count(Status.SKIPPED), count(Status.CONFLICT), count(Status.NOT_REACHED)));
        damage.ifPresent(d -> b.append("damaged journal: only the committed surgeries before the damage were read (")
                .append(d).append(")\n"));
        return b.toString();
    }
}
