package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Checks what every span of a parsed method must satisfy: each node lies within its parent, names
 * and selectors are found where their spans say, blocks and braces span their brackets, returns
 * start with {@code ^}, pragmas span {@code <...>}.
 */
final class SpanChecker {
    private final String source;

    private SpanChecker(String source) {
        this.source = source;
    }

    static void check(MethodNode method) {
        SpanChecker checker = new SpanChecker(method.source());
        assertThat(method.start()).isZero();
        assertThat(method.end()).isEqualTo(method.source().length());
        for (Pragma pragma : method.pragmas()) {
            assertThat(checker.text(pragma.start(), pragma.end())).startsWith("<").endsWith(">");
        }
        checker.statements(method.body(), 0, method.source().length());
    }

    private String text(int start, int end) {
        assertThat(start).as("span start").isBetween(0, end);
        assertThat(end).as("span end").isBetween(start, source.length());
        return source.substring(start, end);
    }

    private void within(int start, int end, int outerStart, int outerEnd) {
        assertThat(start).as("start within %d..%d", outerStart, outerEnd).isBetween(outerStart, outerEnd);
        assertThat(end).as("end within %d..%d", outerStart, outerEnd).isBetween(start, outerEnd);
    }

    private void statements(List<Statement> statements, int outerStart, int outerEnd) {
        int previousEnd = outerStart;
        for (Statement statement : statements) {
            within(statement.start(), statement.end(), previousEnd, outerEnd);
            if (statement instanceof Statement.Return) {
                assertThat(source.charAt(statement.start())).isEqualTo('^');
            }
            expression(statement.expression(), statement.start(), statement.end());
            previousEnd = statement.end();
        }
    }

    private void expression(Expression expression, int outerStart, int outerEnd) {
        within(expression.start(), expression.end(), outerStart, outerEnd);
        int start = expression.start();
        int end = expression.end();
        if (expression instanceof Variable v) {
            assertThat(text(start, end)).isEqualTo(v.name());
        } else if (expression instanceof Literal) {
            assertThat(end).isGreaterThan(start);
        } else if (expression instanceof Assignment a) {
            assertThat(a.variable().start()).isEqualTo(start);
            expression(a.variable(), start, end);
            expression(a.value(), a.variable().end(), end);
            assertThat(a.value().end()).isLessThanOrEqualTo(end);
        } else if (expression instanceof Send s) {
            expression(s.receiver(), start, s.selectorStart());
            selector(s.selector(), s.selectorStart(), s.arguments().isEmpty() ? end : s.arguments().get(0).start());
            arguments(s.arguments(), s.selectorStart(), end);
            assertThat(end).isGreaterThan(s.selectorStart());
        } else if (expression instanceof Cascade c) {
            expression(c.receiver(), start, c.messages().get(0).selectorStart());
            int previous = c.receiver().end();
            for (Message m : c.messages()) {
                within(m.selectorStart(), m.end(), previous, end);
                selector(m.selector(), m.selectorStart(), m.arguments().isEmpty() ? m.end()
                        : m.arguments().get(0).start());
                arguments(m.arguments(), m.selectorStart(), m.end());
                previous = m.end();
            }
            assertThat(previous).isEqualTo(end);
        } else if (expression instanceof Block b) {
            assertThat(source.charAt(start)).isEqualTo('[');
            assertThat(source.charAt(end - 1)).isEqualTo(']');
            statements(b.body(), start + 1, end - 1);
        } else if (expression instanceof Brace b) {
            assertThat(source.charAt(start)).isEqualTo('{');
            assertThat(source.charAt(end - 1)).isEqualTo('}');
            for (Expression element : b.elements()) {
                expression(element, start + 1, end - 1);
            }
        }
    }

    /** The first part of the selector is written at selectorStart, before the first argument. */
    private void selector(String selector, int selectorStart, int limit) {
        String firstPart = selector.contains(":") ? selector.substring(0, selector.indexOf(':') + 1) : selector;
        assertThat(source.startsWith(firstPart, selectorStart)).as("selector %s at %d", firstPart, selectorStart)
                .isTrue();
        assertThat(selectorStart + firstPart.length()).isLessThanOrEqualTo(limit);
    }

    private void arguments(List<Expression> arguments, int from, int end) {
        int previous = from;
        for (Expression argument : arguments) {
            expression(argument, previous, end);
            previous = argument.end();
        }
    }
}
