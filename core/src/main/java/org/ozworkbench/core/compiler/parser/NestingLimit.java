package org.ozworkbench.core.compiler.parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Statement;

/**
 * How deep source may nest: at most {@value #MAX_DEPTH} levels of parentheses, blocks, brace
 * arrays, literal arrays, assignments and sends (each message of a chain such as
 * {@code 1 + 1 + 1} is a send inside the next). The parser and the compiler recurse on the nesting,
 * so deeper source would overflow the host's stack; it is refused as a {@link SyntaxError} at the
 * place where the limit is passed. The check here walks the parsed tree with a stack of its own.
 */
final class NestingLimit {
    /** The deepest nesting accepted; Squeak's own sources nest fewer than 40 levels. */
    static final int MAX_DEPTH = 256;

    private NestingLimit() {
    }

    static SyntaxError tooDeep(String source, int offset) {
        return SyntaxError.at(source, offset, SyntaxError.Kind.TOO_DEEP, "nested deeper than " + MAX_DEPTH
                + " levels (parentheses, blocks, braces, literal arrays or a chain of messages): split the"
                + " expression, e.g. into temporaries");
    }

    private record Pending(Expression expression, int depth) {
    }

    /** Refuses a method whose expressions nest deeper than {@link #MAX_DEPTH}. */
    static void check(MethodNode method) {
        Deque<Pending> pending = new ArrayDeque<>();
        pushStatements(pending, method.body(), 0);
        while (!pending.isEmpty()) {
            Pending p = pending.pop();
            Expression e = p.expression();
            if (e instanceof Expression.Variable || e instanceof Expression.Literal) {
                continue;
            }
            int depth = p.depth() + 1;
            if (depth > MAX_DEPTH) {
                throw tooDeep(method.source(), e.start());
            }
            if (e instanceof Expression.Assignment a) {
                pending.push(new Pending(a.value(), depth));
            } else if (e instanceof Expression.Send s) {
                pending.push(new Pending(s.receiver(), depth));
                s.arguments().forEach(x -> pending.push(new Pending(x, depth)));
            } else if (e instanceof Expression.Cascade c) {
                pending.push(new Pending(c.receiver(), depth));
                c.messages().forEach(m -> m.arguments().forEach(x -> pending.push(new Pending(x, depth))));
            } else if (e instanceof Expression.Block b) {
                pushStatements(pending, b.body(), depth);
            } else if (e instanceof Expression.Brace b) {
                b.elements().forEach(x -> pending.push(new Pending(x, depth)));
            }
        }
    }

    private static void pushStatements(Deque<Pending> pending, List<Statement> statements, int depth) {
        statements.forEach(s -> pending.push(new Pending(s.expression(), depth)));
    }
}
