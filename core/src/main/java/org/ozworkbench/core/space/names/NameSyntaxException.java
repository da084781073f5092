package org.ozworkbench.core.space.names;

/**
 * Text that is not an {@link ObjectName}: the message says, in one line, the text, the 0-based
 * position and what was expected there.
 */
public final class NameSyntaxException extends IllegalArgumentException {
    private final String text;
    private final int position;

    private NameSyntaxException(String text, int position, String message) {
        super(message);
        this.text = text;
        this.position = position;
    }

    static NameSyntaxException expected(String text, int position, String what) {
        String found = position >= text.length() ? "the end" : "'" + text.charAt(position) + "'";
        return new NameSyntaxException(text, position, "bad object name \"" + text + "\" at " + position + ": expected "
                + what + ", found " + found);
    }

    static NameSyntaxException invalid(String text, int position, String why) {
        return new NameSyntaxException(text, position, "bad object name \"" + text + "\" at " + position + ": " + why);
    }

    public String text() {
        return text;
    }

    public int position() {
        return position;
    }
}
