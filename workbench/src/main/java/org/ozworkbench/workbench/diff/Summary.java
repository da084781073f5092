package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.ozworkbench.workbench.diff.ImageDiff.Change;
import org.ozworkbench.workbench.diff.ImageDiff.Classes;
import org.ozworkbench.workbench.diff.ImageDiff.MethodChanges;
import org.ozworkbench.workbench.diff.ImageDiff.Named;
import org.ozworkbench.workbench.diff.ImageDiff.Section;
import org.ozworkbench.workbench.diff.ImageDiff.VariableChanges;

/** The one-line summary of a diff: what differs, counted; sections not asked for are null. */
final class Summary {
    private Summary() {
    }

    static List<String> differences(List<Change> header, Classes classes, List<MethodChanges> methods, Named globals,
                                    List<VariableChanges> classVariables, ProcessDiff processes,
                                    SpecialObjectsDiff specialObjects, ObjectCounts objects) {
        List<String> d = new ArrayList<>();
        if (header != null && !header.isEmpty()) {
            d.add(count(header.size(), "header word") + (header.size() == 1 ? " differs" : " differ"));
        }
        if (classes != null) {
            add(d, classes.added().size(), "class", "added");
            add(d, classes.removed().size(), "class", "removed");
            add(d, classes.changed().size(), "class", "changed in shape");
        }
        if (methods != null) {
            add(d, sum(methods, m -> m.added().size()), "method", "added");
            add(d, sum(methods, m -> m.removed().size()), "method", "removed");
            add(d, sum(methods, m -> m.changed().size()), "method", "changed");
        }
        if (globals != null) {
            named(d, globals, "global");
        }
        if (classVariables != null) {
            Named all = new Named(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            classVariables.forEach(v -> {
                all.added().addAll(v.variables().added());
                all.removed().addAll(v.variables().removed());
                all.changed().addAll(v.variables().changed());
            });
            named(d, all, "class variable");
        }
        if (processes != null && processes.differs()) {
            d.add("processes differ");
        }
        if (specialObjects != null && specialObjects.differs()) {
            d.add(specialObjects.changed().isEmpty() ? "special objects array sizes differ"
                    : count(specialObjects.changed().size(), "special object") + (specialObjects.changed().size() == 1
                    ? " differs" : " differ"));
        }
        if (objects != null && objects.differs()) {
            int more = objects.b() - objects.a();
            d.add(more == 0 ? "object counts differ by class"
                    : count(Math.abs(more), more > 0 ? "more object" : "fewer object"));
        }
        return d;
    }

    /** "identical", "same content, different bytes", or the differences joined. */
    static String line(List<String> differences, boolean bytesEqual, Set<Section> asked) {
        if (!differences.isEmpty()) {
            return String.join(", ", differences);
        }
        if (bytesEqual) {
            return "identical";
        }
        if (asked.equals(EnumSet.allOf(Section.class))) {
            return "same content, different bytes";
        }
        return "no differences in " + String.join(", ", asked.stream()
                .map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList()) + "; the files differ";
    }

    private static void named(List<String> d, Named named, String noun) {
        add(d, named.added().size(), noun, "added");
        add(d, named.removed().size(), noun, "removed");
        add(d, named.changed().size(), noun, "changed");
    }

    private static void add(List<String> d, int n, String noun, String how) {
        if (n > 0) {
            d.add(count(n, noun) + " " + how);
        }
    }

    private static <T> int sum(List<T> items, ToIntFunction<T> count) {
        return items.stream().mapToInt(count).sum();
    }

    static String count(int n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("ss") ? noun + "es" : noun + "s");
    }
}
