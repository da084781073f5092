package org.ozworkbench.workbench.report;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A name filter as the user types it, case-insensitive: a glob when it holds {@code *} or
 * {@code ?} (matching the whole name), a substring otherwise; no pattern matches everything.
 */
public final class NamePattern implements Predicate<String> {
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
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            String needle = pattern.toLowerCase(Locale.ROOT);
            return new NamePattern(pattern, name -> name.toLowerCase(Locale.ROOT).contains(needle));
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new NamePattern(pattern, name -> compiled.matcher(name).matches());
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
