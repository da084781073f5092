package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.SmallInteger;

class UndoTest {

    @Test
    void undoingEveryChangeInReverseOrderGivesBackTheOriginalBytes() throws Exception {
        byte[] original = Files.readAllBytes(Images.scratch());
        ObjectSpace space = ObjectSpace.read(Images.scratch(), original);
        List<Change> changes = new ArrayList<>();
        space.addListener(changes::add);

        ClassMirror point = space.classNamed("Point").orElseThrow();
        for (int i = 0; i < 12; i++) {
            point.addMethod("ozwUndo" + i, MethodBuilder.on(space).pushConstant(SmallInteger.of(i)).returnTop().build());
        }
        space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                .atPut("VersionString", space.newString("changed"));
        ObjectMirror association = space.instantiate(space.classNamed("Association").orElseThrow(), 0);
        association.changeClassTo(point);
        ProcessMirror p = space.scheduler().createProcess(MethodBuilder.on(space).returnSelf().build(),
                space.nilObject(), 3);
        p.resume();
        p.priority(5);
        space.scheduler().processesAt(1).get(0).suspend();
        space.toGuest(List.of(1L << 40, "text", 2.5, 'c'));
        assertThat(space.toBytes()).isNotEqualTo(original);

        List<Change> done = List.copyOf(changes);
        for (int i = done.size() - 1; i >= 0; i--) {
            space.membrane().undo(done.get(i));
        }

        assertThat(space.toBytes()).isEqualTo(original);
        assertThat(space.memory().createdCount()).isZero();
    }

    @Test
    void anUndoOutOfOrderIsRefusedAndChangesNothing() throws Exception {
        byte[] original = Files.readAllBytes(Images.scratch());
        ObjectSpace space = ObjectSpace.read(Images.scratch(), original);
        List<Change> changes = new ArrayList<>();
        space.addListener(changes::add);
        ObjectMirror specials = space.specialObjectsArray();

        specials.slotPut(22, SmallInteger.of(1));
        specials.slotPut(22, SmallInteger.of(2));
        space.newString("first");
        space.newString("second");
        byte[] changed = space.toBytes();

        assertThatThrownBy(() -> space.membrane().undo(changes.get(0))).isInstanceOf(MembraneException.class)
                .hasMessageContaining("holds SmallInteger 2, expected SmallInteger 1");
        assertThatThrownBy(() -> space.membrane().undo(changes.get(2))).isInstanceOf(MembraneException.class)
                .hasMessageContaining("most recently created");
        assertThat(space.toBytes()).isEqualTo(changed);
    }
}
