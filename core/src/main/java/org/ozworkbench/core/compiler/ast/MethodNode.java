package org.ozworkbench.core.compiler.ast;

import java.util.List;

/**
 * A method: its pattern (selector and argument names), temporaries, pragmas (primitives) and
 * statements. A doIt is a method with the selector {@code DoIt} and no arguments.
 *
 * @param selector  e.g. {@code at:put:}
 * @param arguments argument names in order
 * @param temporaries the method's own temporaries, in declaration order
 * @param pragmas   {@code <primitive: 60>} and the like, in order
 * @param body      the statements
 * @param source    the whole source text the offsets refer to
 */
public record MethodNode(String selector, List<String> arguments, List<String> temporaries, List<Pragma> pragmas,
                         List<Statement> body, String source, int start, int end) implements Node {
    public MethodNode {
        arguments = List.copyOf(arguments);
        temporaries = List.copyOf(temporaries);
        pragmas = List.copyOf(pragmas);
        body = List.copyOf(body);
    }
}
