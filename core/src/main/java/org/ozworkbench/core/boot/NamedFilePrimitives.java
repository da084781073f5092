package org.ozworkbench.core.boot;

import java.util.List;
import java.util.Map;
import org.ozworkbench.core.bytecode.Assembler;
import org.ozworkbench.core.bytecode.MethodHeader;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Squeak 2.2 images, and Squeak 3 images of the same age (the MIT Squeak 2.8 family), call the
 * file primitives by number (150-163), which today's Squeak VM no longer has: their file opens
 * silently answer nil. This replaces every such method with one calling the same primitive by name
 * in FilePlugin (primitive 117), so the images can write files on the real VM. Whether an image
 * needs it is decided by its methods' primitive numbers, never by its dialect: on an image whose
 * file methods are named already, {@link #install} changes nothing. The numbers and names are those
 * of VMMaker's obsolete indexed primitive table.
 */
public final class NamedFilePrimitives {
    private static final int NAMED_PRIMITIVE = 117;
    private static final String MODULE = "FilePlugin";
    /** The numbered file primitives and their FilePlugin function names. */
    public static final Map<Integer, String> BY_NUMBER = Map.ofEntries(
            Map.entry(150, "primitiveFileAtEnd"),
            Map.entry(151, "primitiveFileClose"),
            Map.entry(152, "primitiveFileGetPosition"),
            Map.entry(153, "primitiveFileOpen"),
            Map.entry(154, "primitiveFileRead"),
            Map.entry(155, "primitiveFileSetPosition"),
            Map.entry(156, "primitiveFileDelete"),
            Map.entry(157, "primitiveFileSize"),
            Map.entry(158, "primitiveFileWrite"),
            Map.entry(159, "primitiveFileRename"),
            Map.entry(160, "primitiveDirectoryCreate"),
            Map.entry(161, "primitiveDirectoryDelimitor"),
            Map.entry(162, "primitiveDirectoryLookup"),
            Map.entry(163, "primitiveDirectoryDelete"));

    private NamedFilePrimitives() {
    }

    /**
     * Replaces every method calling a numbered file primitive; answers how many it replaced (0 when
     * the image's file methods call FilePlugin by name already).
     */
    public static int install(ObjectSpace space) {
        int replaced = 0;
        for (ClassMirror cls : space.classes()) {
            for (ClassMirror side : List.of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    String function = BY_NUMBER.get(e.method().primitive());
                    if (function != null) {
                        side.addMethod(e.selector(), namedVersion(space, e.method(), function));
                        replaced++;
                    }
                }
            }
        }
        return replaced;
    }

    private static MethodMirror namedVersion(ObjectSpace space, MethodMirror old, String function) {
        List<GuestValue> description = List.of(space.newString(MODULE), space.newString(function), SmallInteger.of(0),
                SmallInteger.of(0));
        MethodHeader header = MethodHeader.of(old.numArgs(), old.numArgs(), 1, NAMED_PRIMITIVE, false);
        byte[] body = Assembler.create(space.hasClosures()).returnNil().build();
        return MethodMirror.create(space, header, List.of(space.newArray(description)), body);
    }
}
