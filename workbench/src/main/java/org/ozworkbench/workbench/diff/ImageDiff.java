package org.ozworkbench.workbench.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * What differs between two images, A and B, as {@code ozw diff} reports it: only what differs, each
 * section {@code null} when it was not asked for. Objects are matched by meaning, never by oop
 * (classes, methods, globals and class variables by name; processes by priority, state and top
 * frame), so two images whose objects all moved (one resaved by the real VM) compare by content.
 * The JSON field names are part of the command line's contract: add fields, never rename them.
 *
 * @param a              image A
 * @param b              image B
 * @param bytesEqual     whether the two files have the same bytes
 * @param sameContent    whether no section asked for shows a difference (layout fields aside)
 * @param header         differing header words that carry content (format, byte order, window, flags)
 * @param layout         differing header words that move with every save (data size, base, oops, hash seed)
 * @param classes        classes added, removed and changed in shape
 * @param methods        per class or metaclass present in both: methods added, removed, changed
 * @param globals        globals of Smalltalk added, removed, changed (except those naming a class)
 * @param classVariables per class present in both: class variables added, removed, changed
 * @param processes      what differs in the scheduler and the processes
 * @param specialObjects what differs in the special objects arrays, slot by slot
 * @param objects        object counts, total and by class
 * @param summary        one line: "identical", "same content, different bytes" or the differences counted
 */
public record ImageDiff(Image a, Image b, boolean bytesEqual, boolean sameContent, List<Change> header,
                        List<Change> layout, Classes classes, List<MethodChanges> methods, Named globals,
                        List<VariableChanges> classVariables, ProcessDiff processes, SpecialObjectsDiff specialObjects,
                        ObjectCounts objects, String summary) {

    /** The parts of a diff, each one a section of the report. */
    public enum Section { HEADER, CLASSES, METHODS, GLOBALS, CLASS_VARIABLES, PROCESSES, SPECIAL_OBJECTS, OBJECTS }

    /** One image: its file and size, its object, class and method counts. */
    public record Image(String file, long sizeBytes, int objects, int classes) {
    }

    /** Something both images have, with a different value in each. */
    public record Change(String what, String a, String b) {
    }

    /** Something only one image has, with its value. */
    public record NamedValue(String name, String value) {
    }

    /** Named values (globals, class variables) added in B, removed from A, changed between them. */
    public record Named(List<NamedValue> added, List<NamedValue> removed, List<Change> changed) {
        static Named between(Map<String, String> a, Map<String, String> b) {
            List<NamedValue> added = new ArrayList<>();
            List<NamedValue> removed = new ArrayList<>();
            List<Change> changed = new ArrayList<>();
            a.forEach((name, value) -> {
                String other = b.get(name);
                if (other == null) {
                    removed.add(new NamedValue(name, value));
                } else if (!other.equals(value)) {
                    changed.add(new Change(name, value, other));
                }
            });
            b.forEach((name, value) -> {
                if (!a.containsKey(name)) {
                    added.add(new NamedValue(name, value));
                }
            });
            return new Named(added, removed, changed);
        }

        /** Whether anything was added, removed or changed. */
        public boolean differs() {
            return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
        }
    }

    /** Classes (by name) only in B, only in A, and in both with a different shape. */
    public record Classes(List<String> added, List<String> removed, List<ClassChange> changed) {
        /** Whether anything was added, removed or changed. */
        public boolean differs() {
            return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
        }
    }

    /** A class both images have, with what differs in its shape. */
    public record ClassChange(String name, List<Change> changes) {
    }

    /** The methods of one class or metaclass ({@code "Point class"}) that differ. */
    public record MethodChanges(String className, List<String> added, List<String> removed,
                                List<ChangedMethod> changed) {    }

    /** A method both images have under one selector; {@code parts}: header, literals, bytecodes. */
    public record ChangedMethod(String selector, List<String> parts) {
    }

    /** The class variables of one class that differ. */
    public record VariableChanges(String className, Named variables) {
    }

    /**
     * Computes the diff of {@code spaceA} (loaded from {@code fileA}) and {@code spaceB}, for the
     * sections asked; {@code topClasses} bounds the by-class object counts listed.
     */
    public static ImageDiff between(Path fileA, ObjectSpace spaceA, Path fileB, ObjectSpace spaceB,
                                    Set<Section> sections, int topClasses) {
        Set<Section> asked = sections.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(sections);
        CodeDiff code = new CodeDiff(spaceA, spaceB);
        HeaderDiff headers = new HeaderDiff(spaceA.header(), spaceB.header());
        List<Change> header = asked.contains(Section.HEADER) ? headers.content() : null;
        List<Change> layout = asked.contains(Section.HEADER) ? headers.layout() : null;
        Classes classes = asked.contains(Section.CLASSES) ? code.classes() : null;
        List<MethodChanges> methods = asked.contains(Section.METHODS) ? code.methods() : null;
        Named globals = asked.contains(Section.GLOBALS) ? GlobalsDiff.between(spaceA, spaceB) : null;
        List<VariableChanges> classVariables = asked.contains(Section.CLASS_VARIABLES) ? code.classVariables() : null;
        ProcessDiff processes = asked.contains(Section.PROCESSES) ? ProcessDiff.between(spaceA, spaceB) : null;
        SpecialObjectsDiff specialObjects = asked.contains(Section.SPECIAL_OBJECTS)
                ? SpecialObjectsDiff.between(spaceA, spaceB) : null;
        ObjectCounts objects = asked.contains(Section.OBJECTS) ? ObjectCounts.between(spaceA, spaceB, topClasses)
                : null;
        boolean bytesEqual = sameBytes(fileA, fileB);
        List<String> differences = Summary.differences(header, classes, methods, globals, classVariables, processes,
                specialObjects, objects);
        return new ImageDiff(image(fileA, spaceA), image(fileB, spaceB), bytesEqual, differences.isEmpty(), header,
                layout, classes, methods, globals, classVariables, processes, specialObjects, objects,
                Summary.line(differences, bytesEqual, asked));
    }

    private static Image image(Path file, ObjectSpace space) {
        try {
            return new Image(file.toString(), Files.size(file), space.memory().objectCount(), space.classes().size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
        }
    }
}
