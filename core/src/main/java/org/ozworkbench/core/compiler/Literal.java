package org.ozworkbench.core.compiler;

import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.memory.GuestRef;

/**
 * An entry of a method's literal frame, described on the host side: the compiler works without
 * touching the guest, and {@link MethodInstaller} makes these guest objects when the method is
 * installed.
 */
public sealed interface Literal {

    /** A literal constant of the source (number, string, symbol, character, array...). */
    record Constant(LiteralValue value) implements Literal {
    }

    /** A selector sent by the method (a Symbol). */
    record Selector(String name) implements Literal {
    }

    /**
     * The Association binding a global, class variable or pool variable: the method refers to the
     * guest's own Association, so the value is shared with the rest of the guest.
     */
    record Binding(String name, GuestRef.Obj association) implements Literal {
    }

    /** The method class's binding, last in the frame, for super sends. */
    record MethodClass(String className, GuestRef.Obj association) implements Literal {
    }
}
