package org.ozworkbench.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.SmallInteger;

/**
 * A raw store into a slot whose meaning the contract knows is refused, saying why, unless the
 * value is of the slot's kind; the space is left as it was.
 */
class SlotKindsTest {
    private final ObjectSpace space = ObjectSpace.load(Images.scratch());
    /** Values of the wrong kind, made before the space's bytes are taken. */
    private final GuestValue large = space.toGuest(1L << 30);
    private final GuestValue string = space.newString("12");
    private final byte[] before = space.toBytes();
    private final ProcessMirror active = space.scheduler().activeProcess();

    private int slot(Slot s) {
        return space.contract().get(s);
    }

    @Test
    void aPriorityTakesOnlyASmallIntegerNamingOneOfTheSchedulersLists() {
        assertThatThrownBy(() -> active.slotPut(slot(Slot.PROCESS_PRIORITY), large))
                .isInstanceOf(MembraneException.class)
                .hasMessage("slot 2 (priority) of a Process takes a SmallInteger in 1..8, not a LargePositiveInteger");
        assertThatThrownBy(() -> active.slotPut(slot(Slot.PROCESS_PRIORITY), SmallInteger.of(9)))
                .hasMessage("slot 2 (priority) of a Process takes a SmallInteger in 1..8, not 9");
        assertThatThrownBy(() -> active.slotPut(slot(Slot.PROCESS_PRIORITY), space.nilObject()))
                .hasMessageEndingWith("not nil");
        assertThat(space.toBytes()).isEqualTo(before);

        active.slotPut(slot(Slot.PROCESS_PRIORITY), SmallInteger.of(8));
        assertThat(active.priority()).isEqualTo(8);
    }

    @Test
    void aContextsPcAndStackpTakeANonNegativeSmallIntegerOrNil() {
        ContextMirror context = active.suspendedContext().orElseThrow();

        assertThatThrownBy(() -> context.slotPut(slot(Slot.CONTEXT_PC), string))
                .hasMessage("slot 1 (pc) of a MethodContext takes a SmallInteger in 0..1073741823 or nil, not a String");
        assertThatThrownBy(() -> context.slotPut(slot(Slot.CONTEXT_STACKP), SmallInteger.of(-1)))
                .hasMessageContaining("(stackp)").hasMessageEndingWith("not -1");
        assertThat(space.toBytes()).isEqualTo(before);

        context.slotPut(slot(Slot.CONTEXT_PC), space.nilObject());
    }

    @Test
    void aFormatWordWhoseInstanceSizeReadsMinusOneAndABadTallyAreRefused() {
        ClassMirror point = space.classNamed("Point").orElseThrow();
        int spec = point.instanceSpec() << 7;

        assertThatThrownBy(() -> point.slotPut(slot(Slot.CLASS_FORMAT), SmallInteger.of(spec)))
                .hasMessage("slot 2 (format) of class Point takes a format word whose instance size + 1 is 1..255, not "
                        + spec + " (instance size -1)");
        ObjectMirror methods = point.objectSlot(slot(Slot.CLASS_METHOD_DICT));
        assertThatThrownBy(() -> methods.slotPut(slot(Slot.METHOD_DICT_TALLY), SmallInteger.of(-1)))
                .hasMessageContaining("(tally) of a MethodDictionary takes a SmallInteger in 0..");
        assertThat(space.toBytes()).isEqualTo(before);
    }

    @Test
    void aFormatWordWhoseInstanceSizeReadsMinusOneIsTakenByAClassWithoutInstancesWhichTheMembraneThenMakesNone() {
        ClassMirror noInstances = space.classNamed("Collection").orElseThrow();
        GuestObject cls = space.unwrapObject(noInstances);
        int word = noInstances.formatWord();

        noInstances.slotPut(slot(Slot.CLASS_FORMAT), SmallInteger.of(noInstances.instanceSpec() << 7));

        assertThat(noInstances.instanceSize()).isEqualTo(-1);
        assertThatThrownBy(() -> space.membrane().instantiate(cls, 0)).hasMessageContaining("gives instance size -1");
        noInstances.slotPut(slot(Slot.CLASS_FORMAT), SmallInteger.of(word));
        assertThat(space.toBytes()).isEqualTo(before);
    }

    @Test
    void anInstanceLargerThanAV3ImageCanHoldIsRefusedBeforeTheHostAllocatesIt() {
        GuestObject array = space.unwrapObject(space.classNamed("Array").orElseThrow());

        assertThatThrownBy(() -> space.membrane().instantiate(array, 1_000_000_000))
                .isInstanceOf(MembraneException.class)
                .hasMessage("cannot create an instance of 4000000000 bytes: a V3 image holds at most 2147483647 bytes"
                        + " of objects in all");
        assertThat(space.toBytes()).isEqualTo(before);
    }

    @Test
    void aSuperclassIsNilOrAClassAndNeverMakesTheChainLoop() {
        ClassMirror object = space.classNamed("Object").orElseThrow();
        ClassMirror string = space.classNamed("String").orElseThrow();

        assertThatThrownBy(() -> object.slotPut(slot(Slot.CLASS_SUPERCLASS), string))
                .hasMessage("slot 0 (superclass) of class Object cannot be class String: class String inherits from"
                        + " class Object, and a superclass chain must not loop (method lookup would never end)");
        assertThatThrownBy(() -> string.slotPut(slot(Slot.CLASS_SUPERCLASS), SmallInteger.of(3)))
                .hasMessage("slot 0 (superclass) of class String takes nil or a class, not 3");
        assertThat(space.toBytes()).isEqualTo(before);
    }
}
