package org.ozworkbench.core.bootstrap;

import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.image.ImageFormat;

/**
 * The classes a kernel spec's manifest must name ({@code class.<key> = ClassName}): those the VM
 * finds in the special objects array and those the seed makes instances of before any method
 * runs. Compact indices are Squeak's (V3-FACTS section 4); the VM recognises contexts by theirs.
 * A pre-closure kernel has BlockContext, a closure kernel BlockClosure; a dialect whose classes
 * name no environment (Candle) may have no SystemDictionary. A manifest may give other compact
 * indices ({@code compactClasses}).
 */
enum Role {
    UNDEFINED_OBJECT("undefinedObject", null, 0),
    TRUE("true", null, 0),
    FALSE("false", null, 0),
    CLASS("class", null, 0),
    METACLASS("metaclass", null, 0),
    SMALL_INTEGER("smallInteger", SpecialObject.CLASS_SMALL_INTEGER, 0),
    STRING("string", SpecialObject.CLASS_STRING, 11),
    SYMBOL("symbol", null, 2),
    ARRAY("array", SpecialObject.CLASS_ARRAY, 3),
    BYTE_ARRAY("byteArray", SpecialObject.CLASS_BYTE_ARRAY, 0),
    FLOAT("float", SpecialObject.CLASS_FLOAT, 6),
    LARGE_POSITIVE_INTEGER("largePositiveInteger", SpecialObject.CLASS_LARGE_POSITIVE_INTEGER, 5),
    LARGE_NEGATIVE_INTEGER("largeNegativeInteger", SpecialObject.CLASS_LARGE_NEGATIVE_INTEGER, 4),
    CHARACTER("character", SpecialObject.CLASS_CHARACTER, 0),
    POINT("point", SpecialObject.CLASS_POINT, 9),
    MESSAGE("message", SpecialObject.CLASS_MESSAGE, 0),
    COMPILED_METHOD("compiledMethod", SpecialObject.CLASS_COMPILED_METHOD, 1),
    METHOD_CONTEXT("methodContext", SpecialObject.CLASS_METHOD_CONTEXT, 14),
    BLOCK_CONTEXT("blockContext", SpecialObject.CLASS_BLOCK_CONTEXT, 13) {
        @Override
        boolean neededBy(ImageFormat format, Contract contract) {
            return !format.hasClosures();
        }
    },
    BLOCK_CLOSURE("blockClosure", SpecialObject.CLASS_BLOCK_CLOSURE, 0) {
        @Override
        boolean neededBy(ImageFormat format, Contract contract) {
            return format.hasClosures();
        }
    },
    METHOD_DICTIONARY("methodDictionary", null, 7),
    ASSOCIATION("association", null, 8),
    DICTIONARY("dictionary", null, 0),
    SYSTEM_DICTIONARY("systemDictionary", null, 0) {
        @Override
        boolean optionalIn(Contract contract) {
            return !contract.has(Slot.CLASS_ENVIRONMENT);
        }
    },
    PROCESS("process", SpecialObject.CLASS_PROCESS, 0),
    PROCESSOR_SCHEDULER("processorScheduler", null, 0),
    LINKED_LIST("linkedList", null, 0),
    SEMAPHORE("semaphore", SpecialObject.CLASS_SEMAPHORE, 0);

    private final String key;
    private final SpecialObject special;
    private final int compactIndex;

    Role(String key, SpecialObject special, int compactIndex) {
        this.key = key;
        this.special = special;
        this.compactIndex = compactIndex;
    }

    /** Whether a kernel of this format and dialect has (and its manifest names) this class: blocks differ. */
    boolean neededBy(ImageFormat format, Contract contract) {
        return true;
    }

    /** Whether the manifest may leave this class out in a kernel of this dialect. */
    boolean optionalIn(Contract contract) {
        return false;
    }

    /** The manifest key: {@code class.<key>}. */
    String key() {
        return key;
    }

    /** The special objects array slot holding this class, or null. */
    SpecialObject special() {
        return special;
    }

    /** The compact class index its instances get (0: none). */
    int compactIndex() {
        return compactIndex;
    }
}
