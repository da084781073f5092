package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of a MethodContext or (pre-closure) BlockContext: an activation with its method, pc,
 * stack pointer, receiver, arguments, temporaries and stack, and its sender.
 */
public class ContextMirror extends ObjectMirror {
    private static final String DOES_NOT_UNDERSTAND = "doesNotUnderstand:";
    /** The selector's slot in a Message, as the VM makes one for doesNotUnderstand:. */
    private static final int MESSAGE_SELECTOR = 0;

    public ContextMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    public boolean isBlockContext() {
        return object.cls() == space.memory().specialObject(SpecialObject.CLASS_BLOCK_CONTEXT.index());
    }

    /** True for a block activation: a pre-closure BlockContext, or a context running a closure. */
    public boolean isBlockActivation() {
        if (isBlockContext()) {
            return true;
        }
        return space.contract().has(Slot.CONTEXT_CLOSURE_OR_NIL)
                && slot(slotIndex(Slot.CONTEXT_CLOSURE_OR_NIL)) instanceof ObjectMirror closure && !closure.isNil();
    }

    private int slotIndex(Slot s) {
        return space.contract().get(s);
    }

    /** The sender (for a BlockContext, the caller), or empty at the bottom of the chain. */
    public Optional<ContextMirror> sender() {
        return slot(slotIndex(Slot.CONTEXT_SENDER)) instanceof ContextMirror c ? Optional.of(c) : Optional.empty();
    }

    /** The home MethodContext of a BlockContext; this context itself for a MethodContext. */
    public ContextMirror home() {
        if (isBlockContext() && slot(slotIndex(Slot.BLOCK_CONTEXT_HOME)) instanceof ContextMirror h) {
            return h;
        }
        return this;
    }

    /** The method running in this context (a block's home method for a BlockContext). */
    public Optional<MethodMirror> method() {
        ContextMirror home = home();
        return home.slot(slotIndex(Slot.CONTEXT_METHOD)) instanceof MethodMirror m ? Optional.of(m) : Optional.empty();
    }

    /** The 1-based pc of the next bytecode, or empty when the context is dead (pc nil). */
    public Optional<Integer> pc() {
        return slot(slotIndex(Slot.CONTEXT_PC)) instanceof SmallInteger s ? Optional.of(s.value()) : Optional.empty();
    }

    /** The number of used stack slots after the fixed fields (arguments and temporaries included). */
    public int stackPointer() {
        return slot(slotIndex(Slot.CONTEXT_STACKP)) instanceof SmallInteger s ? s.value() : 0;
    }

    public GuestValue receiver() {
        return home().slot(slotIndex(Slot.CONTEXT_RECEIVER));
    }

    /** The used part of the stack frame: arguments, temporaries, then pushed values. */
    public List<GuestValue> stack() {
        int first = slotIndex(Slot.CONTEXT_FIXED_SLOTS);
        List<GuestValue> values = new ArrayList<>();
        for (int i = 0; i < stackPointer() && first + i < slotCount(); i++) {
            values.add(slot(first + i));
        }
        return values;
    }

    /** The method's arguments (of the home context for a block). */
    public List<GuestValue> arguments() {
        ContextMirror home = home();
        int n = home.method().map(MethodMirror::numArgs).orElse(0);
        return home.stack().subList(0, Math.min(n, home.stack().size()));
    }

    /** The method's temporaries that are not arguments. */
    public List<GuestValue> temporaries() {
        ContextMirror home = home();
        List<GuestValue> stack = home.stack();
        int args = home.method().map(MethodMirror::numArgs).orElse(0);
        int temps = home.method().map(MethodMirror::numTemps).orElse(0);
        return stack.subList(Math.min(args, stack.size()), Math.min(temps, stack.size()));
    }

    /** This context and its senders, top first (at most {@code limit}). */
    public List<ContextMirror> senderChain(int limit) {
        List<ContextMirror> chain = new ArrayList<>();
        for (Optional<ContextMirror> c = Optional.of(this); c.isPresent() && chain.size() < limit; c = c.get().sender()) {
            chain.add(c.get());
        }
        return chain;
    }

    /**
     * {@code Class>>selector @pc}, with {@code [] in} for a block, as a debugger prints a frame: a
     * receiver of another class than the method's shows as {@code SmallInteger(Object)>>selector},
     * and a doesNotUnderstand: frame names the selector not understood
     * ({@code SmallInteger(Object)>>doesNotUnderstand: #foo}). A method no dictionary holds any
     * more (an old version still running) is named as {@link OldVersions} finds it and marked
     * {@code (old version)}, else shows as {@code Class>>?}, its class taken from its class binding,
     * else from the receiver.
     */
    public String frameDescription() {
        return (isBlockActivation() ? "[] in " : "") + methodDescription() + " @" + pc().map(String::valueOf).orElse("nil");
    }

    private String methodDescription() {
        ClassMirror receiverClass = receiverClass();
        Optional<MethodMirror> method = method();
        if (method.isEmpty()) {
            return receiverClass.name() + ">>?";
        }
        MethodMirror m = method.get();
        Optional<MethodLocation> installed = space.methodLocation(m);
        if (installed.isPresent()) {
            return in(receiverClass, installed.get().methodClass()) + ">>" + installed.get().selector()
                    + notUnderstood(installed.get().selector());
        }
        return OldVersions.likelyLocation(m, receiverClass)
                .map(l -> in(receiverClass, l.methodClass()) + ">>" + l.selector() + " (old version)")
                .orElseGet(() -> in(receiverClass, m.methodClass().orElse(receiverClass)) + ">>?");
    }

    /** {@code Receiver(MethodClass)}, or only the method's class when the receiver is of that class. */
    private static String in(ClassMirror receiverClass, ClassMirror methodClass) {
        return receiverClass.equals(methodClass) ? methodClass.name()
                : receiverClass.name() + "(" + methodClass.name() + ")";
    }

    /** {@code " #foo"} for a doesNotUnderstand: frame whose Message names {@code foo}, else nothing. */
    private String notUnderstood(String selector) {
        if (!selector.equals(DOES_NOT_UNDERSTAND) || arguments().isEmpty()
                || !(arguments().get(0) instanceof ObjectMirror message)
                || message.guestObject().cls() != space.memory().specialObject(SpecialObject.CLASS_MESSAGE.index())
                || !(message.slot(MESSAGE_SELECTOR) instanceof ByteObjectMirror name)) {
            return "";
        }
        return " #" + name.asString();
    }

    private ClassMirror receiverClass() {
        GuestValue r = receiver();
        return r instanceof ObjectMirror o ? o.classMirror() : space.classMirror(space.memory().classOf(
                ((SmallInteger) r).value()));
    }

    @Override
    public String describe() {
        return frameDescription();
    }
}
