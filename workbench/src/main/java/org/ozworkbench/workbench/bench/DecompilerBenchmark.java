package org.ozworkbench.workbench.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.export.ImageExport;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.workbench.realvm.RealVmEvaluation;

/**
 * Decompiling every method of an image to source text: the host's {@link Decompiler} in this JVM
 * against the guest's own Decompiler in the real VM, on the same methods (both sides of every class
 * Smalltalk holds), in the same run. The guest times itself with its millisecond clock around the
 * whole walk ({@code decompile:in:method:} and the printString of the tree, as its browser does); the
 * host's figure is the fastest of its timed passes after warm-up passes.
 */
public final class DecompilerBenchmark {
    private static final Duration REAL_VM_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern ANSWER = Pattern.compile("'?(\\d+) (\\d+) (\\d+)'?");
    /**
     * The guest's walk: answers the methods decompiled, those that failed, and the milliseconds.
     * Block arguments have distinct names: a pre-closure compiler may give same-named ones one slot.
     */
    private static final String GUEST_WALK = "| n failed t one |\n"
            + "n := 0. failed := 0.\n"
            + "one := [:cls :sel | [(cls decompilerClass new decompile: sel in: cls method: (cls compiledMethodAt: sel))"
            + " printString]\n"
            + "\t\tifError: [:m :r | failed := failed + 1]. n := n + 1].\n"
            + "t := Time millisecondClockValue.\n"
            + "Smalltalk allClassesDo: [:c | c selectors do: [:s | one value: c value: s].\n"
            + "\tc class selectors do: [:s | one value: c class value: s]].\n"
            + "t := Time millisecondClockValue - t.\n"
            + "n printString , ' ' , failed printString , ' ' , t printString";

    /** Methods per second on one side, and how many methods it decompiled. */
    public record Rate(int methods, double seconds) {
        public double perSecond() {
            return methods / seconds;
        }
    }

    /** Both sides; {@code guestFailures}: methods the guest's Decompiler raised an error on. */
    public record Result(Rate host, Rate guest, int guestFailures, int hostFallbacks, int passes) {
        public double ratio() {
            return host.perSecond() / guest.perSecond();
        }
    }

    private final Path image;
    private final int warmUps;
    private final int passes;

    public DecompilerBenchmark(Path image, int warmUps, int passes) {
        this.image = image;
        this.warmUps = warmUps;
        this.passes = passes;
    }

    public Result run() {
        RealVm vm = RealVm.locate();
        Rate host;
        int fallbacks = 0;
        try (ObjectSpace space = ObjectSpace.load(image)) {
            List<ClassMirror> sides = new ArrayList<>();
            List<String> selectors = new ArrayList<>();
            List<MethodMirror> methods = new ArrayList<>();
            for (ClassMirror c : ImageExport.globalClasses(space)) {
                for (ClassMirror side : List.of(c, c.metaclass())) {
                    for (String selector : side.selectors()) {
                        sides.add(side);
                        selectors.add(selector);
                        methods.add(side.compiledMethodAt(selector).orElseThrow());
                    }
                }
            }
            long best = Long.MAX_VALUE;
            for (int pass = 0; pass < warmUps + passes; pass++) {
                Decompiler decompiler = Decompiler.on(space);
                long start = System.nanoTime();
                for (int i = 0; i < methods.size(); i++) {
                    decompiler.source(sides.get(i), selectors.get(i), methods.get(i));
                }
                long took = System.nanoTime() - start;
                if (pass >= warmUps) {
                    best = Math.min(best, took);
                }
            }
            Decompiler decompiler = Decompiler.on(space);
            for (int i = 0; i < methods.size(); i++) {
                try {
                    decompiler.decompile(sides.get(i), selectors.get(i), methods.get(i));
                } catch (RuntimeException e) {
                    fallbacks++;
                }
            }
            host = new Rate(methods.size(), best / 1e9);
        }
        String answer;
        try (ObjectSpace fresh = ObjectSpace.load(image)) {
            answer = RealVmEvaluation.evaluate(vm, fresh, GUEST_WALK, REAL_VM_TIMEOUT);
        }
        Matcher m = ANSWER.matcher(answer.strip());
        if (!m.matches()) {
            throw new IllegalStateException("the real VM answered no decompiler figures: " + answer);
        }
        Rate guest = new Rate(Integer.parseInt(m.group(1)), Long.parseLong(m.group(3)) / 1e3);
        return new Result(host, guest, Integer.parseInt(m.group(2)), fallbacks, passes);
    }
}
