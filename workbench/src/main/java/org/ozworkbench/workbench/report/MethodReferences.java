package org.ozworkbench.workbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.ozworkbench.core.bytecode.Instruction;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The methods that implement a selector, or send it, as a browser's "implementors" and "senders"
 * list them: {@code Point>>x}, {@code Point class>>x:y:}, sorted, both sides of every class.
 *
 * @param selector the selector asked about
 * @param kind     {@code implementors} or {@code senders}
 * @param methods  where each is, as {@code Class>>selector}
 */
public record MethodReferences(String selector, String kind, List<String> methods) {
    private static final String SPECIAL_SEND_SUFFIX = " (special)";

    /** The methods installed under {@code selector}. */
    public static MethodReferences implementors(ObjectSpace space, String selector) {
        return new MethodReferences(selector, "implementors", find(space, (entry, sel) -> entry.selector().equals(sel), selector));
    }

    /**
     * The methods that send {@code selector}: its Symbol is one of their literals, or they send it
     * by one of the special-selector bytecodes, which name no literal.
     */
    public static MethodReferences senders(ObjectSpace space, String selector) {
        return new MethodReferences(selector, "senders", find(space, (entry, sel) -> sends(entry.method(), sel), selector));
    }

    private static List<String> find(ObjectSpace space, BiPredicate<MethodDictionaryMirror.Entry, String> test,
                                     String selector) {
        List<String> found = new ArrayList<>();
        for (ClassMirror cls : ObjectSpace.sortedByName(space.classes())) {
            for (ClassMirror side : List.of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry entry : side.methodDictionary().entries()) {
                    if (test.test(entry, selector)) {
                        found.add(side.name() + ">>" + entry.selector());
                    }
                }
            }
        }
        found.sort(null);
        return found;
    }

    private static boolean sends(MethodMirror method, String selector) {
        for (GuestValue literal : method.literals()) {
            if (literal instanceof ByteObjectMirror b && b.isSymbol() && b.asString().equals(selector)) {
                return true;
            }
        }
        String special = "send: " + selector + SPECIAL_SEND_SUFFIX;
        for (Instruction i : method.instructions()) {
            if (i.kind() == Instruction.Kind.SPECIAL_SEND && i.text().equals(special)) {
                return true;
            }
        }
        return false;
    }
}
