package org.ozworkbench.core.bytecode;

import java.util.List;

/**
 * Names the literal at a 0-based literal-frame index for a disassembly: {@code #foo}, {@code 'str'},
 * {@code 3}, or a variable's name such as {@code Transcript}. Bytecodes may reference any index up to
 * 255, also beyond the method's literals, so an implementation should answer rather than throw.
 */
@FunctionalInterface
public interface LiteralNamer {

    String name(int literalIndex);

    /** Names from a list, and {@code literal N} for an index past its end. */
    static LiteralNamer of(List<String> names) {
        List<String> copy = List.copyOf(names);
        return index -> index >= 0 && index < copy.size() ? copy.get(index) : "literal " + index;
    }

    /** {@code literal N} for every index. */
    static LiteralNamer byIndex() {
        return of(List.of());
    }
}
