package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The order in which the bootstrap compiler of a closure image (Candle) lists the selectors it
 * inlined: it adds them to a Set as it sizes the method, then copies into a new Set those not
 * already literals ({@code reject:}), and lists that Set in its iteration order. The Set is the
 * Squeak 3.9 one: five slots to start, a selector's slot its hash modulo the slots, linear probing
 * past taken slots (wrapping round), and twice the slots whenever fewer than a quarter (at least
 * one) stay free; growing re-adds the selectors in slot order. So two selectors whose hashes share
 * a slot come in the order they were added, and the order changes as the Set grows.
 */
final class GuestSetOrder {
    private static final int INITIAL_SLOTS = 5;
    private static final int MIN_GROWTH = 2;
    private static final int FREE_FRACTION = 4;

    private final Map<String, Integer> hashes;
    private String[] slots = new String[INITIAL_SLOTS];
    private int tally;

    private GuestSetOrder(Map<String, Integer> hashes) {
        this.hashes = hashes;
    }

    /**
     * The selectors {@code added} (in the order the compiler added them) that {@code kept} accepts,
     * in the order the compiler lists them; selectors without a known hash follow in the order
     * added.
     */
    static List<String> of(List<String> added, Map<String, Integer> hashes, Predicate<String> kept) {
        GuestSetOrder all = new GuestSetOrder(hashes);
        added.stream().filter(hashes::containsKey).forEach(all::add);
        GuestSetOrder copy = new GuestSetOrder(hashes);
        all.elements().stream().filter(kept).forEach(copy::add);
        List<String> order = new ArrayList<>(copy.elements());
        added.stream().filter(s -> !hashes.containsKey(s) && kept.test(s)).distinct().forEach(order::add);
        return order;
    }

    private void add(String selector) {
        if (Arrays.asList(slots).contains(selector)) {
            return;
        }
        slots[slotFor(selector)] = selector;
        tally++;
        if (slots.length - tally < Math.max(slots.length / FREE_FRACTION, 1)) {
            List<String> old = elements();
            slots = new String[slots.length + Math.max(slots.length, MIN_GROWTH)];
            old.forEach(s -> slots[slotFor(s)] = s);
        }
    }

    private int slotFor(String selector) {
        int i = Math.floorMod(hashes.get(selector), slots.length);
        while (slots[i] != null) {
            i = (i + 1) % slots.length;
        }
        return i;
    }

    private List<String> elements() {
        return Arrays.stream(slots).filter(Objects::nonNull).toList();
    }
}
