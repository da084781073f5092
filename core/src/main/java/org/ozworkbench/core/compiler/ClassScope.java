package org.ozworkbench.core.compiler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a method compiled for a class can see besides its own temporaries: the instance
 * variables (by slot index), and the variables reached through an Association (class variables,
 * pool variables, globals), looked up in that order.
 */
public interface ClassScope {

    /** The class's name, for messages ("Array", "Array class"). */
    String className();

    /** Instance variable names, slot order (inherited first). */
    List<String> instanceVariables();

    /** The binding of a class, pool or global variable, if there is one. */
    Optional<Literal.Binding> variable(String name);

    /** The literal that ends a method with a super send: the class's own binding. */
    Literal methodClassLiteral();

    /**
     * The guest's special selectors (special object 23), in bytecode order: the sends that get a
     * one-byte special send; null where the guest's array holds nil (Candle has no {@code class}).
     */
    List<String> specialSelectors();

    /** True when every method ends with its inlined selectors, its selector and its class binding (Candle). */
    boolean selectorAndClassLiterals();

    /** The hashes by which the dialect's compiler's Set orders those inlined selectors (see {@link GuestSetOrder}). */
    Map<String, Integer> inlinedSelectorHashes();

    /** The primitives whose methods always get the large frame (see {@link org.ozworkbench.core.contract.Contract#largeFramePrimitives()}). */
    Set<Integer> largeFramePrimitives();

    /** The small and large context frame sizes of the dialect (e.g. 16 and 56 for Squeak 3). */
    int smallFrame();

    int largeFrame();
}
