package org.ozworkbench.core.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ozworkbench.core.compiler.GuestClassScope;
import org.ozworkbench.core.compiler.MethodHint;
import org.ozworkbench.core.compiler.chunk.Chunk.ClassDefinition.Kind;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Writes classes of a space as chunk-format text that both {@code ozw filein} (core's
 * {@link org.ozworkbench.core.compiler.FileIn}) and the guest's own file-in accept: a class's
 * definition ({@code Object subclass: #Foo instanceVariableNames: '...' classVariableNames: '...'
 * poolDictionaries: '...' category: '...'!}, with the keyword its instances' format needs), its
 * class-side instance variables ({@code Foo class instanceVariableNames: '...'!}), its comment
 * where the image holds the text, and its methods, one {@code !Foo methodsFor: 'category'!} section
 * per method category, decompiled by the host. A method the decompiler cannot read is written as
 * its pattern and a comment with the disassembly (it compiles to a method answering self), and is
 * counted in {@link #fallbacks()}.
 *
 * <p>The pieces are separate so that another layout (a bootstrap spec) can order them its own way.
 * Not thread-safe: the counts grow with every method written.
 */
public final class ChunkWriter {
    /** The stamp the guest gives a comment that has no author and time. */
    private static final String HISTORICAL_STAMP = "<historical>";
    private static final String GLOBAL_COMMENT = "globalComment";
    private static final String TEXT_STRING = "string";
    private static final String POOL_NOT_A_GLOBAL = "private";
    /** How Squeak 2.x keeps a class's shared pools when they are not an Array. */
    private static final List<String> ORDERED_COLLECTION = List.of("array", "firstIndex", "lastIndex");
    /** An Association: key and value, no indexed slots (an Array of a named primitive has them). */
    private static final int BINDING_SLOTS = 2;

    /** A method set aside because it refers to variables declared nowhere. */
    private record UndeclaredMethod(ClassMirror side, String selector, String category, List<String> variables) {
    }

    private final ObjectSpace space;
    private final Decompiler decompiler;
    /** For a kernel spec: finds the methods' hints; else null. */
    private final HintFinder hintFinder;
    private final List<String> hintLines = new ArrayList<>();
    private final List<String> fallbacks = new ArrayList<>();
    private final List<UndeclaredMethod> undeclaredMethods = new ArrayList<>();
    private Map<GuestValue, String> poolNames;
    private int methods;
    private int comments;

    private ChunkWriter(ObjectSpace space, boolean kernelSpec) {
        this.space = space;
        this.decompiler = kernelSpec ? Decompiler.on(space).spellingInfinityAsLargestFloat() : Decompiler.on(space);
        this.hintFinder = kernelSpec ? new HintFinder(space) : null;
    }

    public static ChunkWriter on(ObjectSpace space) {
        return new ChunkWriter(space, false);
    }

    /**
     * A writer for a kernel spec: each method's source is compiled back, and where it does not give
     * the method but a {@link org.ozworkbench.core.compiler.MethodHint} does (a literal order, a
     * Float's bits), the hint's lines are kept ({@link #hintLines()}); a Float infinity is spelled
     * as the largest Float, which its hint corrects.
     */
    public static ChunkWriter forKernelSpec(ObjectSpace space) {
        return new ChunkWriter(space, true);
    }

    /** The hints of the methods written so far, in the notation of {@link org.ozworkbench.core.compiler.MethodHint}. */
    public List<String> hintLines() {
        return List.copyOf(hintLines);
    }

    /**
     * The class definition chunk, ending with {@code !} and a blank line, as the guest's
     * {@code ClassDescription>>definition} words it (class variables sorted, pools by global name).
     */
    public String definition(ClassMirror cls) {
        return cls.superclass().map(ClassMirror::name).orElse("nil") + " " + kind(cls).keyword() + " #"
                + cls.name() + "\n\tinstanceVariableNames: " + quoted(String.join(" ", cls.ownSourceInstanceVariableNames()))
                + "\n\tclassVariableNames: " + quoted(String.join(" ", classVariableNames(cls)))
                + "\n\tpoolDictionaries: " + quoted(String.join(" ", poolNames(cls)))
                + "\n\tcategory: " + quoted(category(cls)) + "!\n\n";
    }

    /** {@code Foo class instanceVariableNames: 'a b'!}, or empty when the class side adds none. */
    public String classSideDefinition(ClassMirror cls) {
        List<String> names = cls.metaclass().ownSourceInstanceVariableNames();
        return names.isEmpty() ? "" : cls.name() + " class instanceVariableNames: " + quoted(String.join(" ", names))
                + "!\n\n";
    }

    /**
     * The class comment as a {@code commentStamp:prior:} section, or empty when the image does not
     * hold its text (the Squeak images keep comments in a sources file, which they do not ship).
     */
    public String comment(ClassMirror cls) {
        Optional<String> text = commentText(cls);
        if (text.isEmpty()) {
            return "";
        }
        comments++;
        return "!" + cls.name() + " commentStamp: " + quoted(HISTORICAL_STAMP) + " prior: 0!\n"
                + text.get().replace("!", "!!") + "!\n\n";
    }

    /**
     * Every method of one side of a class ({@code cls} or its metaclass) as chunk sections,
     * categories and selectors in alphabetical order; a method the class's organizer does not file
     * goes under {@value Decompiler#UNCLASSIFIED}. A method that refers to a variable declared
     * nowhere in the image (its binding is in no class pool, shared pool or Smalltalk) is left out
     * here and kept for {@link #undeclaredMethods()}: no compiler files it in without a warning
     * (the guest's declares the variable in Undeclared, ours refuses it).
     */
    public String methods(ClassMirror side) {
        Map<String, List<String>> byCategory = new TreeMap<>();
        for (String selector : new TreeSet<>(side.selectors())) {
            String category = space.methodCategoryOf(side, selector).orElse(Decompiler.UNCLASSIFIED);
            List<String> undeclared = undeclaredVariables(side, side.compiledMethodAt(selector).orElseThrow());
            if (undeclared.isEmpty()) {
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(selector);
            } else {
                undeclaredMethods.add(new UndeclaredMethod(side, selector, category, undeclared));
            }
        }
        StringBuilder sb = new StringBuilder();
        byCategory.forEach((category, selectors) -> section(sb, side, category, selectors, ""));
        return sb.toString();
    }

    /**
     * The methods {@link #methods} left out so far, as chunk sections in the order they were met;
     * empty when there were none.
     */
    public String undeclaredMethods() {
        StringBuilder sb = new StringBuilder();
        for (UndeclaredMethod m : undeclaredMethods) {
            section(sb, m.side(), m.category(), List.of(m.selector()), "\"ozw: refers to "
                    + String.join(", ", m.variables()) + ", declared nowhere in the image\"");
        }
        return sb.toString();
    }

    /** The methods {@link #methods} left out so far: {@code Class>>selector (variables)}. */
    public List<String> undeclared() {
        return undeclaredMethods.stream().map(m -> m.side().name() + ">>" + m.selector() + " ("
                + String.join(", ", m.variables()) + ")").toList();
    }

    /** A {@code methodsFor:} section; {@code note}, when not empty, is put under each method's pattern. */
    private void section(StringBuilder sb, ClassMirror side, String category, List<String> selectors, String note) {
        sb.append('!').append(side.name()).append(" methodsFor: ").append(quoted(category)).append("!\n");
        for (int i = 0; i < selectors.size(); i++) {
            String source = source(side, selectors.get(i)).stripTrailing();
            if (!note.isEmpty()) {
                int patternEnd = source.indexOf('\n') < 0 ? source.length() : source.indexOf('\n');
                source = source.substring(0, patternEnd) + "\n\t" + note + source.substring(patternEnd);
            }
            sb.append(source.replace("!", "!!")).append(i == selectors.size() - 1 ? "! !\n\n" : "!\n\n");
        }
    }

    /** The names of the method's variable bindings that the class's scope does not resolve. */
    private List<String> undeclaredVariables(ClassMirror side, MethodMirror method) {
        int key = space.contract().get(Slot.ASSOCIATION_KEY);
        GuestClassScope scope = null;
        List<String> names = new ArrayList<>();
        for (GuestValue literal : method.literals()) {
            if (literal instanceof ObjectMirror binding && !(binding instanceof ByteObjectMirror)
                    && binding.slotCount() == binding.fixedSlotCount() && binding.slotCount() >= BINDING_SLOTS
                    && binding.slot(key) instanceof ByteObjectMirror name && name.isSymbol()) {
                scope = scope == null ? new GuestClassScope(space, side) : scope;
                if (scope.variable(name.asString()).isEmpty()) {
                    names.add(name.asString());
                }
            }
        }
        return names;
    }

    /**
     * The definition, class side, comment and methods of both sides of {@code cls} (but those
     * {@link #methods} sets aside).
     */
    public String whole(ClassMirror cls) {
        return definition(cls) + classSideDefinition(cls) + comment(cls) + methods(cls) + methods(cls.metaclass());
    }

    /** How many methods were written so far. */
    public int methodCount() {
        return methods;
    }

    /** How many class comments were written so far. */
    public int commentCount() {
        return comments;
    }

    /** The methods written as a commented disassembly, {@code Class>>selector: reason}, in order. */
    public List<String> fallbacks() {
        return List.copyOf(fallbacks);
    }

    private String source(ClassMirror side, String selector) {
        MethodMirror method = side.compiledMethodAt(selector).orElseThrow();
        methods++;
        try {
            String source = decompiler.decompile(side, selector, method);
            if (hintFinder == null) {
                return source;
            }
            Optional<MethodHint> hint = hintFinder.hintFor(side, method, source);
            if (hint.isPresent()) {
                hintLines.addAll(hint.get().lines(side.name() + ">>" + selector));
                return source;
            }
            // No hint gives the method back: the plain decompiler's source, which spells no infinity as a Float.
            return Decompiler.on(space).decompile(side, selector, method);
        } catch (RuntimeException | StackOverflowError e) {
            fallbacks.add(side.name() + ">>" + selector + ": " + (e instanceof StackOverflowError
                    ? "constructs nested deeper than the host's stack" : e.getMessage()));
            return decompiler.source(side, selector, method);
        }
    }

    /** The definition message for the class's instances, as the guest's {@code kindOfSubclass} chooses it. */
    static Kind kind(ClassMirror cls) {
        int spec = cls.instanceSpec();
        if (spec >= ObjectFormat.BYTES) {
            return Kind.VARIABLE_BYTE_SUBCLASS;
        }
        if (spec >= ObjectFormat.WORDS) {
            return Kind.VARIABLE_WORD_SUBCLASS;
        }
        if (spec == ObjectFormat.WEAK_POINTERS) {
            return Kind.WEAK_SUBCLASS;
        }
        return spec >= ObjectFormat.INDEXABLE_POINTERS ? Kind.VARIABLE_SUBCLASS : Kind.SUBCLASS;
    }

    private String category(ClassMirror cls) {
        return cls.category().orElse(Decompiler.UNCLASSIFIED);
    }

    private static List<String> classVariableNames(ClassMirror cls) {
        return cls.classPool().map(p -> new TreeSet<>(p.associations().keySet()).stream().toList()).orElse(List.of());
    }

    /** The names of the class's shared pools: the globals that hold them. */
    private List<String> poolNames(ClassMirror cls) {
        if (!space.contract().has(Slot.CLASS_SHARED_POOLS)
                || !(cls.slot(space.contract().get(Slot.CLASS_SHARED_POOLS)) instanceof ObjectMirror pools)
                || pools.isNil() || !pools.guestObject().isPointers()) {
            return List.of();
        }
        if (poolNames == null) {
            poolNames = new HashMap<>();
            space.globals().forEach((name, value) -> poolNames.putIfAbsent(value, name));
        }
        return elements(pools).stream().map(p -> poolNames.getOrDefault(p, POOL_NOT_A_GLOBAL)).toList();
    }

    /** The elements of an Array, or of an OrderedCollection (its array from firstIndex to lastIndex). */
    private static List<GuestValue> elements(ObjectMirror collection) {
        if (collection.classMirror().allInstanceVariableNames().containsAll(ORDERED_COLLECTION)
                && collection.instVarNamed("array") instanceof ObjectMirror array
                && collection.instVarNamed("firstIndex") instanceof SmallInteger first
                && collection.instVarNamed("lastIndex") instanceof SmallInteger last) {
            List<GuestValue> all = array.slots();
            return all.subList(Math.max(0, first.value() - 1), Math.min(all.size(), Math.max(0, last.value())));
        }
        return collection.slots();
    }

    /** The comment's text when the organizer holds it as a String or a Text, not a pointer into a file. */
    private Optional<String> commentText(ClassMirror cls) {
        if (!space.contract().has(Slot.CLASS_ORGANIZATION)
                || !(cls.slot(space.contract().get(Slot.CLASS_ORGANIZATION)) instanceof ObjectMirror organizer)
                || organizer.isNil() || !organizer.classMirror().allInstanceVariableNames().contains(GLOBAL_COMMENT)) {
            return Optional.empty();
        }
        GuestValue comment = organizer.instVarNamed(GLOBAL_COMMENT);
        if (comment instanceof ObjectMirror text && !(text instanceof ByteObjectMirror) && !text.isNil()
                && text.classMirror().allInstanceVariableNames().contains(TEXT_STRING)) {
            comment = text.instVarNamed(TEXT_STRING);
        }
        return comment instanceof ByteObjectMirror s && !s.isSymbol() && s.classMirror().name().equals("String")
                ? Optional.of(s.asString()) : Optional.empty();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
