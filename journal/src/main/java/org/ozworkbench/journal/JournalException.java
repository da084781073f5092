package org.ozworkbench.journal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A journal that cannot be read, written or trusted, saying where (the journal folder, the
 * queue file and the excerpt index when known) and what. {@link #problem()} tells the kind.
 */
public final class JournalException extends RuntimeException {
    /** What went wrong; {@link #code()} is stable and may be shown to users or tools. */
    public enum Problem {
        /** An excerpt holds bytes that are not a journal event (garbage, a torn write, a bad field). */
        CORRUPT_EXCERPT("corrupt-excerpt"),
        /**
         * An unfinished excerpt at the very end of the journal: a writer died while appending it. It
         * was never acknowledged, so it belongs to no committed surgery; the next append overwrites it.
         */
        TORN_TAIL("torn-tail"),
        /** An event of a type this code does not know. */
        UNKNOWN_EVENT_TYPE("unknown-event-type"),
        /** An event written with a schema newer than this code reads. */
        NEWER_SCHEMA("newer-schema"),
        /** Events that do not make a valid surgery (no begin, a gap, a wrong count or digest). */
        INCONSISTENT("inconsistent-surgery"),
        /** The journal was damaged when opened: it can be read up to the damage, not appended to. */
        DAMAGED("damaged-journal"),
        /** A surgery could not be recorded whole, so it was not committed. */
        NOT_RECORDED("not-recorded"),
        /**
         * A surgery replayed onto a space loaded from another image than the one it was recorded
         * on (another SHA-256): its snapshot oops would name other objects.
         */
        OTHER_BASE_IMAGE("other-base-image"),
        /** Another process holds the journal for writing, and did not let go in time. */
        BUSY("journal-busy"),
        /**
         * A session that shares its journal with other writers could not replay a surgery another
         * writer committed: its space no longer holds what the journal replays, so it writes no more.
         */
        DIVERGED("diverged-space"),
        /** The file system failed. */
        IO("io");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Problem problem;
    private final String what;
    private final Path dir;
    private final Path file;
    private final long index;

    private JournalException(Problem problem, String what, Path dir, Path file, long index, Throwable cause) {
        super(message(problem, what, dir, file, index), cause);
        this.problem = problem;
        this.what = what;
        this.dir = dir;
        this.file = file;
        this.index = index;
    }

    private static String message(Problem problem, String what, Path dir, Path file, long index) {
        StringBuilder m = new StringBuilder();
        if (dir != null) {
            m.append("journal ").append(dir);
        }
        if (file != null) {
            m.append(m.length() == 0 ? "" : ", ").append("file ").append(file.getFileName());
        }
        if (index >= 0) {
            m.append(m.length() == 0 ? "" : ", ").append("excerpt ").append(Journal.formatIndex(index));
        }
        return (m.length() == 0 ? "" : m + ": ") + what + " [" + problem.code() + "]";
    }

    static JournalException corrupt(String what, Throwable cause) {
        return new JournalException(Problem.CORRUPT_EXCERPT, what, null, null, -1, cause);
    }

    static JournalException tornTail(String what) {
        return new JournalException(Problem.TORN_TAIL, what, null, null, -1, null);
    }

    static JournalException unknownType(String type, Collection<String> known) {
        return new JournalException(Problem.UNKNOWN_EVENT_TYPE, "unknown event type '" + type + "' (this version knows "
                + String.join(", ", new TreeSet<>(known)) + ")", null, null, -1, null);
    }

    static JournalException newerSchema(int found, int known, String type) {
        return new JournalException(Problem.NEWER_SCHEMA, "a " + type + " event of schema " + found
                + ", newer than schema " + known + " this version reads: use a newer workbench", null, null, -1, null);
    }

    static JournalException inconsistent(String what) {
        return new JournalException(Problem.INCONSISTENT, what, null, null, -1, null);
    }

    static JournalException damaged(Path dir, JournalException damage) {
        String where = damage.file != null ? " in " + damage.file.getFileName() : "";
        where += damage.index < 0 ? "" : " at excerpt " + Journal.formatIndex(damage.index);
        return new JournalException(Problem.DAMAGED, "it is damaged, so nothing is appended (" + damage.what() + where
                + "); 'ozw journal salvage' copies its committed surgeries before the damage into a new journal",
                dir, null, -1, damage);
    }

    static JournalException otherBase(Path dir, long index, String baseSha, String image, String imageSha) {
        return new JournalException(Problem.OTHER_BASE_IMAGE, "recorded on a base image with SHA-256 " + baseSha + ", but "
                + image + " has SHA-256 " + imageSha, dir, null, index, null);
    }

    /** A genesis journal opened on an image that is not the one its committed surgeries give. */
    static JournalException notTheGenesisState(Path dir, String replayedSha, String image, String imageSha) {
        return new JournalException(Problem.OTHER_BASE_IMAGE, "a genesis journal whose surgeries give an image with"
                + " SHA-256 " + replayedSha + ", but " + image + " has SHA-256 " + imageSha + ": name the image its last"
                + " surgery saved", dir, null, -1, null);
    }

    static JournalException notRecorded(String what, Throwable cause) {
        return new JournalException(Problem.NOT_RECORDED, what, null, null, -1, cause);
    }

    static JournalException otherBase(RecordedSurgery s, JournalEvent.SpaceLoaded base, Path image, String sha256) {
        return new JournalException(Problem.OTHER_BASE_IMAGE, "surgery " + s.id() + " '" + s.label()
                + "' was recorded on " + base.path() + " (SHA-256 " + base.sha256() + "), not on " + image
                + " (SHA-256 " + sha256 + "); replay onto another image only with Replayer.BasePolicy.ANY_IMAGE",
                s.journal(), null, s.beginIndex(), null);
    }

    static JournalException busy(Path dir, String what) {
        return new JournalException(Problem.BUSY, what, dir, null, -1, null);
    }

    static JournalException diverged(Path dir, String why, Throwable cause) {
        return new JournalException(Problem.DIVERGED, "the space no longer holds what the journal replays (" + why
                + "), so nothing more is written from it: reopen the journal", dir, null, -1, cause);
    }

    static JournalException io(Path dir, String what, Throwable cause) {
        return new JournalException(Problem.IO, what + (cause == null || cause.getMessage() == null ? ""
                : ": " + cause.getMessage()), dir, null, -1, cause);
    }

    /** The same problem, located in a journal's folder, file and excerpt. */
    JournalException at(Path dir, Path file, long index) {
        return new JournalException(problem, what, dir, file, index, getCause() == null ? this : getCause());
    }

    public Problem problem() {
        return problem;
    }

    /** What is wrong, without the location. */
    public String what() {
        return what;
    }

    /** The journal folder, when known. */
    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    /** The queue file holding the bad excerpt, when known. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The Chronicle index of the bad excerpt, when known. */
    public OptionalLong index() {
        return index < 0 ? OptionalLong.empty() : OptionalLong.of(index);
    }
}
