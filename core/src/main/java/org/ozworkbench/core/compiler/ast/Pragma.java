package org.ozworkbench.core.compiler.ast;

import java.util.List;

/**
 * A pragma between angle brackets. {@code <primitive: 60>} has keyword {@code primitive:} and the
 * one argument 60; {@code <primitive: 'primitiveFoo' module: 'FooPlugin'>} has keyword
 * {@code primitive:module:} and two String arguments. Arguments are literals.
 */
public record Pragma(String keyword, List<LiteralValue> arguments, int start, int end) {
    public Pragma {
        arguments = List.copyOf(arguments);
    }
}
