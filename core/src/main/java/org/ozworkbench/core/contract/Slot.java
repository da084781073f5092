package org.ozworkbench.core.contract;

/**
 * The guest slots the host needs to know, each with its key in a contract file. Values are
 * 0-based slot indices (or, for the FRAME_ keys, sizes). A dialect leaves out what its objects
 * do not have (e.g. Candle classes keep no instance variable names).
 */
public enum Slot {
    CLASS_SUPERCLASS("class.superclass"),
    CLASS_METHOD_DICT("class.methodDict"),
    CLASS_FORMAT("class.format"),
    CLASS_INSTANCE_VARIABLES("class.instanceVariables"),
    CLASS_ORGANIZATION("class.organization"),
    CLASS_SUBCLASSES("class.subclasses"),
    CLASS_NAME("class.name"),
    CLASS_POOL("class.classPool"),
    CLASS_SHARED_POOLS("class.sharedPools"),
    CLASS_ENVIRONMENT("class.environment"),
    METACLASS_THIS_CLASS("metaclass.thisClass"),
    METACLASS_SLOTS("metaclass.slots"),

    METHOD_DICT_TALLY("methodDict.tally"),
    METHOD_DICT_ARRAY("methodDict.array"),
    METHOD_DICT_FIXED_SLOTS("methodDict.fixedSlots"),
    DICTIONARY_TALLY("dictionary.tally"),
    DICTIONARY_ARRAY("dictionary.array"),
    ASSOCIATION_KEY("association.key"),
    ASSOCIATION_VALUE("association.value"),

    CONTEXT_SENDER("context.sender"),
    CONTEXT_PC("context.pc"),
    CONTEXT_STACKP("context.stackp"),
    CONTEXT_METHOD("context.method"),
    CONTEXT_CLOSURE_OR_NIL("context.closureOrNil"),
    CONTEXT_RECEIVER("context.receiver"),
    CONTEXT_FIXED_SLOTS("context.fixedSlots"),
    BLOCK_CONTEXT_NARGS("blockContext.nargs"),
    BLOCK_CONTEXT_STARTPC("blockContext.startpc"),
    BLOCK_CONTEXT_HOME("blockContext.home"),
    CLOSURE_OUTER_CONTEXT("closure.outerContext"),
    CLOSURE_STARTPC("closure.startpc"),
    CLOSURE_NUM_ARGS("closure.numArgs"),
    CLOSURE_FIXED_SLOTS("closure.fixedSlots"),

    PROCESS_NEXT_LINK("process.nextLink"),
    PROCESS_SUSPENDED_CONTEXT("process.suspendedContext"),
    PROCESS_PRIORITY("process.priority"),
    PROCESS_MY_LIST("process.myList"),
    SCHEDULER_PROCESS_LISTS("scheduler.processLists"),
    SCHEDULER_ACTIVE_PROCESS("scheduler.activeProcess"),
    LINKED_LIST_FIRST_LINK("linkedList.firstLink"),
    LINKED_LIST_LAST_LINK("linkedList.lastLink"),
    SEMAPHORE_EXCESS_SIGNALS("semaphore.excessSignals"),

    FRAME_SMALL("frame.small"),
    FRAME_LARGE("frame.large");

    private final String key;

    Slot(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
