package org.ozworkbench.replay;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a replay applies, and what it does at a conflict.
 *
 * @param until      replay the surgeries up to and including this one (id, unique id prefix or label)
 * @param skip       surgeries not to replay (id, unique id prefix or label each)
 * @param only       replay only surgeries whose label this pattern finds (a Java regular expression)
 * @param onConflict stop at the first surgery that does not fit, or skip it whole and go on
 * @param symbolic   replay onto another image of the same system, finding the journal's objects by
 *                   the names recorded with its changes ({@link org.ozworkbench.journal.Replayer.BasePolicy#SYMBOLIC})
 */
public record ReplayOptions(Optional<String> until, List<String> skip, Optional<Pattern> only, OnConflict onConflict,
                            boolean symbolic) {

    /** What a replay does with a surgery whose changes do not fit: never applied in part. */
    public enum OnConflict {
        /** Stop there: the surgeries after it are not replayed. */
        STOP,
        /** Skip it whole and replay the next ones. */
        SKIP
    }

    public ReplayOptions {
        skip = List.copyOf(skip);
    }

    /** Every committed surgery, stopping at the first conflict. */
    public static ReplayOptions all() {
        return new ReplayOptions(Optional.empty(), List.of(), Optional.empty(), OnConflict.STOP, false);
    }

    public ReplayOptions until(String surgery) {
        return new ReplayOptions(Optional.of(surgery), skip, only, onConflict, symbolic);
    }

    public ReplayOptions skipping(List<String> surgeries) {
        return new ReplayOptions(until, surgeries, only, onConflict, symbolic);
    }

    public ReplayOptions only(String labelPattern) {
        return new ReplayOptions(until, skip, Optional.of(Pattern.compile(labelPattern)), onConflict, symbolic);
    }

    public ReplayOptions onConflict(OnConflict what) {
        return new ReplayOptions(until, skip, only, what, symbolic);
    }

    public ReplayOptions symbolically() {
        return new ReplayOptions(until, skip, only, onConflict, true);
    }
}
