package org.ozworkbench.workbench.report;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * A name filter as the user types it, case-insensitive: a glob when it holds {@code *} or
 * {@code ?} (matching the whole name), a substring otherwise; no pattern matches everything.
 *
 * <p>A glob is matched without backtracking, in at most (name length × pattern length) steps:
 * the text before the first {@code *} must begin the name, the text after the last one must end
 * it, and each piece between two stars is taken at its leftmost place after the previous piece
 * (the leftmost place never loses a match a later one would find). A regular expression of
 * {@code .*} per star took exponential time ({@code '*********a'} ran 23 s over Scratch's classes).
 */
public final class NamePattern implements Predicate<String> {
    private static final char ANY_RUN = '*';
    private static final char ANY_CHARACTER = '?';

    private final Predicate<String> test;
    private final String text;

    private NamePattern(String text, Predicate<String> test) {
        this.text = text;
        this.test = test;
    }

    public static NamePattern of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return new NamePattern("", name -> true);
        }
        if (pattern.indexOf(ANY_RUN) < 0 && pattern.indexOf(ANY_CHARACTER) < 0) {
            String needle = pattern.toLowerCase(Locale.ROOT);
            return new NamePattern(pattern, name -> name.toLowerCase(Locale.ROOT).contains(needle));
        }
        String[] pieces = pattern.split("\\" + ANY_RUN, -1);
        return new NamePattern(pattern, name -> globMatches(pieces, name));
    }

    /** {@code pieces}: the glob split at its stars (one piece when it has none). */
    private static boolean globMatches(String[] pieces, String name) {
        String first = pieces[0];
        if (pieces.length == 1) {
            return name.length() == first.length() && matchesAt(name, 0, first);
        }
        String last = pieces[pieces.length - 1];
        int end = name.length() - last.length();
        if (end < first.length() || !matchesAt(name, 0, first) || !matchesAt(name, end, last)) {
            return false;
        }
        int from = first.length();
        for (int p = 1; p < pieces.length - 1; p++) {
            String piece = pieces[p];
            int at = from;
            while (at + piece.length() <= end && !matchesAt(name, at, piece)) {
                at++;
            }
            if (at + piece.length() > end) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }

    /** Whether {@code piece} (no star; {@code ?} any character) matches {@code name} from {@code at}. */
    private static boolean matchesAt(String name, int at, String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char p = piece.charAt(i);
            if (p != ANY_CHARACTER && !sameIgnoringCase(p, name.charAt(at + i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringCase(char a, char b) {
        return a == b || Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    @Override
    public boolean test(String name) {
        return test.test(name);
    }

    @Override
    public String toString() {
        return text;
    }
}
