package org.ozworkbench.core.memory;

/**
 * A change the membrane refused. Nothing was changed: the guest is exactly as before the call.
 */
public final class MembraneException extends RuntimeException {

    private MembraneException(String message) {
        super(message);
    }

    public static MembraneException outOfBounds(GuestObject target, String what, int index, int size) {
        return new MembraneException(what + " index " + index + " out of bounds for " + target + " (" + size + " "
                + what + (size == 1 ? "" : "s") + ", 0-based)");
    }

    public static MembraneException notSmallInteger(long value) {
        return new MembraneException("value " + value + " is outside the SmallInteger range "
                + ObjectMemory.SMALL_INTEGER_MIN + ".." + ObjectMemory.SMALL_INTEGER_MAX);
    }

    public static MembraneException hostObject(Object value) {
        return new MembraneException("a host object of " + (value == null ? "null" : value.getClass().getName())
                + " cannot enter the guest: store a SmallInteger or a guest object");
    }

    public static MembraneException foreignObject(GuestObject value) {
        return new MembraneException(value + " belongs to another object space");
    }

    public static MembraneException wrongFormat(GuestObject target, String operation) {
        return new MembraneException("cannot " + operation + " on " + target + ": its format is "
                + ObjectFormat.describe(target.format()));
    }

    public static MembraneException invalid(String message) {
        return new MembraneException(message);
    }
}
