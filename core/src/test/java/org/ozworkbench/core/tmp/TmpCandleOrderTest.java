package org.ozworkbench.core.tmp;

import java.util.*;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.*;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.mirror.*;
import org.ozworkbench.core.space.ObjectSpace;

class TmpCandleOrderTest {
    static final Set<String> OPT = Set.of("ifTrue:", "ifFalse:", "ifTrue:ifFalse:", "ifFalse:ifTrue:", "and:", "or:",
            "whileTrue:", "whileFalse:", "whileTrue", "whileFalse", "to:do:", "to:by:do:", "ifNil:", "ifNotNil:",
            "ifNil:ifNotNil:", "ifNotNil:ifNil:", "timesRepeat:", "repeat");
    @Test
    void probe() {
        try (ObjectSpace space = ObjectSpace.load(Images.assumeImage("candle-6505.image"))) {
            Decompiler d = Decompiler.on(space);
            org.ozworkbench.core.compiler.Compiler c = org.ozworkbench.core.compiler.Compiler.on(space);
            for (ClassMirror ic : space.classes()) {
                for (ClassMirror cls : List.of(ic, ic.metaclass())) {
                    for (MethodDictionaryMirror.Entry e : cls.methodDictionary().entries()) {
                        List<GuestValue> lits = e.method().literals();
                        List<String> orig = new ArrayList<>();
                        for (int i = 0; i < lits.size() - 2; i++)
                            if (lits.get(i) instanceof ByteObjectMirror b && b.isSymbol() && OPT.contains(b.asString())) orig.add(b.asString());
                        if (orig.size() < 2) continue;
                        try {
                            CompiledMethodSpec s = c.compile(cls, d.decompile(cls, e.selector(), e.method()));
                            List<String> ours = new ArrayList<>();
                            List<Literal> l = s.literals();
                            for (int i = 0; i < l.size() - 2; i++)
                                if (l.get(i) instanceof Literal.Selector x && OPT.contains(x.name())) ours.add(x.name());
                            System.out.println("ORDER " + String.join(" ", ours) + " | " + String.join(" ", orig));
                            if (!new TreeSet<>(ours).equals(new TreeSet<>(orig))) System.out.println("SRC " + cls.name() + ">>" + d.decompile(cls, e.selector(), e.method()) + "\n" + e.method().disassemble());
                        } catch (Exception x) {
                            System.out.println("SKIP " + x);
                        }
                    }
                }
            }
        }
    }
}
