package org.ozworkbench.core.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.ozworkbench.core.compiler.CompileError;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.compiler.Literal;
import org.ozworkbench.core.compiler.LiteralMatch;
import org.ozworkbench.core.compiler.MethodHint;
import org.ozworkbench.core.compiler.ast.LiteralValue;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Finds, for a method's decompiled source, the {@link MethodHint} that makes our compiler give the
 * method back: none when the source alone does; the original's literal order when ours holds the
 * same literals in another (Candle's inlined selectors, ordered by hashes of the compiling image's
 * Symbols); a Float's bits where the source spelled another Float (Candle's infinity). Nothing in
 * the space changes: the source is compiled, not installed.
 */
final class HintFinder {
    private final ObjectSpace space;
    private final Compiler compiler;

    HintFinder(ObjectSpace space) {
        this.space = space;
        this.compiler = Compiler.on(space);
    }

    /**
     * {@link MethodHint#NONE} when {@code source} compiles back to {@code original} as it is, the
     * hint with which it does, or empty when no hint makes it (another shape of code, a syntax error).
     */
    Optional<MethodHint> hintFor(ClassMirror side, MethodMirror original, String source) {
        CompiledMethodSpec ours;
        try {
            ours = compiler.compile(side, source);
        } catch (SyntaxError | CompileError e) {
            return Optional.empty();
        }
        if (LiteralMatch.sameMethod(space, side, original, ours)) {
            return Optional.of(MethodHint.NONE);
        }
        List<GuestValue> theirs = original.literals();
        List<Literal> our = ours.literals();
        if (theirs.size() != our.size()) {
            return Optional.empty();
        }
        List<Integer> order = new ArrayList<>();
        boolean[] taken = new boolean[our.size()];
        SortedMap<Integer, Long> floats = new TreeMap<>();
        for (int i = 0; i < theirs.size(); i++) {
            GuestValue their = theirs.get(i);
            int match = firstFree(taken, our, l -> LiteralMatch.same(space, side, their, l));
            if (match < 0 && space.toHost(their) instanceof Double d) {
                match = firstFree(taken, our, l -> l instanceof Literal.Constant c
                        && c.value() instanceof LiteralValue.FloatValue);
                floats.put(i, Double.doubleToRawLongBits(d));
            }
            if (match < 0) {
                return Optional.empty();
            }
            taken[match] = true;
            order.add(match);
        }
        boolean inOrder = true;
        for (int i = 0; i < order.size(); i++) {
            inOrder &= order.get(i) == i;
        }
        MethodHint hint = new MethodHint(inOrder ? List.of() : order, floats);
        try {
            return LiteralMatch.sameMethod(space, side, original, compiler.compile(side, source, hint)) ? Optional.of(hint)
                    : Optional.empty();
        } catch (CompileError e) {
            return Optional.empty();
        }
    }

    /** The first literal not taken yet that passes {@code test}, or -1. */
    private static int firstFree(boolean[] taken, List<Literal> literals, Predicate<Literal> test) {
        for (int j = 0; j < literals.size(); j++) {
            if (!taken[j] && test.test(literals.get(j))) {
                return j;
            }
        }
        return -1;
    }
}
