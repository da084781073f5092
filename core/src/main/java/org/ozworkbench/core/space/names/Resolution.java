package org.ozworkbench.core.space.names;

import java.util.Optional;
import org.ozworkbench.core.memory.GuestObject;

/** What an {@link ObjectName} denotes in a space: one object, or why there is none. */
public sealed interface Resolution {

    ObjectName name();

    /** The object, when the name resolved. */
    Optional<GuestObject> object();

    /** Why a name did not resolve; the codes are stable. */
    enum Failure {
        /** Nothing in the space answers to the name (no such class, selector, key, slot...). */
        MISSING("missing"),
        /** More than one object answers to it: the workbench never guesses between them. */
        AMBIGUOUS("ambiguous"),
        /** Something answers, but not an object of the expected kind (a SmallInteger, nil, a non-dictionary...). */
        WRONG_KIND("wrong-kind");

        private final String code;

        Failure(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    record Resolved(ObjectName name, GuestObject target) implements Resolution {
        @Override
        public Optional<GuestObject> object() {
            return Optional.of(target);
        }
    }

    /** {@code reason} says, in one line, what was missing or ambiguous, and where along a path. */
    record Unresolved(ObjectName name, Failure failure, String reason) implements Resolution {
        @Override
        public Optional<GuestObject> object() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return name + " does not resolve (" + failure.code() + "): " + reason;
        }
    }
}
