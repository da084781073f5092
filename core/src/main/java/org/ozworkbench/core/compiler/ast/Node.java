package org.ozworkbench.core.compiler.ast;

/**
 * A node of a parsed Smalltalk method or doIt. Every node knows the span of source it came from:
 * {@code start} inclusive, {@code end} exclusive, as offsets into the source string.
 */
public sealed interface Node permits MethodNode, Statement, Expression {
    int start();

    int end();
}
