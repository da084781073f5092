package org.ozworkbench.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.journal.ReplayConflictException;
import org.ozworkbench.journal.Replayer;
import org.ozworkbench.journal.Rollback;

/**
 * Replays a journal's committed surgeries onto a space, chosen by {@link ReplayOptions}, each as
 * one surgery of the space (a rollback surgery is left out with the surgery it rolls back): a
 * surgery that does not fit (a place no longer holds the value the
 * change recorded as old) is never applied in part; the replay stops there or skips it whole.
 *
 * <pre>{@code
 * ReplayReport r = Replay.run(ObjectSpace.load(base), journal.report(), ReplayOptions.all().skipping(List.of("S_bad")));
 * }</pre>
 */
public final class Replay {
    private Replay() {
    }

    /**
     * Replays onto {@code space}, which must be loaded from the journal's base image (its SHA-256
     * is checked once); {@code progress} hears each surgery as it is done.
     *
     * A damaged journal replays the committed surgeries before its damage, and the report says
     * where the damage is (and is not clean).
     *
     * @throws JournalException         when the journal was recorded on another image
     * @throws IllegalArgumentException when an option names no surgery, or names one ambiguously
     */
    public static ReplayReport run(ObjectSpace space, JournalReport journal, ReplayOptions options,
                                   Consumer<RecordedSurgery> progress) {
        return run(space, journal, options, progress, 0);
    }

    /**
     * How many of the journal's first committed surgeries a replay with {@code options} applies
     * one after the other without leaving any out: those a checkpoint holding them may stand for
     * ({@link org.ozworkbench.journal.Checkpoints#resume}). None for a symbolic replay, whose
     * target is another image.
     */
    public static int checkpointable(JournalReport journal, ReplayOptions options) {
        if (options.symbolic()) {
            return 0;
        }
        List<RecordedSurgery> committed = journal.committed();
        Optional<String> until = options.until().map(ref -> committedOne(journal, ref, "--until"));
        Set<String> skip = new HashSet<>();
        options.skip().forEach(ref -> skip.add(journal.find(ref).id()));
        int n = 0;
        for (RecordedSurgery s : committed) {
            if (skip.contains(s.id()) || options.only().filter(p -> !p.matcher(s.label()).find()).isPresent()) {
                break;
            }
            n++;
            if (until.filter(s.id()::equals).isPresent()) {
                break;
            }
        }
        return n;
    }

    /**
     * {@link #run(ObjectSpace, JournalReport, ReplayOptions, Consumer)} onto a space that holds the
     * journal's first {@code applied} committed surgeries already (resumed from a checkpoint; at
     * most {@link #checkpointable}): they are reported applied, and the replay goes on after them.
     */
    public static ReplayReport run(ObjectSpace space, JournalReport journal, ReplayOptions options,
                                   Consumer<RecordedSurgery> progress, int applied) {
        // with --until, the surgeries asked for are all before the damage (else --until names none)
        Optional<String> damage = journal.problem().filter(p -> p.problem() != JournalException.Problem.TORN_TAIL)
                .filter(p -> options.until().isEmpty()).map(JournalException::getMessage);
        List<RecordedSurgery> committed = journal.committed();
        Optional<String> until = options.until().map(ref -> committedOne(journal, ref, "--until"));
        Set<String> skip = new HashSet<>();
        options.skip().forEach(ref -> skip.add(journal.find(ref).id()));
        Replayer replayer = Replayer.onto(space, options.symbolic() ? Replayer.BasePolicy.SYMBOLIC
                : Replayer.BasePolicy.SAME_IMAGE);
        List<ReplayReport.Entry> entries = new ArrayList<>();
        Set<String> notApplied = new HashSet<>();
        boolean past = false;
        boolean stopped = false;
        for (int i = 0; i < committed.size(); i++) {
            RecordedSurgery s = committed.get(i);
            if (i < applied) {
                entries.add(entry(s, ReplayReport.Status.APPLIED, Optional.empty(), Optional.empty()));
                progress.accept(s);
                past |= until.filter(s.id()::equals).isPresent();
                continue;
            }
            Optional<String> undoes = Rollback.rolledBackSurgeryOf(s).filter(notApplied::contains);
            Optional<String> why = past ? Optional.of("after --until " + until.get())
                    : skip.contains(s.id()) ? Optional.of("--skip")
                    : undoes.isPresent() ? Optional.of("it rolls back " + undoes.get() + ", which was not replayed")
                    : options.only().filter(p -> !p.matcher(s.label()).find()).map(p -> "label does not match --only " + p);
            if (why.isPresent()) {
                notApplied.add(s.id());
                replayer.skip(s);
                entries.add(entry(s, ReplayReport.Status.SKIPPED, why, Optional.empty()));
            } else if (stopped) {
                notApplied.add(s.id());
                entries.add(entry(s, ReplayReport.Status.NOT_REACHED, Optional.empty(), Optional.empty()));
            } else {
                try {
                    replayer.replay(s);
                    entries.add(entry(s, ReplayReport.Status.APPLIED, Optional.empty(), Optional.empty()));
                } catch (ReplayConflictException e) {
                    ReplayReport.Conflict c = new ReplayReport.Conflict(e.changeNumber(), String.valueOf(e.change()),
                            e.found());
                    notApplied.add(s.id());
                    replayer.skip(s);
                    entries.add(entry(s, ReplayReport.Status.CONFLICT, Optional.empty(), Optional.of(c)));
                    stopped = options.onConflict() == ReplayOptions.OnConflict.STOP;
                }
            }
            progress.accept(s);
            past |= until.filter(s.id()::equals).isPresent();
        }
        return new ReplayReport(journal.dir().toString(), String.valueOf(space.memory().source()), entries, damage);
    }

    private static String committedOne(JournalReport journal, String ref, String option) {
        RecordedSurgery s = journal.find(ref);
        if (!s.isCommitted()) {
            throw new IllegalArgumentException(option + " " + ref + ": surgery " + s.id() + " '" + s.label() + "' is "
                    + s.state().name().toLowerCase() + ", never replayed");
        }
        return s.id();
    }

    private static ReplayReport.Entry entry(RecordedSurgery s, ReplayReport.Status status, Optional<String> why,
                                            Optional<ReplayReport.Conflict> conflict) {
        return new ReplayReport.Entry(s.id(), s.label(), s.changes().size(), status, why, conflict);
    }
}
