package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of the ProcessorScheduler (Processor): the active process and one LinkedList of
 * runnable processes per priority (list index = priority - 1). Changes leave the lists as the
 * real VM's process primitives would (V3-FACTS section 9).
 */
public class ProcessSchedulerMirror extends ObjectMirror {

    public ProcessSchedulerMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    private int at(Slot s) {
        return space.contract().get(s);
    }

    public ProcessMirror activeProcess() {
        return (ProcessMirror) slot(at(Slot.SCHEDULER_ACTIVE_PROCESS));
    }

    /** The number of priorities (8 in Squeak, 5 in Candle). */
    public int priorityCount() {
        return processLists().slotCount();
    }

    private ObjectMirror processLists() {
        return objectSlot(at(Slot.SCHEDULER_PROCESS_LISTS));
    }

    /** The LinkedList of runnable processes at this priority (1-based). */
    public ObjectMirror listAt(int priority) {
        if (priority < 1 || priority > priorityCount()) {
            throw new IllegalArgumentException("priority " + priority + " out of range 1.." + priorityCount());
        }
        return processLists().objectSlot(priority - 1);
    }

    /** The runnable processes waiting at this priority, first to run first. */
    public List<ProcessMirror> processesAt(int priority) {
        return linkedProcesses(listAt(priority));
    }

    /** Every process the scheduler knows: the active one, then the runnable ones from high to low priority. */
    public List<ProcessMirror> knownProcesses() {
        List<ProcessMirror> result = new ArrayList<>();
        result.add(activeProcess());
        for (int p = priorityCount(); p >= 1; p--) {
            result.addAll(processesAt(p));
        }
        return result;
    }

    /** Whether {@code list} is one of the scheduler's priority lists. */
    public boolean isPriorityList(ObjectMirror list) {
        return processLists().slots().contains(list);
    }

    List<ProcessMirror> linkedProcesses(ObjectMirror list) {
        List<ProcessMirror> result = new ArrayList<>();
        GuestValue link = list.slot(at(Slot.LINKED_LIST_FIRST_LINK));
        while (link instanceof ProcessMirror p && result.size() <= space.memory().objectCount()) {
            result.add(p);
            link = p.slot(at(Slot.PROCESS_NEXT_LINK));
        }
        return result;
    }

    // ---- list operations, as the VM performs them ----

    void addLast(ProcessMirror process, ObjectMirror list) {
        ObjectMirror nil = space.nilObject();
        GuestValue last = list.slot(at(Slot.LINKED_LIST_LAST_LINK));
        process.slotPut(at(Slot.PROCESS_NEXT_LINK), nil);
        if (last instanceof ObjectMirror l && !l.isNil()) {
            l.slotPut(at(Slot.PROCESS_NEXT_LINK), process);
        } else {
            list.slotPut(at(Slot.LINKED_LIST_FIRST_LINK), process);
        }
        list.slotPut(at(Slot.LINKED_LIST_LAST_LINK), process);
        process.slotPut(at(Slot.PROCESS_MY_LIST), list);
    }

    /** Unlinks {@code process} from {@code list}; answers false when it was not in it. */
    boolean unlink(ProcessMirror process, ObjectMirror list) {
        List<ProcessMirror> members = linkedProcesses(list);
        int i = members.indexOf(process);
        if (i < 0) {
            return false;
        }
        ObjectMirror nil = space.nilObject();
        GuestValue next = process.slot(at(Slot.PROCESS_NEXT_LINK));
        if (i == 0) {
            list.slotPut(at(Slot.LINKED_LIST_FIRST_LINK), next);
        } else {
            members.get(i - 1).slotPut(at(Slot.PROCESS_NEXT_LINK), next);
        }
        if (i == members.size() - 1) {
            list.slotPut(at(Slot.LINKED_LIST_LAST_LINK), i == 0 ? nil : members.get(i - 1));
        }
        process.slotPut(at(Slot.PROCESS_NEXT_LINK), nil);
        return true;
    }

