package org.ozworkbench.workbench.server;

import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The implementors and senders of a selector, as a class browser lists them: the methods named
 * by it, and the methods whose literals hold it as a Symbol (the sends the compiler does not turn
 * into a special bytecode, {@code +} or {@code ==} among those it does, and {@code perform:} of the Symbol).
 *
 * @param selector    the selector
 * @param implementors {@code Class>>selector} of each method of that name, both sides, by class name
 * @param senders     {@code Class>>selector} of each method that holds the Symbol among its literals
 */
record SelectorReferences(String selector, List<String> implementors, List<String> senders) {

    static SelectorReferences of(ObjectSpace space, String selector) {
        List<String> implementors = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        for (ClassMirror cls : ObjectSpace.sortedByName(space.classes())) {
            for (ClassMirror side : List.<ClassMirror>of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    if (e.selector().equals(selector)) {
                        implementors.add(side.name() + ">>" + e.selector());
                    }
                    if (e.method().literals().stream().anyMatch(l -> isSymbol(l, selector))) {
                        senders.add(side.name() + ">>" + e.selector());
                    }
                }
            }
        }
        return new SelectorReferences(selector, implementors, senders);
    }

    private static boolean isSymbol(GuestValue literal, String selector) {
        return literal instanceof ByteObjectMirror b && b.classMirror().name().equals("Symbol")
                && b.asString().equals(selector);
    }
}
