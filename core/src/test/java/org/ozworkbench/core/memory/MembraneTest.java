package org.ozworkbench.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.contract.SpecialObject;

class MembraneTest {
    private byte[] original;
    private ObjectMemory memory;
    private final List<Change> changes = new ArrayList<>();

    @BeforeEach
    void loadScratch() throws Exception {
        original = Files.readAllBytes(Images.scratch());
        memory = ObjectMemory.read(Images.scratch(), original);
        memory.membrane().addListener(changes::add);
    }

    private GuestObject special(SpecialObject which) {
        return (GuestObject) memory.specialObject(which.index());
    }

    private void assertGuestUnchanged() {
        assertThat(changes).isEmpty();
        assertThat(memory.toBytes()).isEqualTo(original);
    }

    @Test
    void aSlotWriteIsAppliedAndReportedWithItsOldAndNewValue() {
        GuestObject specials = memory.specialObjects();
        Object old = specials.pointerAt(SpecialObject.INPUT_SEMAPHORE.index());

        memory.membrane().storePointer(specials, SpecialObject.INPUT_SEMAPHORE.index(), 42);

        assertThat(specials.pointerAt(SpecialObject.INPUT_SEMAPHORE.index())).isEqualTo(42);
        assertThat(changes).containsExactly(new Change.SlotStored(GuestRef.of(specials),
                SpecialObject.INPUT_SEMAPHORE.index(), GuestRef.of(old), new GuestRef.SmallInt(42)));
    }

    @Test
    void aHostObjectNeverEntersTheGuest() {
        assertThatThrownBy(() -> memory.membrane().storePointer(memory.specialObjects(), 22, "a host String"))
                .isInstanceOf(MembraneException.class).hasMessageContaining("host object of java.lang.String");
        assertThatThrownBy(() -> memory.membrane().storePointer(memory.specialObjects(), 22, null))
                .isInstanceOf(MembraneException.class);
        assertGuestUnchanged();
    }

    @Test
    void anObjectOfAnotherSpaceIsRefused() {
        ObjectMemory other = ObjectMemory.read(Images.scratch(), original);

        assertThatThrownBy(() -> memory.membrane().storePointer(memory.specialObjects(), 22, other.nil()))
                .isInstanceOf(MembraneException.class).hasMessageContaining("another object space");
        assertThatThrownBy(() -> memory.membrane().storePointer(other.specialObjects(), 22, 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("another object space");
        assertGuestUnchanged();
    }

    @Test
    void indicesOutOfBoundsAreRefused() {
        GuestObject specials = memory.specialObjects();
        GuestObject string = (GuestObject) ((GuestObject) memory.specialObject(SpecialObject.CLASS_STRING.index()))
                .pointerAt(6);

        assertThatThrownBy(() -> memory.membrane().storePointer(specials, specials.pointerCount(), 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> memory.membrane().storePointer(specials, -1, 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> memory.membrane().storeByte(string, string.byteCount(), 65))
                .isInstanceOf(MembraneException.class).hasMessageContaining("out of bounds");
        assertGuestUnchanged();
    }

    @Test
    void valuesOutsideTheSmallIntegerRangeAndBytesOutside0To255AreRefused() {
        GuestObject specials = memory.specialObjects();
        GuestObject name = (GuestObject) special(SpecialObject.CLASS_STRING).pointerAt(6);

        assertThatThrownBy(() -> memory.membrane().storePointer(specials, 22, ObjectMemory.SMALL_INTEGER_MAX + 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("SmallInteger range");
        assertThatThrownBy(() -> memory.membrane().storePointer(specials, 22, ObjectMemory.SMALL_INTEGER_MIN - 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("SmallInteger range");
        assertThatThrownBy(() -> memory.membrane().storeByte(name, 0, 256))
                .isInstanceOf(MembraneException.class).hasMessageContaining("0..255");
        assertGuestUnchanged();
    }

    @Test
    void aStoreOfTheWrongKindForTheFormatIsRefused() {
        GuestObject name = (GuestObject) special(SpecialObject.CLASS_STRING).pointerAt(6);

        assertThatThrownBy(() -> memory.membrane().storePointer(name, 0, 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("its format is bytes");
        assertThatThrownBy(() -> memory.membrane().storeWord(memory.specialObjects(), 0, 1))
                .isInstanceOf(MembraneException.class).hasMessageContaining("its format is indexable pointers");
        assertThatThrownBy(() -> memory.membrane().changeClass(memory.specialObjects(), special(SpecialObject.CLASS_STRING)))
                .isInstanceOf(MembraneException.class).hasMessageContaining("cannot change the class");
        assertGuestUnchanged();
    }

    @Test
    void aMethodHeaderMustKeepItsLiteralCount() {
        GuestObject method = memory.objects().stream().filter(GuestObject::isCompiledMethod).findFirst().orElseThrow();
        int header = (Integer) method.pointerAt(0);

        assertThatThrownBy(() -> memory.membrane().storePointer(method, 0, header + (1 << 9)))
                .isInstanceOf(MembraneException.class).hasMessageContaining("literals");
        assertGuestUnchanged();
    }

    @Test
    void aCreatedObjectGetsTheNextIdentityHashAndIsAppendedToTheImage() {
        int seed = memory.lastHash();
        GuestObject point = special(SpecialObject.CLASS_POINT);

        GuestObject p = memory.membrane().instantiate(point, 0);

        int expected = (13849 + 27181 * (seed == 0 ? 999 : seed)) & 0xFFFF;
        assertThat(memory.lastHash()).isEqualTo(expected);
        assertThat(p.hash()).isEqualTo(expected & 0xFFF);
        assertThat(p.pointers()).containsOnly(memory.nil()).hasSize(2);
        assertThat(p.headerWords()).as("Point is compact in Scratch").isEqualTo(1);
        assertThat(changes).singleElement().isInstanceOf(Change.ObjectCreated.class);
        ObjectMemory reread = ObjectMemory.read(Images.scratch(), memory.toBytes());
        assertThat(reread.objectCount()).isEqualTo(memory.objectCount());
        assertThat(reread.header().lastHash()).isEqualTo(expected);
    }

    @Test
    void anObjectLargerThan252BytesGetsAThreeWordHeader() {
        GuestObject array = special(SpecialObject.CLASS_ARRAY);

        GuestObject big = memory.membrane().instantiate(array, 100);
        GuestObject small = memory.membrane().instantiate(array, 10);

        assertThat(big.headerWords()).isEqualTo(3);
        assertThat(small.headerWords()).isEqualTo(1);
        ObjectMemory reread = ObjectMemory.read(Images.scratch(), memory.toBytes());
        GuestObject last = reread.objects().get(reread.objectCount() - 2);
        assertThat(last.headerWords()).isEqualTo(3);
        assertThat(last.pointerCount()).isEqualTo(100);
        assertThat(reread.toBytes()).isEqualTo(memory.toBytes());
    }
}
