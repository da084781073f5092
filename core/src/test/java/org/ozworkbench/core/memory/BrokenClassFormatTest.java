package org.ozworkbench.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.contract.SpecialObject;

/** A class whose format word was overwritten: the membrane refuses to instantiate it, by its own exception. */
class BrokenClassFormatTest {
    private static final int CLASS_FORMAT_SLOT = 2;
    /** Instances of fixed pointers (instSpec 1) with size bits 0: an instance size of -1. */
    private static final int FORMAT_WITHOUT_SIZE = ObjectFormat.FIXED_POINTERS << 7;

    @Test
    void aClassWhoseFormatWordGivesANegativeInstanceSizeIsRefusedAndNothingIsCreated() {
        ObjectMemory memory = ObjectMemory.load(Images.scratch());
        GuestObject point = (GuestObject) memory.specialObject(SpecialObject.CLASS_POINT.index());
        memory.membrane().storePointer(point, CLASS_FORMAT_SLOT, FORMAT_WITHOUT_SIZE);
        int objects = memory.objectCount();

        assertThatThrownBy(() -> memory.membrane().instantiate(point, 0))
                .isInstanceOf(MembraneException.class).hasMessageContaining("instance size");
        assertThat(memory.objectCount()).isEqualTo(objects);
    }
}
