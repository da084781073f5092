package org.ozworkbench.core.memory;

import java.util.Objects;

/**
 * What a group of membrane changes did, in the guest's own words: a method installed under a
 * selector, a process suspended. The changes themselves (slot stores, creations) are what undo
 * and replay apply; an operation is noted after them ({@link Change.Noted}) so that readers of
 * the journal (a method browser, a process monitor, a replay onto another image) see the intent
 * and the names without decoding method dictionaries or process lists.
 *
 * <p>Class names are the guest's: {@code "Array"}, or {@code "Array class"} for the metaclass.
 */
public sealed interface Operation {

    /** The object the operation is about: the class of a method, the process. */
    GuestRef.Obj target();

    /**
     * A method was installed in {@code behavior}'s method dictionary.
     *
     * @param oldMethod the method it replaced, or {@code null} when the selector was new
     * @param source    the source it was compiled from, or {@code null} when it was built otherwise
     */
    record MethodInstalled(GuestRef.Obj behavior, String className, String selector, GuestRef.Obj method,
                           GuestRef.Obj oldMethod, String source) implements Operation {
        public MethodInstalled {
            Objects.requireNonNull(behavior, "behavior");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(method, "method");
        }

        @Override
        public GuestRef.Obj target() {
            return behavior;
        }
    }

    /** The method under {@code selector} was removed from {@code behavior}'s method dictionary. */
    record MethodRemoved(GuestRef.Obj behavior, String className, String selector, GuestRef.Obj oldMethod)
            implements Operation {
        public MethodRemoved {
            Objects.requireNonNull(behavior, "behavior");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(oldMethod, "oldMethod");
        }

        @Override
        public GuestRef.Obj target() {
            return behavior;
        }
    }

    /** A class was created ({@code created}) or redefined keeping its shape. */
    record ClassDefined(GuestRef.Obj cls, String name, String superclassName, boolean created) implements Operation {
        public ClassDefined {
            Objects.requireNonNull(cls, "cls");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(superclassName, "superclassName");
        }

        @Override
        public GuestRef.Obj target() {
            return cls;
        }
    }

    /** A process was created, suspended, at {@code priority}. */
    record ProcessCreated(GuestRef.Obj process, int priority) implements Operation {
        public ProcessCreated {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }

    /** A process left its list (or, active, gave the processor away) and is suspended. */
    record ProcessSuspended(GuestRef.Obj process) implements Operation {
        public ProcessSuspended {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }

    /** A suspended process was made runnable, or active when it outranks the active one. */
    record ProcessResumed(GuestRef.Obj process) implements Operation {
        public ProcessResumed {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }

    /** A process was terminated: off every list, without a context. */
    record ProcessTerminated(GuestRef.Obj process) implements Operation {
        public ProcessTerminated {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }

    /** A process's priority changed. */
    record ProcessPriorityChanged(GuestRef.Obj process, int oldPriority, int newPriority) implements Operation {
        public ProcessPriorityChanged {
            Objects.requireNonNull(process, "process");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }

    /** {@code process} became the active process; {@code previous} went back on its list. */
    record ProcessActivated(GuestRef.Obj process, GuestRef.Obj previous) implements Operation {
        public ProcessActivated {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(previous, "previous");
        }

        @Override
        public GuestRef.Obj target() {
            return process;
        }
    }
}
