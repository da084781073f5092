package org.ozworkbench.core.space;

/** A host-side Symbol name, so conversions can tell a Symbol from a String. */
public record Symbol(String name) {
    public Symbol {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a Symbol needs a name");
        }
    }

    public static Symbol of(String name) {
        return new Symbol(name);
    }

    @Override
    public String toString() {
        return "#" + name;
    }
}
