package org.ozworkbench.workbench.report;

import java.util.Comparator;
import java.util.List;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;

/**
 * The methods of one class (or metaclass), sorted by selector, as {@code ozw methods} lists them.
 *
 * @param className  "Array", or "Array class" for the class side
 * @param superclass the superclass's name, null for a root class
 * @param methods    the methods, by selector
 */
public record MethodListing(String className, String superclass, List<Method> methods) {

    /**
     * One method's header at a glance.
     *
     * @param quick    what a quick method answers ("^self", "^instVar 2"), null for other methods
     * @param category the method category the class's organizer files it under, null when it has none
     */
    public record Method(String selector, int numArgs, int numTemps, int numLiterals, int primitive, String quick,
                         int bytecodeSize, String oop, String category) {

        static Method of(ClassMirror cls, String selector, MethodMirror m) {
            MethodHeader h = m.header();
            return new Method(selector, h.numArgs(), h.numTemps(), h.numLiterals(), h.primitiveIndex(),
                    h.isQuick() ? h.quickDescription() : null, m.bytecodes().length, Refs.of(m),
                    cls.space().methodCategoryOf(cls, selector).orElse(null));
        }
    }

    public static MethodListing of(ClassMirror cls) {
        List<Method> methods = cls.methodDictionary().entries().stream()
                .sorted(Comparator.comparing(MethodDictionaryMirror.Entry::selector))
                .map(e -> Method.of(cls, e.selector(), e.method()))
                .toList();
        return new MethodListing(cls.name(), cls.superclass().map(ClassMirror::name).orElse(null), methods);
    }
}
