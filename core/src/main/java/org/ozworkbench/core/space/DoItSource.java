package org.ozworkbench.core.space;

/**
 * An expression as {@link Execution#evaluate} compiles it: the temporaries it declares first
 * ({@code | a b |}, hoisted into the doIt's own) and the statements after them. Whoever runs the
 * same expression elsewhere (the real VM, for a comparison) splits it the same way.
 *
 * @param temporaries the declared names, space separated, or empty
 * @param statements  the rest of the expression
 */
public record DoItSource(String temporaries, String statements) {
    public static DoItSource split(String expression) {
        String body = expression.strip();
        if (body.startsWith("|")) {
            int end = body.indexOf('|', 1);
            if (end > 0) {
                return new DoItSource(body.substring(1, end).strip(), body.substring(end + 1));
            }
        }
        return new DoItSource("", body);
    }
}
