package org.ozworkbench.realvm;

import static org.ozworkbench.realvm.RealVmConstants.APT_TIMEOUT;
import static org.ozworkbench.realvm.RealVmConstants.DPKG_TIMEOUT;
import static org.ozworkbench.realvm.RealVmConstants.SCRATCH_CACHE;
import static org.ozworkbench.realvm.RealVmConstants.SCRATCH_IMAGE_ENV;
import static org.ozworkbench.realvm.RealVmConstants.SCRATCH_IN_PACKAGE;
import static org.ozworkbench.realvm.RealVmConstants.SCRATCH_PACKAGE;
import static org.ozworkbench.realvm.RealVmConstants.SCRATCH_SYSTEM_IMAGE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds Debian's Scratch.image on this machine, downloading it when it is nowhere. Stateless. */
public final class ScratchImage {
    private static final String DEB_SUFFIX = ".deb";

    private ScratchImage() {
    }

    /**
     * Debian's Scratch.image (Squeak V3, 5.6 MB). Tried in this order:
     * {@code /usr/share/scratch/Scratch.image}; the file named by the environment variable
     * {@value RealVmConstants#SCRATCH_IMAGE_ENV}; a cached copy under {@code ~/.cache/ozw/scratch/};
     * finally that cache is filled by {@code apt-get download scratch} (after one {@code apt-get update} if the first try
     * fails) and {@code dpkg-deb -x}, each under a time limit. Treat the answer as read-only.
     *
     * @throws NotFoundException naming each attempt and why it failed
     */
    public static Path locate() {
        Path cache = Path.of(System.getProperty("user.home")).resolve(SCRATCH_CACHE);
        return lookup(SCRATCH_SYSTEM_IMAGE, System.getenv(SCRATCH_IMAGE_ENV), cache).orElseThrow();
    }

    static Lookup lookup(Path systemImage, String env, Path cacheFile) {
        Lookup lookup = new Lookup("Scratch.image")
                .consider("Debian package " + SCRATCH_PACKAGE, systemImage, Files::isRegularFile)
                .consider("environment variable " + SCRATCH_IMAGE_ENV, env == null ? null : Path.of(env),
                        Files::isRegularFile)
                .consider("cached download", cacheFile, Files::isRegularFile);
        return lookup.attempt(() -> download(cacheFile, lookup));
    }

    /** Downloads and unpacks the scratch package into {@code cacheFile}; reports failures to {@code lookup}. */
    static Optional<Path> download(Path cacheFile, Lookup lookup) {
        Path work = BoundedProcess.createTempDir();
        try {
            List<String> download = List.of("apt-get", "download", SCRATCH_PACKAGE);
            Optional<Path> deb = runStep(download, work, APT_TIMEOUT, lookup) ? debIn(work) : Optional.empty();
            if (deb.isEmpty()) {
                runStep(List.of("apt-get", "update"), work, APT_TIMEOUT, lookup);
                deb = runStep(download, work, APT_TIMEOUT, lookup) ? debIn(work) : Optional.empty();
            }
            if (deb.isEmpty()) {
                return Optional.empty();
            }
            Path extracted = work.resolve("extracted");
            Path image = extracted.resolve(SCRATCH_IN_PACKAGE);
            List<String> extract = List.of("dpkg-deb", "-x", deb.get().toString(), extracted.toString());
            if (!runStep(extract, work, DPKG_TIMEOUT, lookup) || !Files.isRegularFile(image)) {
                lookup.failed("the package " + deb.get().getFileName() + " holds no " + SCRATCH_IN_PACKAGE);
                return Optional.empty();
            }
            Files.createDirectories(cacheFile.getParent());
            // Copy beside the cache then rename, so a concurrent reader never sees half a file.
            Path partial = Files.createTempFile(cacheFile.getParent(), cacheFile.getFileName().toString(), ".part");
            Files.copy(image, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, cacheFile, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(cacheFile);
        } catch (IOException e) {
            lookup.failed("caching the downloaded image at " + cacheFile + ": " + e);
            return Optional.empty();
        } finally {
            BoundedProcess.deleteRecursively(work);
        }
    }

    private static boolean runStep(List<String> command, Path dir, Duration timeout, Lookup lookup) {
        try {
            BoundedProcess.Outcome outcome = BoundedProcess.run(command, dir, timeout);
            if (!outcome.succeeded()) {
                lookup.failed(outcome.describe());
            }
            return outcome.succeeded();
        } catch (UncheckedIOException e) {
            lookup.failed(e.getMessage() + ": " + e.getCause().getMessage());
            return false;
        }
    }

    private static Optional<Path> debIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(DEB_SUFFIX)).findFirst();
        }
    }
}
