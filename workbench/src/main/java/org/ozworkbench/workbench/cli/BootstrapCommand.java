package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ozworkbench.core.bootstrap.Bootstrap;
import org.ozworkbench.core.bootstrap.KernelSpec;
import org.ozworkbench.core.bootstrap.SpecException;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw bootstrap SPEC --out FILE}: builds a kernel image from a spec folder, with no base image. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Build an image from a kernel spec (a folder of chunk files and a manifest), with no base "
                + "image: every class, method, symbol, special object and the first process made by the host.")
public final class BootstrapCommand implements Callable<Integer> {
    private static final double NANOS_PER_MILLI = 1e6;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The kernel spec folder (with its manifest).")
    Path specFolder;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the image.")
    Path out;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /**
     * What {@code ozw bootstrap} built.
     *
     * @param spec      the spec folder
     * @param format    the image format
     * @param classes   the classes the spec defines
     * @param files     the spec files filed in
     * @param objects   the objects of the image
     * @param bytes     the image's size
     * @param out       the image written
     * @param seedMs    time to make the seed (classless creation)
     * @param fileInMs  time to file the spec in (compile, doIts)
     * @param bootMs    time to make the boot process
     * @param sha256    the image's SHA-256
     */
    record Report(String spec, int format, int classes, int files, int objects, int bytes, String out, double seedMs,
                  double fileInMs, double bootMs, String sha256) {
    }

    @Override
    public Integer call() {
        OutputFile.check(out).notTheInput(specFolder.resolve(KernelSpec.MANIFEST), "the spec's manifest");
        if (!Files.isDirectory(specFolder)) {
            throw BadInputException.because(specFolder + ": is not a folder: expected a kernel spec folder");
        }
        KernelSpec kernel;
        Bootstrap.Timings[] timings = new Bootstrap.Timings[1];
        try {
            kernel = KernelSpec.read(specFolder);
            try (ObjectSpace space = Bootstrap.build(kernel, t -> timings[0] = t)) {
                byte[] image = space.toBytes();
                ObjectMemory.writeAtomically(out, image);
                Report r = new Report(specFolder.toString(), kernel.format().version(), kernel.definitions().size(),
                        kernel.files().size(), space.memory().objectCount(), image.length, out.toString(),
                        timings[0].seed() / NANOS_PER_MILLI, timings[0].fileIn() / NANOS_PER_MILLI,
                        timings[0].boot() / NANOS_PER_MILLI, SaveCommand.sha256(image));
                PrintWriter w = spec.commandLine().getOut();
                if (json) {
                    Json.print(w, r);
                } else {
                    printText(r, w);
                }
                w.flush();
            }
        } catch (SpecException e) {
            throw BadInputException.because(e.getMessage());
        }
        return 0;
    }

    static void printText(Report r, PrintWriter w) {
        w.printf("bootstrapped %s (format %d): %d classes from %d files, %,d objects, %,d bytes%n", r.spec(),
                r.format(), r.classes(), r.files(), r.objects(), r.bytes());
        w.printf("seed %.1f ms, file-in %.1f ms, boot process %.1f ms%n", r.seedMs(), r.fileInMs(), r.bootMs());
        w.printf("wrote %s%nsha256 %s%n", r.out(), r.sha256());
    }
}
