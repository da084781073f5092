package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ozworkbench.core.bootstrap.ManifestWriter;
import org.ozworkbench.core.mirror.ProcessSchedulerMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.diff.ImageDiff.Change;
import org.ozworkbench.workbench.report.ProcessListing;

/**
 * What differs in the processes of two images. A process is described by its priority, state and
 * top frame ({@code priority 4 runnable SystemDictionary>>snapshot:andQuit: @220}); the processes
 * other than the active one are compared as two bags of such descriptions.
 *
 * @param active        the active process, when it differs
 * @param activeReason  why the active processes differ only in form, when they do: neither has
 *                      started, and both start by sending the same unary message to the same global
 *                      (a bootstrapped image's doIt of its boot expression, the original's block); else null
 * @param priorityLists the number of processes on each priority list of the scheduler, where it differs
 * @param onlyInA       the processes, other than the active one, that only A has (as many times as it has more)
 * @param onlyInB       likewise for B
 */
public record ProcessDiff(Change active, String activeReason, List<Change> priorityLists, List<String> onlyInA,
                          List<String> onlyInB) {

    public boolean differs() {
        return active != null || !priorityLists.isEmpty() || !onlyInA.isEmpty() || !onlyInB.isEmpty();
    }

    static ProcessDiff between(ObjectSpace a, ObjectSpace b) {
        ProcessListing la = ProcessListing.of(a, 1);
        ProcessListing lb = ProcessListing.of(b, 1);
        String activeA = describe(la.processes().get(0));
        String activeB = describe(lb.processes().get(0));
        Change active = activeA.equals(activeB) ? null : new Change("active process", activeA, activeB);
        Map<String, Integer> bag = new TreeMap<>();
        la.processes().stream().skip(1).forEach(p -> bag.merge(describe(p), 1, Integer::sum));
        lb.processes().stream().skip(1).forEach(p -> bag.merge(describe(p), -1, Integer::sum));
        List<String> onlyInA = new ArrayList<>();
        List<String> onlyInB = new ArrayList<>();
        bag.forEach((description, surplus) -> {
            for (int i = 0; i < Math.abs(surplus); i++) {
                (surplus > 0 ? onlyInA : onlyInB).add(description);
            }
        });
        return new ProcessDiff(active, active == null ? null : sameStart(a, b).orElse(null),
                priorityLists(a.scheduler(), b.scheduler()), onlyInA, onlyInB);
    }

    /** Both active processes are at the start of the same boot expression: what it is, said as the reason. */
    private static Optional<String> sameStart(ObjectSpace a, ObjectSpace b) {
        Optional<String> inA = a.scheduler().activeProcess().suspendedContext()
                .flatMap(c -> ManifestWriter.bootExpressionOf(a, c));
        Optional<String> inB = b.scheduler().activeProcess().suspendedContext()
                .flatMap(c -> ManifestWriter.bootExpressionOf(b, c));
        return inA.filter(e -> inB.isPresent() && inB.get().equals(e)).map(e -> "neither has started, and both start"
                + " with " + e + " (the same boot, run from another method or block)");
    }

    private static String describe(ProcessListing.Entry p) {
        return "priority " + p.priority() + " " + p.state() + (p.scheduled() ? "" : " (not scheduled)") + " "
                + (p.frames().isEmpty() ? "(no frames)" : p.frames().get(0));
    }

    private static List<Change> priorityLists(ProcessSchedulerMirror a, ProcessSchedulerMirror b) {
        List<Change> changes = new ArrayList<>();
        for (int priority = 1; priority <= Math.max(a.priorityCount(), b.priorityCount()); priority++) {
            int na = priority <= a.priorityCount() ? a.processesAt(priority).size() : 0;
            int nb = priority <= b.priorityCount() ? b.processesAt(priority).size() : 0;
            if (na != nb) {
                changes.add(new Change("priority " + priority, Integer.toString(na), Integer.toString(nb)));
            }
        }
        return changes;
    }
}
