package org.ozworkbench.workbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.ProcessSchedulerMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The processes of an image as {@code ozw processes} lists them: first those the scheduler knows
 * (the active one, then the runnable ones from high to low priority), then every other instance
 * of Process, in memory order.
 *
 * @param priorities     the number of priorities of the scheduler
 * @param activePriority the priority of the active process
 * @param processes      the processes
 */
public record ProcessListing(int priorities, int activePriority, List<Entry> processes) {

    /**
     * One process.
     *
     * @param oop       the Process object's ref
     * @param priority  its priority (1 is the lowest)
     * @param state     active, runnable, waiting, suspended or terminated
     * @param scheduled whether the scheduler knows it (active or on a priority list)
     * @param waitingOn the list it waits in when it is not a priority list (a Semaphore), else null
     * @param frames    its top frames, {@code Class>>selector @pc}, at most the number asked for
     * @param moreFrames whether there are frames below those listed
     */
    public record Entry(String oop, int priority, String state, boolean scheduled, String waitingOn,
                        List<String> frames, boolean moreFrames) {

        static Entry of(ProcessMirror p, boolean scheduled, int maxFrames) {
            ProcessMirror.State state = p.state();
            String waitingOn = state == ProcessMirror.State.WAITING
                    ? p.myList().map(l -> l.describe() + " " + Refs.of(l)).orElse(null) : null;
            List<ContextMirror> chain = p.suspendedContext().map(c -> c.senderChain(maxFrames + 1)).orElse(List.of());
            List<String> frames = chain.stream().limit(maxFrames).map(ContextMirror::frameDescription).toList();
            return new Entry(Refs.of(p), p.priority(), state.name().toLowerCase(Locale.ROOT), scheduled, waitingOn,
                    frames, chain.size() > maxFrames);
        }
    }

    public static ProcessListing of(ObjectSpace space, int maxFrames) {
        ProcessSchedulerMirror scheduler = space.scheduler();
        Set<ProcessMirror> known = new LinkedHashSet<>(scheduler.knownProcesses());
        List<Entry> processes = new ArrayList<>();
        for (ProcessMirror p : known) {
            processes.add(Entry.of(p, true, maxFrames));
        }
        if (space.specialObject(SpecialObject.CLASS_PROCESS).orElse(null) instanceof ClassMirror processClass) {
            for (ObjectMirror o : space.instancesOf(processClass)) {
                if (o instanceof ProcessMirror p && !known.contains(p)) {
                    processes.add(Entry.of(p, false, maxFrames));
                }
            }
        }
        return new ProcessListing(scheduler.priorityCount(), scheduler.activeProcess().priority(), processes);
    }
}
