package org.ozworkbench.core.contract;

/**
 * Indices (0-based) into the special objects array: the objects the VM itself knows
 * (V3-FACTS section 4; the same in every V3 dialect, though an image may hold nil at some).
 */
public enum SpecialObject {
    NIL(0),
    FALSE(1),
    TRUE(2),
    SCHEDULER_ASSOCIATION(3),
    CLASS_BITMAP(4),
    CLASS_SMALL_INTEGER(5),
    CLASS_STRING(6),
    CLASS_ARRAY(7),
    SMALLTALK(8),
    CLASS_FLOAT(9),
    CLASS_METHOD_CONTEXT(10),
    CLASS_BLOCK_CONTEXT(11),
    CLASS_POINT(12),
    CLASS_LARGE_POSITIVE_INTEGER(13),
    DISPLAY(14),
    CLASS_MESSAGE(15),
    CLASS_COMPILED_METHOD(16),
    LOW_SPACE_SEMAPHORE(17),
    CLASS_SEMAPHORE(18),
    CLASS_CHARACTER(19),
    SELECTOR_DOES_NOT_UNDERSTAND(20),
    SELECTOR_CANNOT_RETURN(21),
    INPUT_SEMAPHORE(22),
    SPECIAL_SELECTORS(23),
    CHARACTER_TABLE(24),
    SELECTOR_MUST_BE_BOOLEAN(25),
    CLASS_BYTE_ARRAY(26),
    CLASS_PROCESS(27),
    COMPACT_CLASSES(28),
    TIMER_SEMAPHORE(29),
    USER_INTERRUPT_SEMAPHORE(30),
    FLOAT_PROTOTYPE(31),
    LARGE_POSITIVE_INTEGER_PROTOTYPE(32),
    POINT_PROTOTYPE(33),
    SELECTOR_CANNOT_INTERPRET(34),
    CLASS_BLOCK_CLOSURE(36),
    EXTERNAL_OBJECTS(38),
    FINALIZATION_SEMAPHORE(41),
    CLASS_LARGE_NEGATIVE_INTEGER(42);

    private final int index;

    SpecialObject(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }
}
