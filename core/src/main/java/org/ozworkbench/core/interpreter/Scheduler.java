package org.ozworkbench.core.interpreter;

import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;

/**
 * The VM side of the guest's ProcessorScheduler: switching processes, the priority lists, and
 * semaphores, changed exactly as the real VM's process primitives change them (V3-FACTS
 * section 9). The guest's own objects are the state; this class only acts on them.
 */
final class Scheduler {
    // slots fixed by the VM (V3-FACTS section 9)
    static final int NEXT_LINK = 0;
    static final int SUSPENDED_CONTEXT = 1;
    static final int PRIORITY = 2;
    static final int MY_LIST = 3;
    static final int PROCESS_LISTS = 0;
    static final int ACTIVE_PROCESS = 1;
    static final int FIRST_LINK = 0;
    static final int LAST_LINK = 1;
    static final int EXCESS_SIGNALS = 2;

    private final Interpreter vm;
    /** Host clock (ms, the guest's millisecond clock) at which the timer semaphore is due; 0 = none. */
    private long timerDue;

    Scheduler(Interpreter vm) {
        this.vm = vm;
    }

    private GuestObject processor() {
        GuestObject association = (GuestObject) vm.memory.specialObject(SpecialObject.SCHEDULER_ASSOCIATION.index());
        return (GuestObject) association.pointers()[1];
    }

    GuestObject activeProcess() {
        return (GuestObject) processor().pointers()[ACTIVE_PROCESS];
    }

    static int priorityOf(GuestObject process) {
        return (Integer) process.pointers()[PRIORITY];
    }

    /** At the start of a run: the active process's saved context becomes the active context. */
    void resumeActiveProcess() {
        GuestObject process = activeProcess();
        Object context = process.pointers()[SUSPENDED_CONTEXT];
        if (!(context instanceof GuestObject c) || c == vm.nil) {
            GuestObject next = wakeHighestPriority();
            if (next == null) {
                vm.activeContext = null;
                vm.stopWith(RunResult.NoRunnableProcess::new);
                return;
            }
            processor().pointers()[ACTIVE_PROCESS] = next;
            resumeActiveProcess();
            return;
        }
        process.pointers()[SUSPENDED_CONTEXT] = vm.nil;
        vm.loadContext(c);
    }

    /** At the end of a run: the active context goes back into the active process, as a saved image has it. */
    void pauseActiveProcess() {
        vm.storeContext();
        vm.expose(vm.activeContext);
        activeProcess().pointers()[SUSPENDED_CONTEXT] = vm.activeContext;
    }

    /** Makes {@code process} the active process: the current context is saved in the old one. */
    void transferTo(GuestObject process) {
        GuestObject old = activeProcess();
        vm.storeContext();
        vm.expose(vm.activeContext);
        old.pointers()[SUSPENDED_CONTEXT] = vm.activeContext;
        processor().pointers()[ACTIVE_PROCESS] = process;
        GuestObject context = (GuestObject) process.pointers()[SUSPENDED_CONTEXT];
        process.pointers()[SUSPENDED_CONTEXT] = vm.nil;
        vm.loadContext(context);
        Interpreter.ProcessSwitchListener listener = vm.processSwitches;
        if (listener != null) {
            listener.switched(old, process);
        }
    }

    /** The first process of the highest non-empty priority list, taken off its list; null when none. */
    GuestObject wakeHighestPriority() {
        Object[] lists = ((GuestObject) processor().pointers()[PROCESS_LISTS]).pointers();
        for (int p = lists.length - 1; p >= 0; p--) {
            GuestObject list = (GuestObject) lists[p];
            if (!isEmpty(list)) {
                return removeFirst(list);
            }
        }
        return null;
    }

    private GuestObject highestRunnablePriority() {
        Object[] lists = ((GuestObject) processor().pointers()[PROCESS_LISTS]).pointers();
        for (int p = lists.length - 1; p >= 0; p--) {
            if (!isEmpty((GuestObject) lists[p])) {
                return (GuestObject) lists[p];
            }
        }
        return null;
    }

    boolean isEmpty(GuestObject list) {
        return list.pointers()[FIRST_LINK] == vm.nil;
    }

    void addLast(GuestObject process, GuestObject list) {
        Object[] l = list.pointers();
        if (l[FIRST_LINK] == vm.nil) {
            l[FIRST_LINK] = process;
        } else {
            ((GuestObject) l[LAST_LINK]).pointers()[NEXT_LINK] = process;
        }
        l[LAST_LINK] = process;
        process.pointers()[MY_LIST] = list;
    }

    GuestObject removeFirst(GuestObject list) {
        Object[] l = list.pointers();
        GuestObject first = (GuestObject) l[FIRST_LINK];
        Object last = l[LAST_LINK];
        if (first == last) {
            l[FIRST_LINK] = vm.nil;
            l[LAST_LINK] = vm.nil;
        } else {
            l[FIRST_LINK] = first.pointers()[NEXT_LINK];
        }
        first.pointers()[NEXT_LINK] = vm.nil;
        return first;
    }

