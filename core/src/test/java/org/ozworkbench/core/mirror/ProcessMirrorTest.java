package org.ozworkbench.core.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.mirror.ProcessMirror.State;
import org.ozworkbench.core.space.ObjectSpace;

class ProcessMirrorTest {
    private final ObjectSpace space = ObjectSpace.load(Images.scratch());
    private final ProcessSchedulerMirror scheduler = space.scheduler();

    private ProcessMirror newProcess(int priority) {
        MethodMirror m = MethodBuilder.on(space).returnSelf().build();
        return scheduler.createProcess(m, space.nilObject(), priority);
    }

    @Test
    void scratchIsSavedWithItsUiProcessActiveAtPriorityFourAndTheIdleProcessRunnable() {
        ProcessMirror active = scheduler.activeProcess();

        assertThat(scheduler.priorityCount()).isEqualTo(8);
        assertThat(active.priority()).isEqualTo(4);
        assertThat(active.state()).isEqualTo(State.ACTIVE);
        assertThat(active.suspendedContext().orElseThrow().frameDescription())
                .startsWith("SystemDictionary>>snapshot:andQuit:");
        assertThat(scheduler.processesAt(1)).hasSize(1).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.RUNNABLE));
        for (int p = 2; p <= 8; p++) {
            assertThat(scheduler.processesAt(p)).isEmpty();
        }
    }

    @Test
    void aCreatedProcessIsSuspendedWithAFreshContextOnItsMethod() {
        ProcessMirror p = newProcess(5);

        ContextMirror c = p.suspendedContext().orElseThrow();
        assertThat(p.state()).isEqualTo(State.SUSPENDED);
        assertThat(p.priority()).isEqualTo(5);
        assertThat(c.pc()).contains(c.method().orElseThrow().initialPc());
        assertThat(c.sender()).isEmpty();
        assertThat(c.stackPointer()).isZero();
    }

    @Test
    void resumingBelowTheActivePriorityQueuesAndAboveItPreempts() {
        ProcessMirror low = newProcess(3);
        ProcessMirror high = newProcess(6);
        ProcessMirror ui = scheduler.activeProcess();

        low.resume();
        assertThat(low.state()).isEqualTo(State.RUNNABLE);
        assertThat(scheduler.processesAt(3)).containsExactly(low);

        high.resume();
        assertThat(scheduler.activeProcess()).isEqualTo(high);
        assertThat(ui.state()).isEqualTo(State.RUNNABLE);
        assertThat(scheduler.processesAt(4)).containsExactly(ui);
        assertThatThrownBy(low::resume).isInstanceOf(IllegalStateException.class).hasMessageContaining("runnable");
    }

    @Test
    void suspendingTheActiveProcessWakesTheHighestPriorityRunnableOne() {
        ProcessMirror ui = scheduler.activeProcess();
        ProcessMirror p5 = newProcess(5);
        ProcessMirror p3 = newProcess(3);
        p3.resume();
        ui.priority(4);
        scheduler.addLast(p5, scheduler.listAt(5));

        ui.suspend();

        assertThat(scheduler.activeProcess()).isEqualTo(p5);
        assertThat(ui.state()).isEqualTo(State.SUSPENDED);
        assertThat(scheduler.processesAt(5)).isEmpty();
        assertThat(scheduler.processesAt(3)).containsExactly(p3);
    }

    @Test
    void suspendingARunnableProcessUnlinksItAndKeepsTheListConsistent() {
        ProcessMirror a = newProcess(3);
        ProcessMirror b = newProcess(3);
        ProcessMirror c = newProcess(3);
        a.resume();
        b.resume();
        c.resume();

        b.suspend();
        assertThat(scheduler.processesAt(3)).containsExactly(a, c);
        c.suspend();
        assertThat(scheduler.processesAt(3)).containsExactly(a);
        assertThat(scheduler.listAt(3).slot(1)).isEqualTo(a);
        a.suspend();
        assertThat(scheduler.processesAt(3)).isEmpty();
        assertThat(scheduler.listAt(3).slot(0)).isEqualTo(space.nilObject());
        assertThat(scheduler.listAt(3).slot(1)).isEqualTo(space.nilObject());
        assertThat(b.state()).isEqualTo(State.SUSPENDED);
    }

    @Test
    void changingThePriorityOfARunnableProcessMovesItToTheNewList() {
        ProcessMirror p = newProcess(2);
        p.resume();

        p.priority(3);

        assertThat(scheduler.processesAt(2)).isEmpty();
        assertThat(scheduler.processesAt(3)).containsExactly(p);
        assertThat(p.priority()).isEqualTo(3);
        assertThatThrownBy(() -> p.priority(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void installingAsActiveProcessRequeuesTheFormerActiveOne() {
        ProcessMirror ui = scheduler.activeProcess();
        ProcessMirror p = newProcess(4);

        p.installAsActiveProcess();

        assertThat(scheduler.activeProcess()).isEqualTo(p);
        assertThat(scheduler.processesAt(4)).containsExactly(ui);
        assertThat(ui.state()).isEqualTo(State.RUNNABLE);
    }

    @Test
    void terminatingLeavesTheProcessWithoutContextOrList() {
        ProcessMirror p = newProcess(3);
        p.resume();

        p.terminate();

        assertThat(p.state()).isEqualTo(State.TERMINATED);
        assertThat(scheduler.processesAt(3)).isEmpty();
    }
}
