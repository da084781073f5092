package org.ozworkbench.workbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.bootstrap.Bootstrap;
import org.ozworkbench.core.bootstrap.KernelSpec;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Issue 18's benchmark: bootstrapping each kernel spec with no base image, split into its steps
 * (the seed, compiling the spec's files, initialising them in the host's interpreter, the boot
 * process, saving the image's bytes), against loading an existing image (Candle's, itself a
 * bootstrapped kernel) in the same run. Every figure is the median of its runs after warm-up runs;
 * the spec is read again for each run, as {@code ozw bootstrap} reads it.
 */
public final class BootstrapBenchmark {
    /** One spec's bootstrap: the median of each step, and what it built. */
    public record SpecFigures(Path spec, int objects, int bytes, Stats total, Stats seed, Stats compile,
                              Stats initialise, Stats boot, Stats save) {
        /** Objects made per second of the whole bootstrap (its median). */
        public double objectsPerSecond() {
            return objects / (total.medianMillis() / 1e3);
        }
    }

    /** The reference: loading {@code image} (file read included). */
    public record Reference(Path image, int objects, Stats load) {
        public double objectsPerSecond() {
            return objects / (load.medianMillis() / 1e3);
        }
    }

    /** Every spec's figures and the reference's. */
    public record Result(List<SpecFigures> specs, Reference reference, int runs, int warmUps) {
    }

    private final List<Path> specs;
    private final Path reference;
    private final int warmUps;
    private final int runs;

    public BootstrapBenchmark(List<Path> specs, Path reference, int warmUps, int runs) {
        this.specs = List.copyOf(specs);
        this.reference = reference;
        this.warmUps = warmUps;
        this.runs = runs;
    }

    public Result run() {
        List<SpecFigures> figures = new ArrayList<>();
        for (Path spec : specs) {
            figures.add(bootstrap(spec));
        }
        return new Result(figures, load(), runs, warmUps);
    }

    private SpecFigures bootstrap(Path folder) {
        long[][] t = new long[Step.values().length][runs];
        int objects = 0;
        int bytes = 0;
        for (int run = -warmUps; run < runs; run++) {
            Bootstrap.Timings[] timings = new Bootstrap.Timings[1];
            long start = System.nanoTime();
            KernelSpec spec = KernelSpec.read(folder);
            try (ObjectSpace space = Bootstrap.build(spec, new Bootstrap.Listener() {
                @Override
                public void done(Bootstrap.Timings done) {
                    timings[0] = done;
                }
            })) {
                long saveStart = System.nanoTime();
                byte[] image = space.toBytes();
                long end = System.nanoTime();
                objects = space.memory().objectCount();
                bytes = image.length;
                if (run >= 0) {
                    t[Step.TOTAL.ordinal()][run] = end - start;
                    t[Step.SEED.ordinal()][run] = timings[0].seed();
                    t[Step.COMPILE.ordinal()][run] = timings[0].compile();
                    t[Step.INITIALISE.ordinal()][run] = timings[0].initialise();
                    t[Step.BOOT.ordinal()][run] = timings[0].boot();
                    t[Step.SAVE.ordinal()][run] = end - saveStart;
                }
            }
        }
        return new SpecFigures(folder, objects, bytes, Stats.of(t[Step.TOTAL.ordinal()]),
                Stats.of(t[Step.SEED.ordinal()]), Stats.of(t[Step.COMPILE.ordinal()]),
                Stats.of(t[Step.INITIALISE.ordinal()]), Stats.of(t[Step.BOOT.ordinal()]),
                Stats.of(t[Step.SAVE.ordinal()]));
    }

    private Reference load() {
        long[] t = new long[runs];
        int objects = 0;
        for (int run = -warmUps; run < runs; run++) {
            long start = System.nanoTime();
            try (ObjectSpace space = ObjectSpace.load(reference)) {
                long took = System.nanoTime() - start;
                objects = space.memory().objectCount();
                if (run >= 0) {
                    t[run] = took;
                }
            }
        }
        return new Reference(reference, objects, Stats.of(t));
    }

    private enum Step { TOTAL, SEED, COMPILE, INITIALISE, BOOT, SAVE }
}
