package org.ozworkbench.core.mirror;

import java.util.Optional;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of a Process: its priority, suspended context and state, and the process operations
 * (suspend, resume, terminate, priority) done to the saved image as the VM's primitives would do
 * them to a running one.
 */
public class ProcessMirror extends ObjectMirror {

    /** Where a process stands. */
    public enum State {
        /** The scheduler's active process: runs first when the image boots. */
        ACTIVE,
        /** On a priority list of the scheduler, waiting for the processor. */
        RUNNABLE,
        /** On a Semaphore (or another list), waiting for a signal. */
        WAITING,
        /** On no list: runs only when resumed. */
        SUSPENDED,
        /** Without a context: it will never run again. */
        TERMINATED
    }

    public ProcessMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    private int at(Slot s) {
        return space.contract().get(s);
    }

    private ProcessSchedulerMirror scheduler() {
        return space.scheduler();
    }

    public int priority() {
        return slot(at(Slot.PROCESS_PRIORITY)) instanceof SmallInteger s ? s.value() : 0;
    }

    public Optional<ContextMirror> suspendedContext() {
        return slot(at(Slot.PROCESS_SUSPENDED_CONTEXT)) instanceof ContextMirror c ? Optional.of(c) : Optional.empty();
    }

    /** The list the process is linked in (a priority list or a Semaphore), if it is in one. */
    public Optional<ObjectMirror> myList() {
        if (slot(at(Slot.PROCESS_MY_LIST)) instanceof ObjectMirror list && !list.isNil()
                && scheduler().linkedProcesses(list).contains(this)) {
            return Optional.of(list);
        }
        return Optional.empty();
    }

    public boolean isActive() {
        return scheduler().activeProcess().equals(this);
    }

    public State state() {
        if (isActive()) {
            return State.ACTIVE;
        }
        Optional<ObjectMirror> list = myList();
        if (list.isPresent()) {
            return scheduler().isPriorityList(list.get()) ? State.RUNNABLE : State.WAITING;
        }
        return suspendedContext().isPresent() ? State.SUSPENDED : State.TERMINATED;
    }

    public boolean isWaitingOnSemaphore() {
        return myList().filter(l -> l.classMirror().guestObject()
                == space.memory().specialObject(SpecialObject.CLASS_SEMAPHORE.index())).isPresent();
    }

    /**
     * Suspends the process. The active one gives the processor to the highest-priority runnable
     * process; a runnable or waiting one leaves its list (myList := nil, as this VM's suspend does).
     */
    public void suspend() {
        long mark = space.membrane().mark();
        leaveLists();
        space.membrane().note(new Operation.ProcessSuspended(ref()), mark);
    }

    private void leaveLists() {
        switch (state()) {
            case ACTIVE -> scheduler().setActive(scheduler().wakeHighestPriority());
            case RUNNABLE, WAITING -> {
                scheduler().unlink(this, myList().orElseThrow());
                slotPut(at(Slot.PROCESS_MY_LIST), space.nilObject());
            }
            case SUSPENDED, TERMINATED -> {
                // already off every list
            }
        }
    }

    /**
     * Resumes a suspended process as primitive 87 does: when its priority is above the active
     * process's it becomes active and the active one goes back on its list; otherwise it joins
     * the end of its priority's list.
     */
    public void resume() {
        State state = state();
        if (state != State.SUSPENDED) {
            throw new IllegalStateException("cannot resume " + this + ": it is " + state.name().toLowerCase());
        }
        long mark = space.membrane().mark();
        ProcessMirror active = scheduler().activeProcess();
        if (priority() > active.priority()) {
            scheduler().addLast(active, scheduler().listAt(active.priority()));
            scheduler().setActive(this);
        } else {
            scheduler().addLast(this, scheduler().listAt(priority()));
        }
        space.membrane().note(new Operation.ProcessResumed(ref()), mark);
    }

    /** Terminates the process: off every list, without a context. Unwind blocks do not run. */
    public void terminate() {
        long mark = space.membrane().mark();
        leaveLists();
        slotPut(at(Slot.PROCESS_SUSPENDED_CONTEXT), space.nilObject());
        slotPut(at(Slot.PROCESS_MY_LIST), space.nilObject());
        space.membrane().note(new Operation.ProcessTerminated(ref()), mark);
    }

    /** Changes the priority; a runnable process moves to the end of the new priority's list. */
    public void priority(int newPriority) {
        ProcessSchedulerMirror scheduler = scheduler();
        if (newPriority < 1 || newPriority > scheduler.priorityCount()) {
            throw new IllegalArgumentException("priority " + newPriority + " out of range 1.." + scheduler.priorityCount());
        }
        long mark = space.membrane().mark();
        int oldPriority = priority();
        boolean runnable = state() == State.RUNNABLE;
        if (runnable) {
            scheduler.unlink(this, myList().orElseThrow());
        }
        slotPut(at(Slot.PROCESS_PRIORITY), SmallInteger.of(newPriority));
        if (runnable) {
            scheduler.addLast(this, scheduler.listAt(newPriority));
        }
        space.membrane().note(new Operation.ProcessPriorityChanged(ref(), oldPriority, newPriority), mark);
    }

    /** Makes this the active process; see {@link ProcessSchedulerMirror#installAsActiveProcess}. */
    public void installAsActiveProcess() {
        scheduler().installAsActiveProcess(this);
    }

    @Override
    public String describe() {
        return "a Process (priority " + priority() + ", " + state().name().toLowerCase() + ")";
    }
}
