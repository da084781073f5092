package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ozworkbench.core.bytecode.MethodHeader;

/**
 * The literal frame being built: each distinct literal gets the next index the first time it is
 * reserved, in the order the guest's compiler reserves them (its sizing pass), at most as many as a method header counts.
 */
final class LiteralFrame {
    static final int MAX_LITERALS = MethodHeader.MAX_LITERALS;
    private final List<Literal> literals = new ArrayList<>();
    private final Map<Literal, Integer> indices = new HashMap<>();

    /** Reserves {@code literal}; answers its index. */
    int reserve(Literal literal) {
        Integer existing = indices.get(literal);
        if (existing != null) {
            return existing;
        }
        if (literals.size() == MAX_LITERALS) {
            throw MethodTooLargeException.tooManyLiterals(MAX_LITERALS);
        }
        literals.add(literal);
        indices.put(literal, literals.size() - 1);
        return literals.size() - 1;
    }

    /** The index of a literal reserved earlier. */
    int indexOf(Literal literal) {
        Integer i = indices.get(literal);
        if (i == null) {
            throw new IllegalStateException("literal " + literal + " was not reserved in the sizing pass");
        }
        return i;
    }

    boolean contains(Literal literal) {
        return indices.containsKey(literal);
    }

    /** Adds a literal of its own, even if an equal one is there, that later reserves will not find. */
    int appendUnshared(Literal literal) {
        if (literals.size() == MAX_LITERALS) {
            throw MethodTooLargeException.tooManyLiterals(MAX_LITERALS);
        }
        literals.add(literal);
        return literals.size() - 1;
    }

    /** Appends a literal that must come last (the class binding of super sends), even if present. */
    void append(Literal literal) {
        if (literals.size() == MAX_LITERALS) {
            throw MethodTooLargeException.tooManyLiterals(MAX_LITERALS);
        }
        literals.add(literal);
    }

    /** Puts the literals in {@code order}: the literal at place {@code i} is the one at {@code order.get(i)} now. */
    void reorder(List<Integer> order) {
        List<Literal> before = List.copyOf(literals);
        int[] place = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            literals.set(i, before.get(order.get(i)));
            place[order.get(i)] = i;
        }
        indices.replaceAll((literal, index) -> place[index]);
    }

    int size() {
        return literals.size();
    }

    List<Literal> literals() {
        return List.copyOf(literals);
    }
}
