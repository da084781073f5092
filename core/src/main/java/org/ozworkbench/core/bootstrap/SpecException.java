package org.ozworkbench.core.bootstrap;

/**
 * A kernel spec that cannot be bootstrapped: the message names the file and line
 * ({@code kernel.st:12: unknown superclass Foo of Bar}) and says what was expected.
 */
public final class SpecException extends RuntimeException {
    SpecException(String message) {
        super(message);
    }

    SpecException(String message, Throwable cause) {
        super(message, cause);
    }

    static SpecException at(String file, int line, String message) {
        return new SpecException(file + ":" + line + ": " + message);
    }
}
