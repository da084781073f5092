package org.ozworkbench.workbench.bench;

import java.util.List;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * What the benchmarks' workloads share: counts made of whole batches (surgeries of so many
 * stores or methods), and the SmallInteger values stored (a counter, so consecutive stores never
 * store the same value). Not thread-safe.
 */
final class Workload {
    private static final List<String> METHOD_CLASSES = List.of("Point", "Rectangle", "Association", "Fraction");
    /** How many selectors the one-method surgeries cycle through, so that later ones replace methods. */
    private static final int SELECTORS = 100;

    private int value;

    private Workload() {
    }

    static Workload counting() {
        return new Workload();
    }

    /** The next value to store: 1, 2, ... wrapping well inside the SmallInteger range. */
    int next() {
        value = (value + 1) & 0xF_FFFF;
        return value;
    }

    /** Refuses a count that is not a positive whole number of batches. */
    static void requireWholeBatches(String what, int count, String batchWhat, int batch) {
        if (batch < 1 || count < batch || count % batch != 0) {
            throw new IllegalArgumentException(what + " (" + count + ") must be a positive multiple of the " + batchWhat
                    + " (" + batch + ")");
        }
    }

    /**
     * Commits {@code surgeries} surgeries on {@code space}, labelled "method N", each compiling one
     * small method ({@code selectorPrefix} and one of {@value #SELECTORS} numbers) into Point,
     * Rectangle, Association or Fraction in turn: the later ones replace methods rather than grow
     * the method dictionaries without end (a surgery that grows a dictionary of thousands of
     * methods journals all of it).
     */
    static void oneMethodSurgeries(ObjectSpace space, int surgeries, String selectorPrefix) {
        List<ClassMirror> classes = METHOD_CLASSES.stream().map(n -> space.classNamed(n)
                .orElseThrow(() -> new IllegalArgumentException("no class " + n + " in " + space.memory().source())))
                .toList();
        for (int m = 0; m < surgeries; m++) {
            try (Surgery s = space.beginSurgery("method " + m)) {
                classes.get(m % classes.size()).compile(selectorPrefix + m % SELECTORS + ": a\n\t^ a * " + m + " + 1",
                        "bench");
                s.commit();
            }
        }
    }
}
