package org.ozworkbench.realvm;

import java.util.List;

/** Something the workbench needs (the real VM, Scratch.image, the shared images) is not on this machine; says what was tried. */
public final class NotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final List<String> tried;

    private NotFoundException(String message, List<String> tried) {
        super(message);
        this.tried = List.copyOf(tried);
    }

    /** {@code what} was not found; {@code tried} says where each attempt looked and why it failed. */
    static NotFoundException notFound(String what, List<String> tried) {
        return new NotFoundException(what + " not found; tried:\n  - " + String.join("\n  - ", tried), tried);
    }

    /** Each place looked at, with why it did not do. */
    public List<String> tried() {
        return tried;
    }
}
