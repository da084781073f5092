package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MetaclassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Symbol;

/**
 * Makes a compiled method real in a space: its literals become guest objects (Symbols interned
 * in the guest's table, bindings the guest's own Associations), then the CompiledMethod is created
 * and, if asked, installed in a class's method dictionary. Every step goes through the membrane.
 */
public final class MethodInstaller {
    private final ObjectSpace space;

    public MethodInstaller(ObjectSpace space) {
        this.space = space;
    }

    /** Creates the CompiledMethod for {@code spec} in the guest, for {@code cls}. */
    public MethodMirror create(CompiledMethodSpec spec, ClassMirror cls) {
        List<GuestValue> literals = new ArrayList<>();
        for (Literal l : spec.literals()) {
            literals.add(materialize(l, cls));
        }
        return MethodMirror.create(space, spec.header(), literals, spec.bytecodes());
    }

    /**
     * Creates the method and installs it under its selector in {@code cls}, filed under
     * {@code category} unless null; one operation, noted with its source.
     */
    public MethodMirror install(CompiledMethodSpec spec, ClassMirror cls, String source, String category) {
        long mark = space.membrane().mark();
        MethodMirror method = create(spec, cls);
        cls.addMethod(spec.selector(), method, source, category, mark);
        return method;
    }

    private GuestValue materialize(Literal literal, ClassMirror cls) {
        if (literal instanceof Literal.Constant c) {
            return constant(c.value());
        }
        if (literal instanceof Literal.Selector s) {
            return space.intern(s.name());
        }
        if (literal instanceof Literal.Binding b) {
            return object(b.association());
        }
        Literal.MethodClass mc = (Literal.MethodClass) literal;
        if (mc.association() != null) {
            return object(mc.association());
        }
        return newAssociation(cls instanceof MetaclassMirror ? space.nilObject() : space.intern(cls.name()), cls);
    }

    private ObjectMirror object(org.ozworkbench.core.memory.GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        if (o == null) {
            throw new IllegalStateException("no object " + ref + " in " + space);
        }
        return space.mirror(o);
    }

    private ObjectMirror newAssociation(GuestValue key, GuestValue value) {
        GuestObject schedulerAssociation = (GuestObject) space.memory().specialObject(
                SpecialObject.SCHEDULER_ASSOCIATION.index());
        ObjectMirror a = space.mirror(space.membrane().instantiate(schedulerAssociation.cls(), 0));
        a.slotPut(space.contract().get(Slot.ASSOCIATION_KEY), key);
        a.slotPut(space.contract().get(Slot.ASSOCIATION_VALUE), value);
        return a;
    }

    private GuestValue constant(LiteralValue v) {
        if (v instanceof LiteralValue.IntegerValue i) {
            return space.toGuest(i.value());
        }
        if (v instanceof LiteralValue.FloatValue f) {
            return space.toGuest(f.value());
        }
        if (v instanceof LiteralValue.CharacterValue c) {
            return space.toGuest(c.value());
        }
        if (v instanceof LiteralValue.StringValue s) {
            return space.newString(s.value());
        }
        if (v instanceof LiteralValue.SymbolValue s) {
            // The empty Symbol, which a named primitive's description may hold, has no host Symbol.
            return s.value().isEmpty() ? space.intern(s.value()) : space.toGuest(Symbol.of(s.value()));
        }
        if (v instanceof LiteralValue.ConstantValue c) {
            return switch (c.name()) {
                case "true" -> space.trueObject();
                case "false" -> space.falseObject();
                default -> space.nilObject();
            };
        }
        if (v instanceof LiteralValue.ArrayValue a) {
            List<GuestValue> elements = new ArrayList<>();
            for (LiteralValue e : a.elements()) {
                elements.add(constant(e));
            }
            return space.newArray(elements);
        }
        if (v instanceof LiteralValue.ByteArrayValue b) {
            GuestObject byteArray = (GuestObject) space.memory().specialObject(SpecialObject.CLASS_BYTE_ARRAY.index());
            return space.mirror(space.membrane().create(byteArray, ObjectFormat.BYTES, new Object[0], new int[0],
                    b.bytes()));
        }
        throw new IllegalArgumentException("literal " + v + " has no guest form in this workbench yet");
    }
}
