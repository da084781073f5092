package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.mirror.ProcessMirror;

class SurgeryTest {
    private final byte[] original = read();
    private final ObjectSpace space = ObjectSpace.read(Images.scratch(), original);
    private final List<String> heard = new ArrayList<>();

    private static byte[] read() {
        try {
            return Files.readAllBytes(Images.scratch());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    {
        space.addSurgeryListener(new Surgery.Listener() {
            @Override
            public void begun(Surgery s) {
                heard.add("begun " + s.label());
            }

            @Override
            public void committed(Surgery s) {
                heard.add("committed " + s.label() + " with " + s.changes().size() + " changes");
            }

            @Override
            public void aborted(Surgery s, String reason) {
                heard.add("aborted " + s.label() + ": " + reason);
            }
        });
    }

    /** Kernel changes of several kinds: a method, a class, a class variable, a process. */
    private void operate() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        point.compile("ozwNorm1  ^ x abs + y abs");
        space.defineClass("OzwSurgeryClass", point, "subclass:", List.of("z"), List.of("Count"), "Ozw-Tests");
        space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                .atPut("VersionString", space.newString("surgery"));
        ProcessMirror p = space.createProcessWithPriority(3, "3 + 4");
        p.resume();
        space.scheduler().processesAt(1).get(0).priority(2);
    }

    @Test
    void aCommittedSurgeryKeepsItsChangesAndTellsTheListeners() {
        try (Surgery s = space.beginSurgery("kernel changes")) {
            operate();
            s.commit();
        }

        assertThat(space.classNamed("OzwSurgeryClass")).isPresent();
        assertThat(space.toBytes()).isNotEqualTo(original);
        assertThat(heard).hasSize(2).first().isEqualTo("begun kernel changes");
        assertThat(heard.get(1)).startsWith("committed kernel changes with ");
        assertThat(space.openSurgery()).isEmpty();
    }

    @Test
    void anExceptionInsideASurgeryUndoesEveryChangeByteForByte() {
        assertThatThrownBy(() -> {
            try (Surgery s = space.beginSurgery("doomed")) {
                operate();
                throw new IllegalStateException("injected failure");
            }
        }).hasMessage("injected failure");

        assertThat(space.toBytes()).isEqualTo(original);
        assertThat(space.classNamed("OzwSurgeryClass")).isEmpty();
        assertThat(heard).containsExactly("begun doomed", "aborted doomed: closed without commit");
    }

    /** Issue 12: "committed" means "replayable": a place changed behind the membrane fails the commit. */
    @Test
    void aSurgeryWhoseChangesWouldNotReplayIsRefusedAtCommitAndNothingIsCommitted() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        GuestObjectAccess probe = new GuestObjectAccess(space);
        assertThatThrownBy(() -> {
            try (Surgery s = space.beginSurgery("tampered")) {
                point.compile("ozwNorm1  ^ x abs + y abs");
                probe.overwriteFirstChangedSlotBehindTheMembrane(s);
                s.commit();
            }
        }).isInstanceOf(UnreplayableSurgeryException.class)
                .hasMessageStartingWith("surgery 'tampered' was not committed: its changes would not replay (")
                .hasMessageContaining("something changed it behind the membrane");

        assertThat(heard).hasSize(2).first().isEqualTo("begun tampered");
        assertThat(heard.get(1)).startsWith("aborted tampered: not replayable: ");
        assertThat(space.openSurgery()).isEmpty();
    }

    /** Reaches the guest's memory the way a bug would: without the membrane. */
    private record GuestObjectAccess(ObjectSpace space) {
        void overwriteFirstChangedSlotBehindTheMembrane(Surgery s) {
            Change.SlotStored store = s.changes().stream().filter(c -> c instanceof Change.SlotStored)
                    .map(c -> (Change.SlotStored) c).findFirst().orElseThrow();
            space.memory().resolve(store.target()).pointers()[store.index()] = space.memory().nil();
        }
    }

