package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.core.bootstrap.KernelSpec;
import org.ozworkbench.core.bootstrap.SpecException;
import org.ozworkbench.workbench.bench.BootstrapBenchmark;
import org.ozworkbench.workbench.bench.BootstrapBenchmark.SpecFigures;
import org.ozworkbench.workbench.bench.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw bench bootstrap [SPEC...]}: bootstrapping kernels, split by step, against loading an image. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, description = "Time bootstrapping each kernel spec (default kernel/6502 and kernel/6505),"
        + " split into seed, compile, initialise, boot process and save, with objects per second, against loading"
        + " the reference image (default ../shared/images/candle-6505.image) in the same run.")
public final class BootstrapBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "Kernel spec folders (default: kernel/6502"
            + " kernel/6505).")
    List<Path> specs = List.of(Path.of("kernel", "6502"), Path.of("kernel", "6505"));

    @Option(names = "--reference", paramLabel = "IMAGE", defaultValue = "../shared/images/candle-6505.image",
            description = "The image whose load is the reference (default ${DEFAULT-VALUE}).")
    Path reference;

    @Option(names = "--warm-up", defaultValue = "5", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--runs", defaultValue = "10", description = "Timed runs per figure (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--markdown", description = "Print the figures as rows for BENCHMARKS.md.")
    boolean markdown;

    @Override
    public Integer call() {
        if (warmUps < 0 || runs < 1) {
            throw BadInputException.because("--warm-up must be >= 0 and --runs >= 1");
        }
        if (!Files.isRegularFile(reference)) {
            throw BadInputException.noSuchFile(reference);
        }
        for (Path s : specs) {
            if (!Files.isRegularFile(s.resolve(KernelSpec.MANIFEST))) {
                throw BadInputException.because(s + ": no " + KernelSpec.MANIFEST + ": expected a kernel spec folder");
            }
        }
        BootstrapBenchmark.Result r;
        try {
            r = new BootstrapBenchmark(specs, reference, warmUps, runs).run();
        } catch (SpecException e) {
            throw BadInputException.because(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        BootstrapBenchmark.Reference ref = r.reference();
        String date = LocalDate.now().toString();
        for (SpecFigures f : r.specs()) {
            if (markdown) {
                out.printf("| bootstrap %s (%,d objects, %,d bytes) | %.1f ms, %,.0f objects/s: seed %.1f, compile %.1f,"
                                + " initialise %.1f, boot process %.1f, save %.1f ms | load %s: %.1f ms (%,d objects,"
                                + " %,.0f objects/s) | %.1fx | medians of %d runs after %d warm-ups | %s |%n",
                        f.spec(), f.objects(), f.bytes(), ms(f.total()), f.objectsPerSecond(), ms(f.seed()),
                        ms(f.compile()), ms(f.initialise()), ms(f.boot()), ms(f.save()), ref.image().getFileName(),
                        ms(ref.load()), ref.objects(), ref.objectsPerSecond(), ms(f.total()) / ms(ref.load()), r.runs(),
                        r.warmUps(), date);
            } else {
                out.printf("bootstrap %s: %,d objects, %,d bytes%n", f.spec(), f.objects(), f.bytes());
                out.printf("  total %9.1f ms (min %.1f, max %.1f), %,.0f objects/s, %.1fx the reference load%n",
                        ms(f.total()), f.total().minMillis(), f.total().maxMillis(), f.objectsPerSecond(),
                        ms(f.total()) / ms(ref.load()));
                out.printf("  seed %.1f ms, compile %.1f ms, initialise %.1f ms, boot process %.1f ms, save %.1f ms%n",
                        ms(f.seed()), ms(f.compile()), ms(f.initialise()), ms(f.boot()), ms(f.save()));
            }
        }
        if (!markdown) {
            out.printf("reference: load %s %.1f ms (min %.1f, max %.1f), %,d objects, %,.0f objects/s%n", ref.image(),
                    ms(ref.load()), ref.load().minMillis(), ref.load().maxMillis(), ref.objects(),
                    ref.objectsPerSecond());
            out.printf("medians of %d runs after %d warm-ups%n", r.runs(), r.warmUps());
        }
        out.flush();
        return 0;
    }

    private static double ms(Stats s) {
        return s.medianMillis();
    }
}
