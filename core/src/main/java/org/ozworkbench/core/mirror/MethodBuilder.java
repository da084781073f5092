package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Builds a CompiledMethod in a space from stack-machine steps, keeping its literal frame: the
 * small assembler API that tests, the demo and boot hooks use until the compiler exists.
 * Globals are bound to the guest's own Associations; selectors are interned in its table.
 *
 * <pre>{@code
 * MethodMirror m = MethodBuilder.on(space)
 *         .pushGlobal("Smalltalk").send("quitPrimitive", 0).pop()
 *         .returnSelf().build();
 * }</pre>
 */
public final class MethodBuilder {
    private final ObjectSpace space;
    private final Assembler asm;
    private final List<GuestValue> literals = new ArrayList<>();
    private int numArgs;
    private int numTemps;
    private int primitive;
    private boolean largeFrame;

    private MethodBuilder(ObjectSpace space) {
        this.space = space;
        this.asm = Assembler.create(space.hasClosures());
    }

    public static MethodBuilder on(ObjectSpace space) {
        return new MethodBuilder(space);
    }

    /** The assembler, for steps this builder does not name (jumps, temporaries...). */
    public Assembler assembler() {
        return asm;
    }

    public MethodBuilder arguments(int n) {
        numArgs = n;
        numTemps = Math.max(numTemps, n);
        return this;
    }

    /** Arguments plus temporaries. */
    public MethodBuilder temporaries(int n) {
        numTemps = Math.max(n, numArgs);
        return this;
    }

    public MethodBuilder primitive(int index) {
        primitive = index;
        return this;
    }

    public MethodBuilder largeFrame() {
        largeFrame = true;
        return this;
    }

    /** The literal index of {@code value}, adding it to the frame once. */
    public int literal(GuestValue value) {
        int i = literals.indexOf(value);
        if (i >= 0) {
            return i;
        }
        literals.add(value);
        return literals.size() - 1;
    }

    public MethodBuilder pushConstant(GuestValue value) {
        asm.pushLiteralConstant(literal(value));
        return this;
    }

    /** Pushes a new String literal. */
    public MethodBuilder pushString(String s) {
        return pushConstant(space.newString(s));
    }

    public MethodBuilder pushSymbol(String s) {
        return pushConstant(space.intern(s));
    }

    /** Pushes a SmallInteger: the one-byte forms for -1..2, a literal otherwise. */
    public MethodBuilder pushInteger(int value) {
        if (value >= -1 && value <= 2) {
            asm.pushSmallInteger(value);
            return this;
        }
        return pushConstant(SmallInteger.of(value));
    }

    /** Pushes the value of a global through its Association (bytecode 64+). */
    public MethodBuilder pushGlobal(String name) {
        ObjectMirror binding = bindingOf(space, name).orElseThrow(() -> new IllegalArgumentException(
                "no global named '" + name + "' in " + space));
        asm.pushLiteralVariable(literal(binding));
        return this;
    }

    public MethodBuilder pushSelf() {
        asm.pushSelf();
        return this;
    }

    public MethodBuilder pushNil() {
        asm.pushNil();
        return this;
    }

    public MethodBuilder pushTemp(int i) {
        asm.pushTemporary(i);
        return this;
    }

    public MethodBuilder popIntoTemp(int i) {
        asm.popIntoTemporary(i);
        return this;
    }

    /** Sends {@code selector} (interned in the guest) with {@code args} arguments. */
    public MethodBuilder send(String selector, int args) {
        asm.send(literal(space.intern(selector)), args);
        return this;
    }

    public MethodBuilder pop() {
        asm.pop();
        return this;
    }

    public MethodBuilder dup() {
        asm.dup();
        return this;
    }

    public MethodBuilder returnTop() {
        asm.returnTop();
        return this;
    }

    public MethodBuilder returnSelf() {
        asm.returnSelf();
        return this;
    }

    /** The method, created in the guest through the membrane, with the no-source trailer. */
    public MethodMirror build() {
        byte[] code = asm.build();
        MethodHeader header = MethodHeader.of(numArgs, numTemps, literals.size(), primitive, largeFrame);
        return MethodMirror.create(space, header, literals, code);
    }

    /**
     * The Association that binds a global: from Smalltalk where the image has it, otherwise (Candle)
     * the binding some existing method already refers to, as the guest's compiler would reuse it.
     */
    public static Optional<ObjectMirror> bindingOf(ObjectSpace space, String name) {
        Optional<ObjectMirror> global = space.globalAssociation(name);
        if (global.isPresent() || space.smalltalk().isPresent()) {
            return global;
        }
        int keySlot = space.contract().get(Slot.ASSOCIATION_KEY);
        for (GuestObject o : space.memory().objects()) {
            if (!o.isCompiledMethod()) {
                continue;
            }
            for (int i = 1; i < o.pointerCount(); i++) {
                if (o.pointerAt(i) instanceof GuestObject a && a.isPointers() && a.pointerCount() == 2
                        && a.pointerAt(keySlot) instanceof GuestObject k && k.isBytes() && space.isSymbol(k)
                        && space.stringOf(k).equals(name) && !space.isClass(a)) {
                    return Optional.of(space.mirror(a));
                }
            }
        }
        return Optional.empty();
    }
}
