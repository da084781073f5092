package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.ImageBenchmark;
import org.ozworkbench.workbench.bench.ImageBenchmark.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench [IMAGE]}: load, save and cold-inspect timings against the real VM's boot. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Time load, save and a cold inspect of an image (default Scratch.image), "
        + "with the real VM booting the same image as the reference.")
public final class BenchCommand implements Callable<Integer> {
    /** Its subcommands, which {@code Ozw} adds (only the one named, when one is). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(JournalBenchCommand.class, ReplayBenchCommand.class,
            InterpreterBenchCommand.class, ServeBenchCommand.class, DecompilerBenchCommand.class,
            CheckpointBenchCommand.class, MemoryBenchCommand.class, BootstrapBenchCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--runs", defaultValue = "30", description = "Timed runs per figure (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        Path image = target.image();
        List<Figure> figures = BenchTarget.inTemporaryFolder("ozw-bench", work -> new ImageBenchmark(image, runs, work).run());
        PrintWriter out = spec.commandLine().getOut();
        double reference = figures.stream().filter(f -> f.name().startsWith("real VM")).findFirst()
                .map(f -> f.stats().medianMillis()).orElse(Double.NaN);
        String date = LocalDate.now().toString();
        if (target.markdown) {
            for (Figure f : figures) {
                out.printf("| %s on %s | %.1f ms median of %d (min %.1f, max %.1f) | %s | %s | %s |%n", f.name(),
                        image.getFileName(), f.stats().medianMillis(), f.stats().count(), f.stats().minMillis(),
                        f.stats().maxMillis(), ratio(f, reference), f.note(), date);
            }
        } else {
            out.printf("%-26s %10s %8s %8s %6s  %s%n", "figure", "median ms", "min", "max", "runs", "vs real VM boot");
            for (Figure f : figures) {
                out.printf("%-26s %10.1f %8.1f %8.1f %6d  %s%n", f.name(), f.stats().medianMillis(), f.stats().minMillis(),
                        f.stats().maxMillis(), f.stats().count(), ratio(f, reference));
            }
            out.println("image: " + image + "; reference: the real VM booting the same image and quitting at once");
        }
        out.flush();
        return 0;
    }

    private static String ratio(Figure f, double reference) {
        return Double.isNaN(reference) ? "no real VM" : String.format("%.2fx", f.stats().medianMillis() / reference);
    }
}
