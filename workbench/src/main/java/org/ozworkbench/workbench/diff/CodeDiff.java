package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ClassPoolMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.diff.ImageDiff.Change;
import org.ozworkbench.workbench.diff.ImageDiff.ChangedMethod;
import org.ozworkbench.workbench.diff.ImageDiff.ClassChange;
import org.ozworkbench.workbench.diff.ImageDiff.Classes;
import org.ozworkbench.workbench.diff.ImageDiff.MethodChanges;
import org.ozworkbench.workbench.diff.ImageDiff.Named;
import org.ozworkbench.workbench.diff.ImageDiff.NamedValue;
import org.ozworkbench.workbench.diff.ImageDiff.VariableChanges;

/** The code side of a diff: classes matched by name, their shapes, methods and class variables. */
final class CodeDiff {
    private final Side a;
    private final Side b;

    /** One image's classes by name, with what compares them by meaning. */
    private record Side(ObjectSpace space, Meaning meaning, Map<String, ClassMirror> classes) {
        static Side of(ObjectSpace space) {
            Map<String, ClassMirror> byName = new TreeMap<>();
            for (ClassMirror c : space.classes()) {
                byName.putIfAbsent(c.name(), c);
            }
            return new Side(space, new Meaning(space), byName);
        }
    }

    CodeDiff(ObjectSpace a, ObjectSpace b) {
        this.a = Side.of(a);
        this.b = Side.of(b);
    }

    Classes classes() {
        List<String> added = onlyIn(b, a).stream().map(CodeDiff::introduce).toList();
        List<String> removed = onlyIn(a, b).stream().map(CodeDiff::introduce).toList();
        List<ClassChange> changed = new ArrayList<>();
        for (String name : common()) {
            List<Change> changes = shapeChanges(a.classes.get(name), b.classes.get(name));
            if (!changes.isEmpty()) {
                changed.add(new ClassChange(name, changes));
            }
        }
        return new Classes(added, removed, changed);
    }

    List<MethodChanges> methods() {
        List<MethodChanges> result = new ArrayList<>();
        for (String name : common()) {
            ClassMirror ca = a.classes.get(name);
            ClassMirror cb = b.classes.get(name);
            methodChanges(ca, cb).ifPresent(result::add);
            methodChanges(ca.metaclass(), cb.metaclass()).ifPresent(result::add);
        }
        return result;
    }

    List<VariableChanges> classVariables() {
        List<VariableChanges> result = new ArrayList<>();
        for (String name : common()) {
            Named changes = Named.between(variables(a, a.classes.get(name)), variables(b, b.classes.get(name)));
            if (changes.differs()) {
                result.add(new VariableChanges(name, changes));
            }
        }
        return result;
    }

    private static Map<String, String> variables(Side side, ClassMirror cls) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, GuestValue> pool = cls.classPool().map(ClassPoolMirror::variables).orElse(Map.of());
        pool.keySet().forEach(k -> result.put(k, side.meaning.describe(cls.classVariableValue(k).orElseThrow())));
        return result;
    }

    private List<ClassMirror> onlyIn(Side side, Side other) {
        return side.classes.entrySet().stream().filter(e -> !other.classes.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    private List<String> common() {
        return a.classes.keySet().stream().filter(b.classes::containsKey).toList();
    }

    /** "Name (Superclass; 3+1 methods)": a class only one image has. */
    private static String introduce(ClassMirror c) {
        return c.name() + " (" + c.superclass().map(ClassMirror::name).orElse("nil") + "; "
                + c.methodDictionary().tally() + "+" + c.metaclass().methodDictionary().tally() + " methods)";
    }

    private static List<Change> shapeChanges(ClassMirror ca, ClassMirror cb) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "superclass", superclassName(ca), superclassName(cb));
        compare(changes, "instance variables", String.join(" ", ca.instanceVariableNames()),
                String.join(" ", cb.instanceVariableNames()));
        compare(changes, "format", format(ca), format(cb));
        compare(changes, "class variables", String.join(" ", classVariableNames(ca)),
                String.join(" ", classVariableNames(cb)));
        compare(changes, "class instance variables", String.join(" ", ca.metaclass().instanceVariableNames()),
                String.join(" ", cb.metaclass().instanceVariableNames()));
        compare(changes, "category", ca.category().orElse("-"), cb.category().orElse("-"));
        return changes;
    }

    private static void compare(List<Change> changes, String what, String a, String b) {
        if (!a.equals(b)) {
            changes.add(new Change(what, a.isEmpty() ? "(none)" : a, b.isEmpty() ? "(none)" : b));
        }
    }

    private static String superclassName(ClassMirror c) {
        return c.superclass().map(ClassMirror::name).orElse("nil");
    }

    private static List<String> classVariableNames(ClassMirror c) {
        return c.classPool().map(p -> p.variables().keySet().stream().sorted().toList()).orElse(List.of());
    }

    private static String format(ClassMirror c) {
        return "instSpec " + c.instanceSpec() + ", " + c.instanceSize() + " inst vars"
                + (c.compactIndex() == 0 ? "" : ", compact index " + c.compactIndex());
    }

    private Optional<MethodChanges> methodChanges(ClassMirror ca, ClassMirror cb) {
        Map<String, MethodMirror> ma = methodsOf(ca);
        Map<String, MethodMirror> mb = methodsOf(cb);
        List<String> added = mb.keySet().stream().filter(s -> !ma.containsKey(s)).toList();
        List<String> removed = ma.keySet().stream().filter(s -> !mb.containsKey(s)).toList();
        List<ChangedMethod> changed = new ArrayList<>();
        ma.forEach((selector, m) -> {
            MethodMirror other = mb.get(selector);
            if (other != null) {
                List<String> parts = differingParts(m, other);
                if (!parts.isEmpty()) {
                    changed.add(new ChangedMethod(selector, parts));
                }
            }
        });
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() ? Optional.empty()
                : Optional.of(new MethodChanges(ca.name(), added, removed, changed));
    }

    private static Map<String, MethodMirror> methodsOf(ClassMirror c) {
        Map<String, MethodMirror> result = new TreeMap<>();
        for (MethodDictionaryMirror.Entry e : c.methodDictionary().entries()) {
            result.put(e.selector(), e.method());
        }
        return result;
    }

    /** Which of header, literals and bytecodes differ; the trailer (where the source is) does not count. */
    private List<String> differingParts(MethodMirror ma, MethodMirror mb) {
        GuestObject oa = a.space.unwrapObject(ma);
        GuestObject ob = b.space.unwrapObject(mb);
        List<String> parts = new ArrayList<>(3);
        if (!Objects.equals(oa.pointerAt(0), ob.pointerAt(0))) {
            parts.add("header");
        }
        if (!sameLiterals(oa, ob)) {
            parts.add("literals");
        }
        if (!Arrays.equals(ma.bytecodes(), mb.bytecodes())) {
            parts.add("bytecodes");
        }
        return parts;
    }

    private boolean sameLiterals(GuestObject oa, GuestObject ob) {
        if (oa.pointerCount() != ob.pointerCount()) {
            return false;
        }
        for (int i = 1; i < oa.pointerCount(); i++) {
            if (!a.meaning.of(oa.pointerAt(i)).equals(b.meaning.of(ob.pointerAt(i)))) {
                return false;
            }
        }
        return true;
    }
}