    /** The VM's wakeHighestPriority: takes the first process of the highest non-empty list. */
    ProcessMirror wakeHighestPriority() {
        for (int p = priorityCount(); p >= 1; p--) {
            List<ProcessMirror> waiting = processesAt(p);
            if (!waiting.isEmpty()) {
                ProcessMirror first = waiting.get(0);
                unlink(first, listAt(p));
                return first;
            }
        }
        throw new IllegalStateException("no runnable process left: the VM would stop with a fatal error");
    }

    void setActive(ProcessMirror process) {
        slotPut(at(Slot.SCHEDULER_ACTIVE_PROCESS), process);
    }

    /**
     * Makes {@code process} the active process: it runs first when the image boots (its suspended
     * context becomes the active context). The previous active process goes back at the end of
     * its priority's list, so it resumes later; {@code process} leaves any list it was on.
     */
    public void installAsActiveProcess(ProcessMirror process) {
        ProcessMirror old = activeProcess();
        if (old.equals(process)) {
            return;
        }
        long mark = space.membrane().mark();
        process.myList().ifPresent(list -> unlink(process, list));
        addLast(old, listAt(old.priority()));
        setActive(process);
        space.membrane().note(new Operation.ProcessActivated(process.ref(), old.ref()), mark);
    }

    /**
     * A new, suspended process that will run {@code method} (which takes no arguments) with
     * {@code receiver}, at {@code priority}: a fresh MethodContext (sender nil, pc at the first
     * bytecode, stack pointer past the temporaries) and a Process holding it.
     */
    public ProcessMirror createProcess(MethodMirror method, GuestValue receiver, int priority) {
        return createProcess(method, receiver, priority, space.membrane().mark());
    }

    /**
     * Creates a process as {@link #createProcess(MethodMirror, GuestValue, int)} does, noting that
     * the operation began at membrane mark {@code since} (so the method made for it counts as part).
     */
    public ProcessMirror createProcess(MethodMirror method, GuestValue receiver, int priority, long since) {
        if (method.numArgs() != 0) {
            throw new IllegalArgumentException("a process starts a method without arguments; this one takes "
                    + method.numArgs());
        }
        if (priority < 1 || priority > priorityCount()) {
            throw new IllegalArgumentException("priority " + priority + " out of range 1.." + priorityCount());
        }
        GuestObject contextClass = (GuestObject) space.memory().specialObject(SpecialObject.CLASS_METHOD_CONTEXT.index());
        int fixed = at(Slot.CONTEXT_FIXED_SLOTS);
        Object[] slots = new Object[fixed + method.frameSize()];
        java.util.Arrays.fill(slots, space.memory().nil());
        slots[at(Slot.CONTEXT_PC)] = method.initialPc();
        slots[at(Slot.CONTEXT_STACKP)] = method.numTemps();
        slots[at(Slot.CONTEXT_METHOD)] = space.unwrapObject(method);
        slots[at(Slot.CONTEXT_RECEIVER)] = space.unwrap(receiver);
        GuestObject context = space.membrane().create(contextClass, ObjectFormat.FIXED_AND_INDEXABLE_POINTERS, slots,
                new int[0], new byte[0]);
        GuestObject processClass = (GuestObject) space.memory().specialObject(SpecialObject.CLASS_PROCESS.index());
        ProcessMirror process = (ProcessMirror) space.mirror(space.membrane().instantiate(processClass, 0));
        process.slotPut(at(Slot.PROCESS_SUSPENDED_CONTEXT), space.mirror(context));
        process.slotPut(at(Slot.PROCESS_PRIORITY), SmallInteger.of(priority));
        space.membrane().note(new Operation.ProcessCreated(process.ref(), priority), since);
        return process;
    }

    public Optional<ProcessMirror> processWithContext(ContextMirror context) {
        return knownProcesses().stream().filter(p -> p.suspendedContext().filter(context::equals).isPresent()).findFirst();
    }
}
