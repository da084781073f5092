package org.ozworkbench.core.compiler;

import java.util.Arrays;
import java.util.List;
import org.ozworkbench.core.bytecode.MethodHeader;

/**
 * What the compiler makes of a method, before anything is created in the guest: the header, the
 * literal frame and the bytecodes (without trailer), plus the source it came from.
 */
public record CompiledMethodSpec(String selector, MethodHeader header, List<Literal> literals, byte[] bytecodes,
                                 String source) {
    public CompiledMethodSpec {
        literals = List.copyOf(literals);
        bytecodes = bytecodes.clone();
    }

    @Override
    public byte[] bytecodes() {
        return bytecodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledMethodSpec s && selector.equals(s.selector) && header.equals(s.header)
                && literals.equals(s.literals) && Arrays.equals(bytecodes, s.bytecodes) && source.equals(s.source);
    }

    @Override
    public int hashCode() {
        return selector.hashCode() * 31 + Arrays.hashCode(bytecodes);
    }
}
