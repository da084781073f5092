package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.bytecode.Disassembler;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.bytecode.Trailer;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A mirror of a CompiledMethod: its header, literals (0-based), bytecodes and trailer.
 * {@link #create} assembles a new one from a header, literals and bytecodes.
 */
public class MethodMirror extends ObjectMirror {
    /** The trailer the guest's own compiler gives a method without source: four zero bytes. */
    private static final byte[] NO_SOURCE_TRAILER = {0, 0, 0, 0};

    public MethodMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
        if (!object.isCompiledMethod()) {
            throw new IllegalArgumentException(object + " is not a compiled method");
        }
    }

    /**
     * A new CompiledMethod with this header, literals and bytecodes, followed by the no-source
     * trailer, created through the membrane. The header's literal count must match.
     */
    public static MethodMirror create(ObjectSpace space, MethodHeader header, List<? extends GuestValue> literals,
                                      byte[] bytecodes) {
        if (header.numLiterals() != literals.size()) {
            throw new IllegalArgumentException("header declares " + header.numLiterals() + " literals, "
                    + literals.size() + " given");
        }
        int frame = space.contract().get(header.largeFrame() ? Slot.FRAME_LARGE : Slot.FRAME_SMALL);
        if (header.numTemps() > frame) {
            throw new IllegalArgumentException(header.numTemps() + " temporaries exceed the "
                    + (header.largeFrame() ? "large" : "small") + " frame of " + frame + " slots: the method's"
                    + " contexts could not hold them");
        }
        Object[] pointers = new Object[1 + literals.size()];
        pointers[0] = header.encode();
        for (int i = 0; i < literals.size(); i++) {
            pointers[1 + i] = space.unwrap(literals.get(i));
        }
        byte[] bytes = Arrays.copyOf(bytecodes, bytecodes.length + NO_SOURCE_TRAILER.length);
        GuestObject cls = (GuestObject) space.memory().specialObject(SpecialObject.CLASS_COMPILED_METHOD.index());
        return new MethodMirror(space, space.membrane().create(cls, ObjectFormat.COMPILED_METHOD, pointers, new int[0],
                bytes));
    }

    public MethodHeader header() {
        return MethodHeader.decode((Integer) object.pointerAt(0));
    }

    public int numArgs() {
        return header().numArgs();
    }

    public int numTemps() {
        return header().numTemps();
    }

    public int numLiterals() {
        return header().numLiterals();
    }

    public int primitive() {
        return header().primitiveIndex();
    }

    /** The context size this method needs: the image's small or large frame. */
    public int frameSize() {
        return space.contract().get(header().largeFrame() ? Slot.FRAME_LARGE : Slot.FRAME_SMALL);
    }

    public List<GuestValue> literals() {
        List<GuestValue> result = new ArrayList<>(object.pointerCount() - 1);
        for (int i = 1; i < object.pointerCount(); i++) {
            result.add(space.valueOf(object.pointerAt(i)));
        }
        return result;
    }

    public GuestValue literalAt(int index) {
        return slot(index + 1);
    }

    /** The bytes after header and literals: bytecodes then trailer. */
    public byte[] bytePart() {
        return Arrays.copyOf(object.bytes(), object.byteCount());
    }

    public Trailer trailer() {
        return Trailer.read(bytePart());
    }

    public byte[] bytecodes() {
        return trailer().bytecodes(bytePart());
    }

    public int initialPc() {
        return header().initialPc();
    }

    public int endPc() {
        return trailer().endPc(initialPc());
    }

    /** The class the method belongs to, from its last literal (the Association super sends use). */
    public Optional<ClassMirror> methodClass() {
        if (numLiterals() == 0) {
            return Optional.empty();
        }
        GuestValue last = literalAt(numLiterals() - 1);
        if (last instanceof ObjectMirror a && a.slotCount() == 2 && !(a instanceof ClassMirror)
                && a.slot(space.contract().get(Slot.ASSOCIATION_VALUE)) instanceof ClassMirror c) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

    public List<Instruction> instructions() {
        List<GuestValue> literals = literals();
        return Disassembler.disassemble(bytecodes(), initialPc(),
                i -> i >= 0 && i < literals.size() ? nameLiteral(literals.get(i)) : "literal " + i, space.hasClosures());
    }

    /** The disassembly, one instruction a line, with a line for a quick or primitive method. */
    public String disassemble() {
        MethodHeader h = header();
        StringBuilder sb = new StringBuilder();
        if (h.isQuick()) {
            sb.append("quick: ").append(h.quickDescription()).append('\n');
        } else if (h.primitiveIndex() != 0) {
            sb.append("<primitive: ").append(h.primitiveIndex()).append(">\n");
        }
        sb.append(Disassembler.format(instructions()));
        return sb.toString();
    }

    private String nameLiteral(GuestValue literal) {
        if (literal instanceof ObjectMirror m && !(m instanceof ClassMirror) && m.slotCount() == 2
                && m.classMirror().name().contains("Association") || literal instanceof ObjectMirror b
                && b.classMirror().name().endsWith("Binding")) {
            ObjectMirror association = (ObjectMirror) literal;
            GuestValue key = association.slot(space.contract().get(Slot.ASSOCIATION_KEY));
            return key instanceof ByteObjectMirror k ? k.asString() : association.describe();
        }
        return literal instanceof ObjectMirror m ? m.describe() : literal.toString();
    }
}
