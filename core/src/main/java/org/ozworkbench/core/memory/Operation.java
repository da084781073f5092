package org.ozworkbench.core.memory;

import java.util.List;
import java.util.Objects;

/**
 * What a group of membrane changes did, in the guest's own words: a method installed under a
 * selector, a process suspended. The changes themselves (slot stores, creations) are what undo
 * and replay apply; an operation is noted after them ({@link Change.Noted}) so that readers of
 * the journal (a method browser, a process monitor, a replay onto another image) see the intent
 * and the names without decoding method dictionaries or process lists.
 *
 * <p>Class names are the guest's: {@code "Array"}, or {@code "Array class"} for the metaclass.
 * References are never null, except where a component says it may be.
 */
public sealed interface Operation {

    /** The object the operation is about: the class of a method, the class defined, the process. */
    GuestRef.Obj target();

    /** An operation on the method of {@code selector} in {@code behavior} (a class or metaclass). */
    sealed interface OnMethod extends Operation {
        GuestRef.Obj behavior();

        String className();

        String selector();

        @Override
        default GuestRef.Obj target() {
            return behavior();
        }

        /** {@code Array>>do:}. */
        default String methodName() {
            return className() + ">>" + selector();
        }
    }

    /** An operation on a process. */
    sealed interface OnProcess extends Operation {
        GuestRef.Obj process();

        @Override
        default GuestRef.Obj target() {
            return process();
        }
    }

    /**
     * A method was installed in {@code behavior}'s method dictionary.
     *
     * @param oldMethod the method it replaced, or {@code null} when the selector was new
     * @param source    the source it was compiled from, or {@code null} when it was built otherwise
     * @param category  the method category it was filed under, or {@code null} when it was not filed
     */
    record MethodInstalled(GuestRef.Obj behavior, String className, String selector, GuestRef.Obj method,
                           GuestRef.Obj oldMethod, String source, String category) implements OnMethod {
        public MethodInstalled {
            Objects.requireNonNull(method, "method");
        }
    }

    /** The method under {@code selector} was removed from {@code behavior}'s method dictionary. */
    record MethodRemoved(GuestRef.Obj behavior, String className, String selector, GuestRef.Obj oldMethod)
            implements OnMethod {
        public MethodRemoved {
            Objects.requireNonNull(oldMethod, "oldMethod");
        }
    }

    /**
     * A class was created, as the file-in message {@code kind} ({@code "subclass:"},
     * {@code "variableSubclass:"} ...) with these names would create it.
     */
    record ClassDefined(GuestRef.Obj cls, String name, String superclassName, String kind,
                        List<String> instanceVariables, List<String> classVariables, String category)
            implements Operation {
        public ClassDefined {
            instanceVariables = List.copyOf(instanceVariables);
            classVariables = List.copyOf(classVariables);
        }

        @Override
        public GuestRef.Obj target() {
            return cls;
        }
    }

    /** A process was created, suspended, at {@code priority}. */
    record ProcessCreated(GuestRef.Obj process, int priority) implements OnProcess {
    }

    /** A process left its list (or, active, gave the processor away) and is suspended. */
    record ProcessSuspended(GuestRef.Obj process) implements OnProcess {
    }

    /** A suspended process was made runnable, or active when it outranks the active one. */
    record ProcessResumed(GuestRef.Obj process) implements OnProcess {
    }

    /** A process was terminated: off every list, without a context. */
    record ProcessTerminated(GuestRef.Obj process) implements OnProcess {
    }

    /** A process's priority changed. */
    record ProcessPriorityChanged(GuestRef.Obj process, int oldPriority, int newPriority) implements OnProcess {
    }

    /** {@code process} became the active process; {@code previous} went back on its list. */
    record ProcessActivated(GuestRef.Obj process, GuestRef.Obj previous) implements OnProcess {
    }
}
