package org.ozworkbench.core.mirror;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names a method that no method dictionary holds any more, as well as can be known: a process can
 * still run an old version of a method that was replaced since. Its class is its class binding (a
 * method with super sends has one), else the class searched from; its selector is that of the
 * method now installed there (in the class or a superclass) that has as many arguments and
 * temporaries and the same primitive, and shares the most literals with it (the messages it sends,
 * the globals it reads), when at least half of their literals are shared and no other method
 * shares as many.
 */
public final class OldVersions {
    /** A replacement must share at least this part of the two methods' literals. */
    private static final double MIN_SHARED = 0.5;

    private OldVersions() {
    }

    /**
     * Where the method {@code old} was most likely installed, searching {@code from} and its
     * superclasses when {@code old} has no class binding; empty when no installed method is close
     * enough. Meant for methods installed nowhere ({@code ObjectSpace.methodLocation} is empty).
     */
    public static Optional<MethodLocation> likelyLocation(MethodMirror old, ClassMirror from) {
        return best(old, old.methodClass().orElse(from).withAllSuperclasses());
    }

    /**
     * Where the method {@code old} was most likely installed: in the class of its binding and its
     * superclasses, or, without a binding, in any class or metaclass of the space.
     */
    public static Optional<MethodLocation> likelyLocation(MethodMirror old) {
        if (old.methodClass().isPresent()) {
            return best(old, old.methodClass().get().withAllSuperclasses());
        }
        List<ClassMirror> everywhere = new ArrayList<>();
        for (ClassMirror cls : old.space().classes()) {
            everywhere.add(cls);
            everywhere.add(cls.metaclass());
        }
        return best(old, everywhere);
    }

    private static Optional<MethodLocation> best(MethodMirror old, List<ClassMirror> classes) {
        Set<String> literals = literalsOf(old);
        MethodLocation best = null;
        double bestScore = MIN_SHARED;
        boolean tie = false;
        for (ClassMirror cls : classes) {
            for (MethodDictionaryMirror.Entry e : cls.methodDictionary().entries()) {
                MethodMirror candidate = e.method();
                if (candidate.numArgs() != old.numArgs() || candidate.numTemps() != old.numTemps()
                        || candidate.primitive() != old.primitive()) {
                    continue;
                }
                double score = shared(literals, literalsOf(candidate));
                if (score > bestScore) {
                    best = new MethodLocation(cls, e.selector());
                    bestScore = score;
                    tie = false;
                } else if (score == bestScore && best != null) {
                    tie = true;
                }
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    private static Set<String> literalsOf(MethodMirror method) {
        Set<String> names = new HashSet<>();
        for (GuestValue literal : method.literals()) {
            names.add(literal instanceof ObjectMirror o ? o.describe() : literal.toString());
        }
        return names;
    }

    /** The shared part of two sets: the size of their intersection over that of their union. */
    private static double shared(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
    }
}