    @Test
    void aListenerThatFailsTheCommitAbortsTheSurgery() {
        space.addSurgeryListener(new Surgery.Listener() {
            @Override
            public void begun(Surgery s) {
            }

            @Override
            public void committed(Surgery s) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void aborted(Surgery s, String reason) {
            }
        });
        Surgery s = space.beginSurgery("unlucky");
        operate();

        assertThatThrownBy(s::commit).hasMessage("disk full");
        assertThat(s.state()).isEqualTo(Surgery.State.ABORTED);
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void onlyOneSurgeryIsOpenAtATimeAndAnEndedOneCannotBeCommitted() {
        Surgery first = space.beginSurgery("first");

        assertThatThrownBy(() -> space.beginSurgery("second")).hasMessageContaining("'first' is still open");
        first.abort("changed my mind");
        assertThatThrownBy(first::commit).hasMessageContaining("it is aborted");
        assertThat(space.beginSurgery("third").label()).isEqualTo("third");
    }

    @Test
    void theOperationsAreNotedAfterTheirChangesInTheGuestsOwnWords() {
        List<Operation> noted = new ArrayList<>();
        List<Change> all = new ArrayList<>();
        space.addListener(all::add);
        space.addListener(c -> {
            if (c instanceof Change.Noted n) {
                noted.add(n.operation());
            }
        });
        try (Surgery s = space.beginSurgery("kernel changes")) {
            operate();
            space.classNamed("Point").orElseThrow().compile("ozwNorm1  ^ x + y");
            space.classNamed("Point").orElseThrow().removeMethod("ozwNorm1");
            s.commit();
        }

        assertThat(noted).extracting(o -> o.getClass().getSimpleName()).containsExactly("MethodInstalled",
                "ClassDefined", "ProcessCreated", "ProcessResumed", "ProcessPriorityChanged", "MethodInstalled",
                "MethodRemoved");
        Operation.MethodInstalled first = (Operation.MethodInstalled) noted.get(0);
        assertThat(first.className()).isEqualTo("Point");
        assertThat(first.selector()).isEqualTo("ozwNorm1");
        assertThat(first.source()).isEqualTo("ozwNorm1  ^ x abs + y abs");
        assertThat(first.oldMethod()).isNull();
        Operation.MethodInstalled second = (Operation.MethodInstalled) noted.get(5);
        assertThat(second.oldMethod()).isEqualTo(first.method());
        assertThat(((Operation.MethodRemoved) noted.get(6)).oldMethod()).isEqualTo(second.method());
        assertThat(((Operation.ProcessPriorityChanged) noted.get(4)).oldPriority()).isEqualTo(1);
        // each note spans exactly the changes its operation made: all since the previous note, but for
        // the class variable stored between the class definition and the process creation (a String and its store)
        List<Integer> gaps = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof Change.Noted n) {
                gaps.add(i - previous - 1 - n.spans());
                assertThat(n.spans()).isPositive();
                previous = i;
            }
        }
        assertThat(gaps).containsExactly(0, 0, 2, 0, 0, 0, 0);
    }

    @Test
    void aListenerFailingWhenASurgeryBeginsLeavesNoSurgeryOpen() {
        space.addSurgeryListener(new Surgery.Listener() {
            @Override
            public void begun(Surgery s) {
                throw new IllegalStateException("listener down");
            }

            @Override
            public void committed(Surgery s) {
            }

            @Override
            public void aborted(Surgery s, String reason) {
            }
        });

        assertThatThrownBy(() -> space.beginSurgery("never")).hasMessage("listener down");

        assertThat(space.openSurgery()).isEmpty();
        assertThat(heard).containsExactly("begun never", "aborted never: a surgery listener failed when it began: listener down");
    }

    @Test
    void aChangeListenerFailingMidwayAndInTheUndoStillLeavesTheGuestAsBefore() {
        int[] heardChanges = {0};
        space.addListener(c -> {
            if (++heardChanges[0] > 5) {
                throw new IllegalStateException("listener down");
            }
        });

        assertThatThrownBy(() -> {
            try (Surgery s = space.beginSurgery("heard anyway")) {
                space.classNamed("Point").orElseThrow().compile("ozwNorm1  ^ #(1 $a 'three' #four) , 'five'");
                s.commit();
            }
        }).hasMessage("listener down");

        assertThat(heardChanges[0]).as("6 changes, the 6th failing, and their 6 undos").isEqualTo(12);
        assertThat(space.toBytes()).isEqualTo(original);
        assertThat(space.openSurgery()).isEmpty();
    }

    @Test
    void anImageIsNotSavedWhileASurgeryIsOpen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (Surgery s = space.beginSurgery("half")) {
            space.classNamed("Point").orElseThrow().compile("ozwNorm1  ^ x abs + y abs");

            assertThatThrownBy(() -> space.save(dir.resolve("half.image"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("surgery 'half' is open");
            assertThat(dir.resolve("half.image")).doesNotExist();
        }
    }

    @Test
    void anObjectAnAbortedSurgeryCreatedCanNoLongerBeChangedOrStored() {
        org.ozworkbench.core.mirror.ObjectMirror made;
        try (Surgery s = space.beginSurgery("made and taken back")) {
            made = space.newArray(List.of(space.nilObject()));
        }

        assertThatThrownBy(() -> made.slotPut(0, space.trueObject()))
                .isInstanceOf(org.ozworkbench.core.memory.MembraneException.class).hasMessageContaining("taken back");
        assertThatThrownBy(() -> space.globalAssociation("Transcript").orElseThrow().slotPut(1, made))
                .isInstanceOf(org.ozworkbench.core.memory.MembraneException.class).hasMessageContaining("taken back");
        assertThat(space.toBytes()).isEqualTo(original);
    }
}
