package org.ozworkbench.core.space;

/**
 * A surgery refused at its commit because its changes, applied in order onto the state it began
 * from, would not give the state it leaves (see {@link Surgery#commit()}): a replay of it would
 * fail. The surgery is aborted, every change undone.
 */
public final class UnreplayableSurgeryException extends IllegalStateException {
    private UnreplayableSurgeryException(String message) {
        super(message);
    }

    static UnreplayableSurgeryException of(Surgery surgery, String why) {
        return new UnreplayableSurgeryException("surgery '" + surgery.label() + "' was not committed: its changes would"
                + " not replay (" + why + "); it is undone");
    }
}
