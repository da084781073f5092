package org.ozworkbench.core.space;

import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;

/**
 * What evaluating an expression in the guest came to: its value, or the guest's error with the
 * stack it was raised on, or the run ending first (budget spent, guest out of memory, quit...).
 */
public sealed interface Evaluation {
    /** Bytecodes the guest executed for this evaluation (printString included). */
    long bytecodes();

    /** One line for a person: the printString, the error, or why the run ended. */
    String text();

    /**
     * The expression answered {@code value}; {@code printString} is the guest's own printString
     * of it (empty when asking for it failed), {@code hostValue} the host value when the result
     * is a literal (SmallInteger, Float, String, Symbol, Character, nil, true, false).
     */
    record Value(GuestValue value, Optional<Object> hostValue, Optional<String> printString, long bytecodes)
            implements Evaluation {
        @Override
        public String text() {
            return printString.orElseGet(() -> value instanceof ObjectMirror o ? o.describe() : value.toString());
        }
    }

    /** The guest signalled an error: its message and the frames it was raised in, innermost first. */
    record GuestError(String message, List<String> stack, long bytecodes) implements Evaluation {
        @Override
        public String text() {
            return "guest error: " + message;
        }
    }

    /** The run ended before the expression answered: budget spent, interrupted, out of memory, quit, no process... */
    record Unfinished(RunResult result, String reason) implements Evaluation {
        @Override
        public long bytecodes() {
            return result.bytecodes();
        }

        @Override
        public String text() {
            return reason;
        }
    }
}
