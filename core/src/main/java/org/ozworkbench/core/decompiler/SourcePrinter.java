package org.ozworkbench.core.decompiler;

import java.util.List;
import org.ozworkbench.core.decompiler.Code.Assign;
import org.ozworkbench.core.decompiler.Code.Block;
import org.ozworkbench.core.decompiler.Code.Cascade;
import org.ozworkbench.core.decompiler.Code.Lit;
import org.ozworkbench.core.decompiler.Code.Message;
import org.ozworkbench.core.decompiler.Code.Return;
import org.ozworkbench.core.decompiler.Code.Send;
import org.ozworkbench.core.decompiler.Code.Var;

/**
 * Prints decompiled code as Smalltalk source with the fewest parentheses the precedence rules
 * allow: unary before binary before keyword messages, then cascades, then assignments.
 */
final class SourcePrinter {
    private static final int PRIMARY = 0;
    private static final int UNARY = 1;
    private static final int BINARY = 2;
    private static final int KEYWORD = 3;
    private static final int CASCADE = 4;
    private static final int ASSIGNMENT = 5;
    /** The most elements the compiler gives a brace array as braceWith:with:... rather than a stream. */
    private static final int MAX_BRACE_WITH = 4;

    private final String assignment;

    /** @param assignment the assignment arrow of the dialect: {@code _} or {@code :=} */
    SourcePrinter(String assignment) {
        this.assignment = assignment;
    }

    /** One statement a line, each after a tab, separated by periods. */
    String statements(List<Code> statements) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            sb.append('\t').append(statement(statements.get(i))).append(i < statements.size() - 1 ? ".\n" : "\n");
        }
        return sb.toString();
    }

    String statement(Code c) {
        return c instanceof Return r ? "^ " + expression(r.value(), ASSIGNMENT) : expression(c, ASSIGNMENT);
    }

    private String expression(Code c, int allowed) {
        String text;
        if (c instanceof Var v) {
            text = v.name();
        } else if (c instanceof Lit l) {
            text = l.text();
        } else if (c instanceof Assign a) {
            text = a.variable().name() + " " + assignment + " " + expression(a.value(), ASSIGNMENT);
        } else if (c instanceof Send s) {
            text = send(s);
        } else if (c instanceof Cascade k) {
            text = cascade(k);
        } else if (c instanceof Block b) {
            text = block(b);
        } else {
            throw new DecompileException("an unfinished expression (" + c.getClass().getSimpleName()
                    + ") where a value was expected");
        }
        return level(c) > allowed ? "(" + text + ")" : text;
    }

    private String send(Send s) {
        if (isBrace(s)) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < s.arguments().size(); i++) {
                sb.append(i == 0 ? "" : ". ").append(expression(s.arguments().get(i), ASSIGNMENT));
            }
            return sb.append('}').toString();
        }
        return expression(s.receiver(), receiverLevel(s.selector())) + message(s.selector(), s.arguments());
    }

    private String cascade(Cascade k) {
        StringBuilder sb = new StringBuilder(expression(k.receiver(), receiverLevel(k.messages().get(0).selector())));
        for (int i = 0; i < k.messages().size(); i++) {
            Message m = k.messages().get(i);
            sb.append(i == 0 ? "" : ";").append(message(m.selector(), m.arguments()));
        }
        return sb.toString();
    }

    /** {@code  foo}, {@code  + x}, {@code  at: 1 put: x}: with its leading space. */
    private String message(String selector, List<Code> arguments) {
        int kind = kind(selector);
        if (kind == UNARY) {
            return " " + selector;
        }
        if (kind == BINARY) {
            return " " + selector + " " + expression(arguments.get(0), UNARY);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (Code argument : arguments) {
            int colon = selector.indexOf(':', from);
            sb.append(' ').append(selector, from, colon + 1).append(' ').append(expression(argument, BINARY));
            from = colon + 1;
        }
        return sb.toString();
    }

    private String block(Block b) {
        StringBuilder sb = new StringBuilder("[");
        for (Var a : b.arguments()) {
            sb.append(':').append(a.name()).append(' ');
        }
        if (!b.arguments().isEmpty()) {
            sb.append("| ");
        }
        if (!b.temporaries().isEmpty()) {
            sb.append("| ");
            b.temporaries().forEach(t -> sb.append(t.name()).append(' '));
            sb.append("| ");
        }
        List<Code> body = b.statements();
        boolean justNil = body.size() == 1 && body.get(0) instanceof Var v && v.name().equals("nil");
        if (!justNil) {
            for (int i = 0; i < body.size(); i++) {
                sb.append(i == 0 ? "" : ". ").append(statement(body.get(i)));
            }
        }
        return sb.append(']').toString();
    }

    /** {@code Array braceWith: a with: b}: what the compiler makes of {@code {a. b}}, as the guest prints it. */
    private static boolean isBrace(Send s) {
        String selector = s.selector();
        boolean braceSelector = selector.equals("braceWithNone")
                || selector.startsWith("braceWith:") && selector.equals("braceWith:" + "with:".repeat(s.arguments().size() - 1));
        return braceSelector && s.receiver() instanceof Var v && v.name().equals("Array") && s.arguments().size() <= MAX_BRACE_WITH;
    }

    private static int receiverLevel(String selector) {
        return kind(selector) == UNARY ? UNARY : BINARY;
    }

    private static int kind(String selector) {
        if (selector.endsWith(":")) {
            return KEYWORD;
        }
        return Character.isLetter(selector.charAt(0)) ? UNARY : BINARY;
    }

    private static int level(Code c) {
        if (c instanceof Send s) {
            return isBrace(s) ? PRIMARY : kind(s.selector());
        }
        if (c instanceof Cascade) {
            return CASCADE;
        }
        return c instanceof Assign ? ASSIGNMENT : PRIMARY;
    }
}
