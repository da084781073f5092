package org.ozworkbench.journal.atomicity;

import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.journal.Journal;

/**
 * Performs the steps of a scenario on a patient, meeting the injected failure on the way. A step
 * the mirrors must refuse ({@link Step#refusal}) is checked to throw and to leave the image's
 * bytes as they were, then skipped; any other exception of a step fails the surgery.
 */
final class Operating {
    /** The failure injected by {@link Injection.Kind#HOST_EXCEPTION}. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }

    /** Thrown by a step on its own: the surgery fails with it. */
    private RuntimeException stepFailure;

    /** The exception a step threw on its own, if one did: the surgery failed with it. */
    Optional<RuntimeException> stepFailure() {
        return Optional.ofNullable(stepFailure);
    }

    /** Performs {@code steps}; with an injection, meets it before step {@code atStep}. */
    void perform(Patient p, List<Step> steps, Injection injection, Journal journal) {
        for (int i = 0; i <= steps.size(); i++) {
            if (injection != null && i == injection.atStep()) {
                inject(injection, p, journal, i);
            }
            if (i < steps.size()) {
                perform(p, steps.get(i));
            }
        }
    }

    private void perform(Patient p, Step step) {
        Optional<String> refusal;
        try {
            refusal = step.refusal(p);
            if (refusal.isEmpty()) {
                step.apply(p);
                return;
            }
        } catch (RuntimeException e) {
            stepFailure = e;
            throw e;
        }
        byte[] before = p.space.toBytes();
        int changes = p.changeCount();
        RuntimeException refused = null;
        try {
            step.apply(p);
        } catch (RuntimeException e) {
            refused = e;
        }
        if (refused == null) {
            throw new AssertionError("'" + step + "' was done, but should have been refused: " + refusal.get());
        }
        if (p.changeCount() != changes) {
            throw new AssertionError("the refused step '" + step + "' (" + refused + ") made a change", refused);
        }
        SurgeryAtomicityTest.assertSameBytes(p.space.toBytes(), before,
                "bytes after the refused step '" + step + "' (" + refused + "), against those before it");
        p.refusals.add(step + ": " + refused.getMessage());
    }

    private static void inject(Injection injection, Patient p, Journal journal, int step) {
        switch (injection.kind()) {
            case HOST_EXCEPTION -> throw new InjectedFailure("injected host failure before step " + step);
            case REFUSED_PROPAGATED, REFUSED_RECOVERED -> {
                int changes = p.changeCount();
                MembraneException refused = injection.askRefused(p);
                if (p.changeCount() != changes) {
                    throw new AssertionError("the membrane refused " + injection.refused() + " but made a change",
                            refused);
                }
                if (injection.kind() == Injection.Kind.REFUSED_PROPAGATED) {
                    throw refused;
                }
            }
            case JOURNAL_CLOSED -> journal.close();
            case NONE, NO_COMMIT, COMMIT_LISTENER_THROWS -> {
                // met outside the steps
            }
        }
    }
}
