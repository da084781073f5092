package org.ozworkbench.core.compiler.parser;

import java.util.List;
import java.util.stream.Collectors;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Assignment;
import org.ozworkbench.core.compiler.ast.Expression.Block;
import org.ozworkbench.core.compiler.ast.Expression.Brace;
import org.ozworkbench.core.compiler.ast.Expression.Cascade;
import org.ozworkbench.core.compiler.ast.Expression.Literal;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.Statement;

/**
 * A compact view of an AST for assertions: a send is {@code (selector receiver args...)}, a cascade
 * {@code (; receiver (m1 args) (m2 args))}, an assignment {@code (:= var value)}, a block
 * {@code [:a | t | statements]}, a brace {@code {e1 e2}}, a return {@code ^x}; literals print
 * as source.
 */
final class Sexp {
    private Sexp() {
    }

    static String of(List<Statement> statements) {
        return statements.stream().map(Sexp::of).collect(Collectors.joining(". "));
    }

    static String of(Statement statement) {
        return (statement instanceof Statement.Return ? "^" : "") + of(statement.expression());
    }

    static String of(Expression expression) {
        if (expression instanceof Variable v) {
            return v.name();
        }
        if (expression instanceof Literal l) {
            return AstPrinter.literal(l.value());
        }
        if (expression instanceof Assignment a) {
            return "(:= " + a.variable().name() + " " + of(a.value()) + ")";
        }
        if (expression instanceof Send s) {
            return "(" + s.selector() + " " + of(s.receiver()) + args(s.arguments()) + ")";
        }
        if (expression instanceof Cascade c) {
            return "(; " + of(c.receiver()) + c.messages().stream()
                    .map(m -> " (" + m.selector() + args(m.arguments()) + ")").collect(Collectors.joining()) + ")";
        }
        if (expression instanceof Block b) {
            String arguments = b.arguments().stream().map(a -> ":" + a + " ").collect(Collectors.joining());
            String temporaries = b.temporaries().isEmpty() ? "" : String.join(" ", b.temporaries()) + " | ";
            return "[" + arguments + (arguments.isEmpty() ? "" : "| ") + temporaries + of(b.body()) + "]";
        }
        if (expression instanceof Brace b) {
            return "{" + b.elements().stream().map(Sexp::of).collect(Collectors.joining(" ")) + "}";
        }
        throw new IllegalArgumentException("unknown expression " + expression);
    }

    private static String args(List<Expression> arguments) {
        return arguments.stream().map(a -> " " + of(a)).collect(Collectors.joining());
    }
}
