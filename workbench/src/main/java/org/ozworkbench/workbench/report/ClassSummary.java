package org.ozworkbench.workbench.report;

import java.util.List;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MetaclassMirror;

/**
 * One class as {@code ozw classes} lists it.
 *
 * @param name              the class name
 * @param superclass        its superclass's name, null for a root class
 * @param category          its system category, null when the image keeps none for it
 * @param instanceVariables the instance variable names it adds (empty when the dialect keeps none)
 * @param instanceFormat    what its instances are: "fixed pointers", "bytes", ...
 * @param instanceMethods   methods on the instance side
 * @param classMethods      methods on the class side
 * @param oop               the class object's oop in the loaded file
 */
public record ClassSummary(String name, String superclass, String category, List<String> instanceVariables,
                           String instanceFormat, int instanceMethods, int classMethods, String oop) {

    public static ClassSummary of(ClassMirror cls) {
        MetaclassMirror meta = cls.metaclass();
        return new ClassSummary(cls.name(), cls.superclass().map(ClassMirror::name).orElse(null),
                cls.category().orElse(null), cls.instanceVariableNames(), ObjectFormat.describe(cls.instanceSpec()),
                cls.selectors().size(), meta.selectors().size(), Refs.of(cls));
    }
}
