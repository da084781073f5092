package org.ozworkbench.core.compiler.parser;

import java.util.List;
import org.ozworkbench.core.compiler.ast.Expression;
import org.ozworkbench.core.compiler.ast.Expression.Assignment;
import org.ozworkbench.core.compiler.ast.Expression.Block;
import org.ozworkbench.core.compiler.ast.Expression.Brace;
import org.ozworkbench.core.compiler.ast.Expression.Cascade;
import org.ozworkbench.core.compiler.ast.Expression.Literal;
import org.ozworkbench.core.compiler.ast.Expression.Message;
import org.ozworkbench.core.compiler.ast.Expression.Send;
import org.ozworkbench.core.compiler.ast.Expression.Variable;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.ast.Pragma;
import org.ozworkbench.core.compiler.ast.Statement;

/** The same AST with every span zero and no source text: ASTs equal "modulo spans" are equal here. */
final class Unspanned {
    private Unspanned() {
    }

    static MethodNode of(MethodNode method) {
        return new MethodNode(method.selector(), method.arguments(), method.temporaries(),
                method.pragmas().stream().map(p -> new Pragma(p.keyword(), p.arguments(), 0, 0)).toList(),
                statements(method.body()), "", 0, 0);
    }

    private static List<Statement> statements(List<Statement> statements) {
        return statements.stream().map(Unspanned::statement).toList();
    }

    private static Statement statement(Statement statement) {
        Expression expression = expression(statement.expression());
        return statement instanceof Statement.Return ? new Statement.Return(expression, 0, 0)
                : new Statement.Evaluate(expression, 0, 0);
    }

    static Expression expression(Expression expression) {
        if (expression instanceof Variable v) {
            return new Variable(v.name(), 0, 0);
        }
        if (expression instanceof Literal l) {
            return new Literal(l.value(), 0, 0);
        }
        if (expression instanceof Assignment a) {
            return new Assignment((Variable) expression(a.variable()), expression(a.value()), 0, 0);
        }
        if (expression instanceof Send s) {
            return new Send(expression(s.receiver()), s.selector(), expressions(s.arguments()), 0, 0, 0);
        }
        if (expression instanceof Cascade c) {
            return new Cascade(expression(c.receiver()), c.messages().stream()
                    .map(m -> new Message(m.selector(), expressions(m.arguments()), 0, 0)).toList(), 0, 0);
        }
        if (expression instanceof Block b) {
            return new Block(b.arguments(), b.temporaries(), statements(b.body()), 0, 0);
        }
        if (expression instanceof Brace b) {
            return new Brace(expressions(b.elements()), 0, 0);
        }
        throw new IllegalArgumentException("unknown expression " + expression);
    }

    private static List<Expression> expressions(List<Expression> expressions) {
        return expressions.stream().map(Unspanned::expression).toList();
    }
}
