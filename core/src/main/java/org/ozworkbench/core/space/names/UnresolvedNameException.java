package org.ozworkbench.core.space.names;

/** A name that had to resolve and did not: the message names it and says why. */
public final class UnresolvedNameException extends RuntimeException {
    private final transient Resolution.Unresolved resolution;

    private UnresolvedNameException(Resolution.Unresolved resolution) {
        super(resolution.toString());
        this.resolution = resolution;
    }

    static UnresolvedNameException of(Resolution.Unresolved resolution) {
        return new UnresolvedNameException(resolution);
    }

    public Resolution.Unresolved resolution() {
        return resolution;
    }
}
