package org.ozworkbench.core.space.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Prints the cost of names on Scratch.image (index build, heap held, nameOf and resolve per call)
 * for BENCHMARKS.md; asserts only that repeated builds agree, never a time.
 */
class SymbolicNamesFiguresTest {
    private static final int BUILDS = 7;
    private static final int PASSES = 3;

    @Test
    void printsWhatNamingScratchCosts() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        long[] buildNanos = new long[BUILDS];
        int named = -1;
        SymbolicNames names = null;
        for (int i = 0; i < BUILDS; i++) {
            names = SymbolicNames.of(space);
            names.refresh();
            buildNanos[i] = names.statistics().buildTime().toNanos();
            int n = names.statistics().named();
            assertThat(named == -1 || named == n).isTrue();
            named = n;
            names.close();
        }
        long heapBefore = usedHeap();
        SymbolicNames held = SymbolicNames.of(space);
        held.refresh();
        long heapHeld = usedHeap() - heapBefore;

        List<GuestObject> objects = space.memory().objects();
        List<ObjectName> direct = new ArrayList<>();
        List<ObjectName> paths = new ArrayList<>();
        long start = System.nanoTime();
        for (int pass = 0; pass < PASSES; pass++) {
            for (GuestObject o : objects) {
                held.nameOf(o).ifPresent(n -> (n instanceof ObjectName.Path ? paths : direct).add(n));
            }
        }
        double nameOfNanos = (System.nanoTime() - start) / (double) (PASSES * objects.size());
        double directNanos = resolveNanos(held, direct);
        double pathNanos = resolveNanos(held, paths);
        double textNanos = textNanos(direct.subList(0, direct.size() / PASSES), paths.subList(0, paths.size() / PASSES));

        Arrays.sort(buildNanos);
        System.out.printf("Names on Scratch.image: index build median %.1f ms of %d (min %.1f, max %.1f), %d of %d"
                        + " objects named, heap held ~%.1f MB; nameOf %.0f ns/object; resolve %.0f ns/own name,"
                        + " %.0f ns/path; text format+parse %.0f ns/name%n",
                buildNanos[BUILDS / 2] / 1e6, BUILDS, buildNanos[0] / 1e6, buildNanos[BUILDS - 1] / 1e6, named,
                objects.size(), heapHeld / 1e6, nameOfNanos, directNanos, pathNanos, textNanos);
        held.close();
    }

    private static double resolveNanos(SymbolicNames names, List<ObjectName> list) {
        long start = System.nanoTime();
        int found = 0;
        for (ObjectName n : list) {
            found += names.resolve(n).isPresent() ? 1 : 0;
        }
        assertThat(found).isEqualTo(list.size());
        return (System.nanoTime() - start) / (double) list.size();
    }

    private static double textNanos(List<ObjectName> direct, List<ObjectName> paths) {
        List<ObjectName> all = new ArrayList<>(direct);
        all.addAll(paths);
        long start = System.nanoTime();
        for (ObjectName n : all) {
            assertThat(ObjectName.parse(n.toString())).isEqualTo(n);
        }
        return (System.nanoTime() - start) / (double) all.size();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
