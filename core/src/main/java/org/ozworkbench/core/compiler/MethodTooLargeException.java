package org.ozworkbench.core.compiler;

/**
 * A method that does not fit the V3 CompiledMethod format: more literals than its header counts,
 * or a jump longer than the bytecode set encodes. {@link CodeGenerator} turns it into a
 * {@link CompileError} at the method.
 */
final class MethodTooLargeException extends RuntimeException {
    /** The longest forward distance of a two-byte jump (160-175 with one byte of offset). */
    static final int MAX_JUMP = 1023;
    /** The longest backward distance of a two-byte unconditional jump. */
    static final int MAX_BACKWARD_JUMP = 1024;

    private MethodTooLargeException(String message) {
        super(message);
    }

    static MethodTooLargeException tooManyLiterals(int max) {
        return new MethodTooLargeException("More than " + max
                + " literals referenced: a V3 method holds at most that many; split or simplify this method");
    }

    /** Squeak's own words (ParseNode>>emitLong:code:on:), with the limit. */
    static MethodTooLargeException jumpTooLong(int distance) {
        return new MethodTooLargeException("A block compiles more than 1K bytes of code: a jump of " + distance
                + " bytes exceeds the " + MAX_JUMP + " a V3 jump can span; split the method or move code into"
                + " another method");
    }
}
