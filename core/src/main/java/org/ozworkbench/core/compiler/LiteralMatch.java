package org.ozworkbench.core.compiler;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Whether what our compiler made is a method of the guest: the same header, bytecodes and literals,
 * a literal of ours being the guest's when installing it would give the guest's (the same Symbol,
 * the same binding, a constant of the same value; Floats by their bits).
 */
public final class LiteralMatch {
    private LiteralMatch() {
    }

    /** Whether {@code ours}, compiled for {@code cls}, is {@code original} (its trailer aside). */
    public static boolean sameMethod(ObjectSpace space, ClassMirror cls, MethodMirror original, CompiledMethodSpec ours) {
        List<GuestValue> theirs = original.literals();
        List<Literal> our = ours.literals();
        if (original.header().encode() != ours.header().encode() || theirs.size() != our.size()
                || !Arrays.equals(original.bytecodes(), ours.bytecodes())) {
            return false;
        }
        for (int i = 0; i < our.size(); i++) {
            if (!same(space, cls, theirs.get(i), our.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether installing {@code ours} in a method of {@code cls} gives {@code original}. */
    public static boolean same(ObjectSpace space, ClassMirror cls, GuestValue original, Literal ours) {
        if (ours instanceof Literal.Selector s) {
            return original instanceof ByteObjectMirror b && b.isSymbol() && b.asString().equals(s.name());
        }
        if (ours instanceof Literal.Binding b) {
            return original instanceof ObjectMirror m && m.ref().equals(b.association());
        }
        if (ours instanceof Literal.MethodClass m) {
            if (m.association() != null) {
                return original instanceof ObjectMirror o && o.ref().equals(m.association());
            }
            return original instanceof ObjectMirror o && o.slotCount() == 2 && Objects.equals(o.slot(1), cls);
        }
        return sameValue(space, original, ((Literal.Constant) ours).value());
    }

    private static boolean sameValue(ObjectSpace space, GuestValue original, LiteralValue v) {
        if (v instanceof LiteralValue.SymbolValue s) {
            return original instanceof ByteObjectMirror b && b.isSymbol() && b.asString().equals(s.value());
        }
        if (v instanceof LiteralValue.ArrayValue a) {
            if (!(original instanceof ObjectMirror array) || !space.specialObject(SpecialObject.CLASS_ARRAY)
                    .filter(c -> c instanceof ObjectMirror cls && cls.ref().equals(array.classMirror().ref())).isPresent()
                    || array.slotCount() != a.elements().size()) {
                return false;
            }
            for (int i = 0; i < a.elements().size(); i++) {
                if (!sameValue(space, array.slot(i), a.elements().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (original instanceof ByteObjectMirror b && b.isSymbol()) {
            return false;
        }
        Object host = space.toHost(original);
        if (v instanceof LiteralValue.IntegerValue i) {
            return host instanceof Number n && !(host instanceof Double) && new BigInteger(n.toString()).equals(i.value());
        }
        if (v instanceof LiteralValue.FloatValue f) {
            return host instanceof Double d && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(f.value());
        }
        if (v instanceof LiteralValue.CharacterValue c) {
            return Objects.equals(host, c.value());
        }
        if (v instanceof LiteralValue.StringValue s) {
            return Objects.equals(host, s.value());
        }
        if (v instanceof LiteralValue.ConstantValue c) {
            return switch (c.name()) {
                case "nil" -> host == null;
                case "true" -> Boolean.TRUE.equals(host);
                default -> Boolean.FALSE.equals(host);
            };
        }
        if (v instanceof LiteralValue.ByteArrayValue b) {
            return host instanceof ByteObjectMirror m && Arrays.equals(m.bytes(), b.bytes());
        }
        return false;
    }
}
