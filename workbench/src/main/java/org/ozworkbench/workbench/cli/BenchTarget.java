package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ozworkbench.realvm.ScratchImage;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every {@code ozw bench} command takes: the image (Scratch.image by default) and {@code --markdown}. */
final class BenchTarget {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "The image (default: Scratch.image).")
    Path image;

    @Option(names = "--markdown", description = "Print the figures as rows for BENCHMARKS.md.")
    boolean markdown;

    /** The image to measure, which must exist. */
    Path image() {
        Path target = image != null ? image : ScratchImage.locate();
        if (!Files.exists(target)) {
            throw BadInputException.noSuchFile(target);
        }
        return target;
    }

    /** A benchmark's work, given a fresh temporary folder that is deleted, whole, afterwards. */
    @FunctionalInterface
    interface Work<T> {
        T run(Path folder) throws Exception;
    }

    static <T> T inTemporaryFolder(String prefix, Work<T> work) throws Exception {
        Path folder = Files.createTempDirectory(prefix);
        try {
            return work.run(folder);
        } finally {
            deleteAll(folder);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
