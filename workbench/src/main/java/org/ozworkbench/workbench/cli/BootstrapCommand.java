package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ozworkbench.core.bootstrap.Bootstrap;
import org.ozworkbench.core.bootstrap.KernelSpec;
import org.ozworkbench.core.bootstrap.SpecException;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalRecorder;
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

    @Option(names = "--journal", paramLabel = "DIR", description = "Record the bootstrap as a genesis journal in DIR"
            + " (a new or empty folder): its seed, then one surgery per spec file and the boot process; 'ozw replay"
            + " --journal DIR' rebuilds the same image.")
    Path journalDir;

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
     * @param journal   the genesis journal, or null
     * @param seedMs    time to make the seed (classless creation)
     * @param fileInMs  time to file the spec in (compile, doIts)
     * @param bootMs    time to make the boot process
     * @param sha256    the image's SHA-256
     */
    record Report(String spec, int format, int classes, int files, int objects, int bytes, String out, String journal,
                  double seedMs, double fileInMs, double bootMs, String sha256) {
    }

    @Override
    public Integer call() {
        OutputFile output = OutputFile.check(out).notTheInput(specFolder.resolve(KernelSpec.MANIFEST),
                "the spec's manifest");
        if (journalDir != null) {
            requireNewJournal(journalDir);
            output.outsideJournal(journalDir);
        }
        if (!Files.isDirectory(specFolder)) {
            throw BadInputException.because(specFolder + ": is not a folder: expected a kernel spec folder");
        }
        try {
            KernelSpec kernel = KernelSpec.read(specFolder);
            for (KernelSpec.SpecFile f : kernel.files()) {
                output.notTheInput(Path.of(f.name()), "a file of the spec");
            }
            if (journalDir == null) {
                build(kernel, new Bootstrap.Listener() {
                }, saved -> { });
            } else {
                // a spec that fails leaves no journal behind: it is built once before the journaled build
                Bootstrap.build(kernel).close();
                try (Journal journal = Journal.open(journalDir)) {
                    JournalRecorder[] recorder = new JournalRecorder[1];
                    build(kernel, new Bootstrap.Listener() {
                        @Override
                        public void seeded(ObjectSpace space, byte[] seed) {
                            recorder[0] = JournalRecorder.attachGenesis(space, journal, specFolder.toString(), seed);
                        }
                    }, saved -> recorder[0].saved(saved));
                }
            }
        } catch (SpecException e) {
            throw BadInputException.because(e.getMessage());
        }
        return 0;
    }

    private void build(KernelSpec kernel, Bootstrap.Listener listener, Consumer<Path> saved) {
        Bootstrap.Timings[] timings = new Bootstrap.Timings[1];
        Bootstrap.Listener timed = new Bootstrap.Listener() {
            @Override
            public void seeded(ObjectSpace space, byte[] seed) {
                listener.seeded(space, seed);
            }

            @Override
            public void done(Bootstrap.Timings t) {
                timings[0] = t;
            }
        };
        try (ObjectSpace space = Bootstrap.build(kernel, timed)) {
            byte[] image = space.toBytes();
            ObjectMemory.writeAtomically(out, image);
            saved.accept(out);
            Report r = new Report(specFolder.toString(), kernel.format().version(), kernel.definitions().size(),
                    kernel.files().size(), space.memory().objectCount(), image.length, out.toString(),
                    journalDir == null ? null : journalDir.toString(), timings[0].seed() / NANOS_PER_MILLI,
                    timings[0].fileIn() / NANOS_PER_MILLI, timings[0].boot() / NANOS_PER_MILLI,
                    SaveCommand.sha256(image));
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                Json.print(w, r);
            } else {
                printText(r, w);
            }
            w.flush();
        }
    }

    /** A genesis starts a new journal: the folder must not exist yet or be empty. */
    private static void requireNewJournal(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw BadInputException.because("--journal " + dir + ": not a folder: expected a new or empty folder for"
                    + " the genesis journal");
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.findAny().isPresent()) {
                throw BadInputException.because("--journal " + dir + ": not empty: a bootstrap's genesis starts a new"
                        + " journal; name a new or empty folder");
            }
        } catch (IOException e) {
            throw BadInputException.because("--journal " + dir + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static void printText(Report r, PrintWriter w) {
        w.printf("bootstrapped %s (format %d): %d classes from %d files, %,d objects, %,d bytes%n", r.spec(),
                r.format(), r.classes(), r.files(), r.objects(), r.bytes());
        w.printf("seed %.1f ms, file-in %.1f ms, boot process %.1f ms%n", r.seedMs(), r.fileInMs(), r.bootMs());
        w.printf("wrote %s%nsha256 %s%n", r.out(), r.sha256());
        if (r.journal() != null) {
            w.printf("genesis journal %s%n", r.journal());
        }
    }
}