    /** Unlinks {@code process} from {@code list}; answers whether it was there. */
    boolean remove(GuestObject process, GuestObject list) {
        Object[] l = list.pointers();
        Object previous = null;
        Object link = l[FIRST_LINK];
        while (link instanceof GuestObject p && p != vm.nil) {
            Object next = p.pointers()[NEXT_LINK];
            if (p == process) {
                if (previous == null) {
                    l[FIRST_LINK] = next;
                } else {
                    ((GuestObject) previous).pointers()[NEXT_LINK] = next;
                }
                if (l[LAST_LINK] == p) {
                    l[LAST_LINK] = previous == null ? vm.nil : previous;
                }
                p.pointers()[NEXT_LINK] = vm.nil;
                return true;
            }
            previous = p;
            link = next;
        }
        return false;
    }

    /** Links {@code process} at the front of {@code list}: it runs next at its priority. */
    void addFirst(GuestObject process, GuestObject list) {
        Object[] l = list.pointers();
        process.pointers()[NEXT_LINK] = l[FIRST_LINK];
        if (l[FIRST_LINK] == vm.nil) {
            l[LAST_LINK] = process;
        }
        l[FIRST_LINK] = process;
        process.pointers()[MY_LIST] = list;
    }

    /** Between runs only: makes {@code process} the scheduler's active process (its suspendedContext runs next). */
    void makeActive(GuestObject process) {
        processor().pointers()[ACTIVE_PROCESS] = process;
    }

    GuestObject runList(GuestObject process) {
        Object[] lists = ((GuestObject) processor().pointers()[PROCESS_LISTS]).pointers();
        int p = Math.max(1, Math.min(lists.length, priorityOf(process)));
        return (GuestObject) lists[p - 1];
    }

    /** Makes {@code process} runnable; it preempts the active process when its priority is higher. */
    void resume(GuestObject process) {
        GuestObject active = activeProcess();
        if (priorityOf(process) > priorityOf(active)) {
            addLast(active, runList(active));
            transferTo(process);
        } else {
            addLast(process, runList(process));
        }
    }

    /** The active process gives the processor to the highest runnable one. */
    void suspendActive() {
        GuestObject next = wakeHighestPriority();
        if (next == null) {
            vm.stopWith(RunResult.NoRunnableProcess::new);
            return;
        }
        transferTo(next);
    }

    void signal(GuestObject semaphore) {
        if (isEmpty(semaphore)) {
            Object excess = semaphore.pointers()[EXCESS_SIGNALS];
            semaphore.pointers()[EXCESS_SIGNALS] = (excess instanceof Integer i ? i : 0) + 1;
        } else {
            resume(removeFirst(semaphore));
        }
    }

    void wait(GuestObject semaphore) {
        Object excess = semaphore.pointers()[EXCESS_SIGNALS];
        int n = excess instanceof Integer i ? i : 0;
        if (n > 0) {
            semaphore.pointers()[EXCESS_SIGNALS] = n - 1;
        } else {
            GuestObject active = activeProcess();
            addLast(active, semaphore);
            suspendActive();
        }
    }

    void yield() {
        GuestObject active = activeProcess();
        GuestObject list = runList(active);
        if (!isEmpty(list)) {
            addLast(active, list);
            transferTo(removeFirst(list));
        }
    }

    /** The awaited process returned from its bottom context: it is done; the next runnable process runs. */
    void finishAwaited(Object value) {
        GuestObject finished = activeProcess();
        vm.stopWith(n -> new RunResult.Completed(n, value));
        finished.pointers()[SUSPENDED_CONTEXT] = vm.nil;
        GuestObject next = wakeHighestPriority();
        if (next == null) {
            vm.activeContext = null;
            return;
        }
        processor().pointers()[ACTIVE_PROCESS] = next;
        GuestObject context = (GuestObject) next.pointers()[SUSPENDED_CONTEXT];
        next.pointers()[SUSPENDED_CONTEXT] = vm.nil;
        vm.loadContext(context);
    }

    // ---- the timer ----

    void signalAt(long millis) {
        timerDue = millis;
    }

    /** Whether {@link #checkTimer} would signal the timer semaphore now. */
    boolean timerDue() {
        return timerDue != 0 && Clock.millis() >= timerDue;
    }

    void checkTimer() {
        if (timerDue != 0 && Clock.millis() >= timerDue) {
            timerDue = 0;
            Object semaphore = vm.memory.specialObject(SpecialObject.TIMER_SEMAPHORE.index());
            if (semaphore instanceof GuestObject s && s != vm.nil) {
                signal(s);
            }
        }
    }

    /**
     * The idle process asks to give the processor away for {@code micros}. With a timer due, the
     * host sleeps until then (at most that long); with nothing due, the guest only waits for
     * the world, and the run ends as idle.
     */
    void relinquish(long micros, long deadlineNanos) {
        GuestObject busier = highestRunnablePriority();
        if (busier != null && busier != runList(activeProcess())) {
            return;
        }
        if (timerDue == 0) {
            vm.stopWith(RunResult.Idle::new);
            return;
        }
        long wait = Math.min(Math.max(0, timerDue - Clock.millis()), Math.max(1, micros / 1000));
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                vm.stopWith(RunResult.Interrupted::new);
            }
        }
        checkTimer();
    }
}
