package org.ozworkbench.core.interpreter;

import java.util.Arrays;
import java.util.List;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;

/**
 * A process the host puts into the guest to run one method (paper 3.5): it becomes the active
 * process at the active process's priority, and the process it displaces is held off every list
 * meanwhile, as a debugger holds the process it stopped: the injected code's yields and waits
 * let the guest's other processes run, never that one. {@link #end()} takes the injected
 * process out again, however its run ended, and makes the displaced process the active one
 * once more, its stack untouched.
 */
public final class Injection {
    private final Interpreter vm;
    private final GuestObject process;
    private final GuestObject displaced;
    private final GuestObject base;

    private Injection(Interpreter vm, GuestObject process, GuestObject displaced, GuestObject base) {
        this.vm = vm;
        this.process = process;
        this.displaced = displaced;
        this.base = base;
    }

    /** Makes a process running {@code method} on {@code receiver} with {@code arguments} the active process. */
    public static Injection start(Interpreter vm, GuestObject method, Object receiver, List<Object> arguments) {
        int header = (Integer) method.pointers()[0];
        int numArgs = (header >> 24) & 15;
        if (numArgs != arguments.size()) {
            throw new IllegalArgumentException("the method takes " + numArgs + " arguments, not " + arguments.size());
        }
        Object[] f = new Object[Interpreter.TEMP0 + (((header >> 17) & 1) != 0 ? Interpreter.LARGE_FRAME
                : Interpreter.SMALL_FRAME)];
        Arrays.fill(f, vm.nil);
        // The method's sender: a context the method returns into like any other (so a ^ from a
        // block, an ensure: or a walk up the stack finds what they expect), which the
        // interpreter takes as the end of the run. It never executes.
        Object[] b = new Object[Interpreter.TEMP0 + Interpreter.SMALL_FRAME];
        Arrays.fill(b, vm.nil);
        b[Interpreter.PC] = 4 * method.pointerCount() + 1;
        b[Interpreter.STACKP] = 0;
        b[Interpreter.METHOD] = method;
        GuestObject base = vm.heap.newPointers(vm.methodContextClass, 3, b);
        f[Interpreter.SENDER] = base;
        f[Interpreter.PC] = 4 * method.pointerCount() + 1;
        f[Interpreter.STACKP] = (header >> 18) & 63;
        f[Interpreter.METHOD] = method;
        f[Interpreter.RECEIVER] = receiver;
        for (int i = 0; i < numArgs; i++) {
            f[Interpreter.TEMP0 + i] = arguments.get(i);
        }
        GuestObject context = vm.heap.newPointers(vm.methodContextClass, 3, f);
        GuestObject process = vm.heap.instantiate(vm.special(SpecialObject.CLASS_PROCESS), 0);
        Scheduler scheduler = vm.scheduler;
        GuestObject displaced = scheduler.activeProcess();
        process.pointers()[Scheduler.SUSPENDED_CONTEXT] = context;
        process.pointers()[Scheduler.PRIORITY] = displaced.pointers()[Scheduler.PRIORITY];
        // The displaced process is the one the host stopped: it waits off every list (as a
        // suspended process does) so that a yield or a wait in the injected code cannot resume it.
        scheduler.makeActive(process);
        return new Injection(vm, process, displaced, base);
    }

    public GuestObject process() {
        return process;
    }

    /** The context the injected method returns into: reaching it ends the run. */
    public GuestObject base() {
        return base;
    }

    /** Removes the injected process from the guest and makes the displaced process active again. */
    public void end() {
        Scheduler scheduler = vm.scheduler;
        Object list = process.pointers()[Scheduler.MY_LIST];
        if (list instanceof GuestObject l && l != vm.nil) {
            scheduler.remove(process, l);
        }
        process.pointers()[Scheduler.MY_LIST] = vm.nil;
        process.pointers()[Scheduler.SUSPENDED_CONTEXT] = vm.nil;
        GuestObject active = scheduler.activeProcess();
        if (active == displaced) {
            return;
        }
        Object displacedList = displaced.pointers()[Scheduler.MY_LIST];
        if (displacedList instanceof GuestObject l && l != vm.nil) {
            scheduler.remove(displaced, l);
        }
        if (active != process) {
            scheduler.addFirst(active, scheduler.runList(active));
        }
        scheduler.makeActive(displaced);
    }
}
