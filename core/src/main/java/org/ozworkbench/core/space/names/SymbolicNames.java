package org.ozworkbench.core.space.names;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Symbolic names of the objects of one space ({@link #nameOf}) and the objects names denote in it
 * ({@link #resolve}): a change recorded on one image names its target so that replay can find it
 * in a recovered copy of the same system, where every oop has moved. A name that does not resolve
 * is reported with the reason ({@link #resolution}); nothing is ever guessed.
 *
 * <h2>Which name an object gets</h2>
 * The most stable one it has, in this order:
 * <ol>
 * <li>a special object (the VM's own roots: {@code special:nil}, {@code special:smalltalk}) and
 *     the special objects array ({@code special:objects}); a class or Symbol there is named by its
 *     name instead, which says more and is as stable;</li>
 * <li>a Symbol by its characters, a class or metaclass by its name, an installed CompiledMethod by
 *     class and selector;</li>
 * <li>the Association of a global ({@code Smalltalk@Transcript}) or of a class variable
 *     ({@code Symbol.OtherTable});</li>
 * <li>a Character of the character table ({@code $a});</li>
 * <li>else the shortest path of at most {@code maxSteps} steps (4 by default) from one of the
 *     objects above, found breadth first; at equal length a path from a special object is preferred,
 *     then from a binding, a class, a method. Paths step by instance variable name where the class
 *     has one, by slot index elsewhere (indexable parts, method literals), and into a Dictionary
 *     by key (a Symbol, String, SmallInteger, class, Character or special object key) rather than
 *     by bucket. They never step out of a context (its slots change as it runs), nor into the
 *     array of a Set or MethodDictionary (a rehash moves its elements).</li>
 * </ol>
 * A name is given only when it resolves back to the same object here: a class whose name two
 * classes share, a selector twice in one method dictionary or a key twice in one Dictionary
 * yields no name of that kind. An object with no such name gets none ({@link Optional#empty()}).
 *
 * <h2>Cost and changes</h2>
 * The names are indexed once, on first use (one pass over the objects plus the breadth-first
 * walk); after that {@link #nameOf} is a map lookup. Changes through the membrane are followed:
 * the Symbol and class indexes {@link #resolve} uses are dropped when a change can add, remove or
 * rename a Symbol or class; after any change, {@link #nameOf} checks a name by resolving it before
 * answering it, and rebuilds the index when the name no longer leads to the object. An object that
 * became reachable only after the index was built is named after {@link #refresh()}.
 *
 * <p>Not thread-safe: use it from the thread that uses the space. {@link #close()} stops following
 * the space's changes.
 */
public final class SymbolicNames implements AutoCloseable {
    /** How many steps a path may have by default. */
    public static final int DEFAULT_MAX_STEPS = 4;

    private final ObjectSpace space;
    private final int maxSteps;
    private final Directory directory;
    private final Membrane.Listener listener;
    private NameIndex index;
    private long changes;
    private long indexedAtChange;
    private Duration lastBuild = Duration.ZERO;

    private SymbolicNames(ObjectSpace space, int maxSteps) {
        this.space = space;
        this.maxSteps = maxSteps;
        this.directory = new Directory(space);
        this.listener = change -> {
            changes++;
            directory.changed(change);
        };
        space.addListener(listener);
    }

    /** The names of {@code space}, paths of at most {@link #DEFAULT_MAX_STEPS} steps. */
    public static SymbolicNames of(ObjectSpace space) {
        return of(space, DEFAULT_MAX_STEPS);
    }

    /** The names of {@code space}, paths of at most {@code maxSteps} steps (0: no paths). */
    public static SymbolicNames of(ObjectSpace space, int maxSteps) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("a path has 0 or more steps, not " + maxSteps);
        }
        return new SymbolicNames(space, maxSteps);
    }

    public ObjectSpace space() {
        return space;
    }

    /** The best name of {@code o} (see the class comment), or empty when it has none. */
    public Optional<ObjectName> nameOf(GuestObject o) {
        if (o.memory() != space.memory()) {
            throw MembraneException.foreignObject(o);
        }
        Optional<ObjectName> name = index().nameOf(o);
        if (name.isPresent() && changes != indexedAtChange && resolve(name.get()).orElse(null) != o) {
            index = null;
            name = index().nameOf(o);
        }
        return name;
    }

    /**
     * The name of its own that the object {@code ref} denotes has (not a path: a special object, a
     * class, a Symbol, a method, a binding...), as {@link #nameOf} gives it; empty when it has none,
     * or when the index knows it only by a path. Unlike {@link #nameOf}, a path that the space's
     * changes broke since the index was built does not make the whole index be built again: for a
     * caller that names such an object by other means (the old value of a slot store, by its place).
     */
    public Optional<ObjectName> ownNameOf(GuestObject o) {
        if (o.memory() != space.memory()) {
            throw MembraneException.foreignObject(o);
        }
        if (index().nameOf(o).filter(n -> !(n instanceof ObjectName.Path)).isEmpty()) {
            return Optional.empty();
        }
        return nameOf(o).filter(n -> !(n instanceof ObjectName.Path));
    }

    /** {@link #ownNameOf(GuestObject)} of the object {@code ref} denotes; empty when it denotes none. */
    public Optional<ObjectName> ownNameOf(GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        return o == null ? Optional.empty() : ownNameOf(o);
    }

    /** The name of the object {@code ref} denotes in this space; empty when it denotes none or has no name. */
    public Optional<ObjectName> nameOf(GuestRef.Obj ref) {
        GuestObject o = space.memory().resolve(ref);
        return o == null ? Optional.empty() : nameOf(o);
    }

    public Optional<ObjectName> nameOf(ObjectMirror mirror) {
        return nameOf(space.unwrapObject(mirror));
    }

    /** What {@code name} denotes in this space now, or why it denotes nothing. */
    public Resolution resolution(ObjectName name) {
        return directory.resolve(name);
    }

    /** The object {@code name} denotes, or empty when it is missing or ambiguous ({@link #resolution} says which). */
    public Optional<GuestObject> resolve(ObjectName name) {
        return resolution(name).object();
    }

    /** The object {@code name} denotes. @throws UnresolvedNameException naming it and why */
    public GuestObject require(ObjectName name) {
        Resolution r = resolution(name);
        if (r instanceof Resolution.Unresolved u) {
            throw UnresolvedNameException.of(u);
        }
        return ((Resolution.Resolved) r).target();
    }

    /** Rebuilds the name index now (it is otherwise built on first use). */
    public void refresh() {
        index = null;
        index();
    }

    /** Figures of the name index, building it if needed. */
    public Statistics statistics() {
        NameIndex i = index();
        List<String> ambiguous = new ArrayList<>();
        directory.symbols().duplicates().forEach((n, count) -> ambiguous.add(new ObjectName.SymbolNamed(n) + " x" + count));
        directory.classes().duplicates().forEach((n, count) -> ambiguous.add(n + " x" + count));
        Collections.sort(ambiguous);
        return new Statistics(space.memory().objectCount(), i.size(), Map.copyOf(i.counts()), List.copyOf(ambiguous),
                maxSteps, lastBuild);
    }

    /**
     * @param objects   the objects of the space
     * @param named     how many of them have a name
     * @param byKind    named objects per kind of name: special, symbol, class, metaclass, method, global,
     *                  class-variable, character, path-1 .. path-N (by number of steps)
     * @param ambiguous the Symbol and class names more than one object has, with how many ("#foo x2"):
     *                  no object gets these names, and resolving them is refused
     * @param maxSteps  the longest path looked for
     * @param buildTime how long the last index build took
     */
    public record Statistics(int objects, int named, Map<String, Integer> byKind, List<String> ambiguous, int maxSteps,
                             Duration buildTime) {
    }

    private NameIndex index() {
        if (index == null) {
            long start = System.nanoTime();
            indexedAtChange = changes;
            index = NameIndex.build(directory, maxSteps);
            lastBuild = Duration.ofNanos(System.nanoTime() - start);
        }
        return index;
    }

    @Override
    public void close() {
        space.removeListener(listener);
    }
}
