package org.ozworkbench.core.compiler.ast;

/** A statement: an expression, or a return of one ({@code ^ expr}). */
public sealed interface Statement extends Node permits Statement.Return, Statement.Evaluate {

    Expression expression();

    /** {@code ^ expression}: returns from the method (from a block: from its home method). */
    record Return(Expression expression, int start, int end) implements Statement {
    }

    /** A plain expression statement. */
    record Evaluate(Expression expression, int start, int end) implements Statement {
        @Override
        public int start() {
            return expression.start();
        }

        @Override
        public int end() {
            return expression.end();
        }
    }
}
