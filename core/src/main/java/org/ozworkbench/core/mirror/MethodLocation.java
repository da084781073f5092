package org.ozworkbench.core.mirror;

/** Where a method is installed: a class (or metaclass) and a selector. */
public record MethodLocation(ClassMirror methodClass, String selector) {
    @Override
    public String toString() {
        return methodClass.name() + ">>" + selector;
    }
}
