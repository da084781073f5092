package org.ozworkbench.workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * Issue 2's benchmark: load and save of an image (warm medians), a cold {@code ozw inspect} in a
 * fresh JVM, and, as the reference measured in the same run, the real VM booting the same image
 * and quitting at once.
 */
public final class ImageBenchmark {
    /** One measured figure. */
    public record Figure(String name, Stats stats, String note) {
    }

    private static final Duration VM_TIMEOUT = Duration.ofSeconds(30);
    private final Path image;
    private final int runs;
    private final Path work;

    public ImageBenchmark(Path image, int runs, Path work) {
        this.image = image;
        this.runs = runs;
        this.work = work;
    }

    public List<Figure> run() {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("load (warm)", loadTimes(), "ObjectSpace.load, file read included"));
        figures.add(new Figure("save (warm)", saveTimes(), "toBytes + temp file + rename"));
        coldInspectTimes().ifPresent(s -> figures.add(new Figure("ozw inspect (cold JVM)", s, "java -jar ozw.jar")));
        RealVm.find().ifPresent(vm -> figures.add(new Figure("real VM boot + quit", vmBootTimes(vm),
                "reference: " + vm.executable().getFileName() + " on the same image with a quit at boot")));
        return figures;
    }

    private Stats loadTimes() {
        return warmMedian(() -> ObjectSpace.load(image));
    }

    private Stats saveTimes() {
        ObjectSpace space = ObjectSpace.load(image);
        Path out = work.resolve("bench-save.image");
        return warmMedian(() -> space.save(out));
    }

    /** Times {@code action} {@code runs} times after a warm-up of a third as many (at least 5). */
    private Stats warmMedian(Runnable action) {
        for (int i = 0; i < Math.max(5, runs / 3); i++) {
            action.run();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            t[i] = System.nanoTime() - start;
        }
        return Stats.of(t);
    }

    private Optional<Stats> coldInspectTimes() {
        return Launcher.timeCold(List.of("inspect", image.toString()), Math.max(3, Math.min(runs, 7)));
    }

    private Stats vmBootTimes(RealVm vm) {
        ObjectSpace space = ObjectSpace.load(image);
        Path marker = work.resolve("bench.marker");
        BootScript script = BootScript.on(space, marker);
        script.code().pushString("booted");
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path quitting = work.resolve("bench-quit.image");
        space.save(quitting);
        int n = Math.max(3, Math.min(runs, 10));
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            RealVmRun run = vm.boot(quitting, marker, VM_TIMEOUT);
            run.markerOrFail();
            t[i] = run.elapsed().toNanos();
        }
        return Stats.of(t);
    }

}
