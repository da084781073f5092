package org.ozworkbench.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;

/**
 * A saved state of a memory loaded from a base image (a journal's checkpoint) read back as that
 * memory ({@link ObjectMemory#resume}): each base object answers to its oop in the base, also when
 * the objects before it grew since, so that the save put it at another address.
 */
class ResumeTest {

    @Test
    void aSavedStateWhoseBaseObjectsMovedAnswersEachAtItsOopInTheBase() throws Exception {
        byte[] base = Files.readAllBytes(Images.scratch());
        ObjectMemory memory = ObjectMemory.read(Images.scratch(), base);
        // an object with a compact class (a 1-word header) changed to a class of the same shape that is not
        // compact: its header grows by the class word, and every object after it moves one word on
        List<GuestObject> objects = memory.objects();
        GuestObject moved = null;
        for (GuestObject target : objects.subList(0, objects.size() / 2)) {
            if (target.headerWords() != 1 || moved != null) {
                continue;
            }
            for (GuestObject other : objects) {
                if (other.headerWords() == 2 && other.format() == target.format()
                        && other.bodyWords() == target.bodyWords() && tryChangeClass(memory, target, other.cls())) {
                    moved = target;
                    break;
                }
            }
        }
        assertThat(moved).as("an object whose class became one that is not compact").isNotNull();
        byte[] saved = memory.toBytes();
        assertThat(saved).hasSize(base.length + Integer.BYTES); // every object after the array one word further on

        ObjectMemory resumed = ObjectMemory.resume(Images.scratch(), saved, memory.createdHashSeeds());

        assertThat(resumed.toBytes()).isEqualTo(saved);
        int last = memory.snapshotObjectCount() - 1;
        GuestObject lastOfBase = memory.objectAt(last);
        assertThat(resumed.atSnapshotOop(lastOfBase.snapshotOop())).isSameAs(resumed.objectAt(last));
        assertThat(resumed.atSnapshotOop(moved.snapshotOop())).isSameAs(resumed.objectAt(objects.indexOf(moved)));
    }

    private static boolean tryChangeClass(ObjectMemory memory, GuestObject target, GuestObject cls) {
        try {
            memory.membrane().changeClass(target, cls);
            return true;
        } catch (MembraneException refused) {
            return false;
        }
    }
}
