package org.ozworkbench.workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JVM flags the ./ozw launcher starts the workbench with, so a measured cold start is the user's. */
final class Launcher {
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn256m", "-Xshare:auto");

    private Launcher() {
    }

    /**
     * Times {@code runs} cold runs of {@code ozw ARGUMENTS} (a new JVM each, with the launcher's
     * flags, output discarded): empty when the workbench does not run from its jar.
     */
    static Optional<Stats> timeCold(List<String> arguments, int runs) {
        Optional<Path> jar = ownJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.get().toString()));
        command.addAll(arguments);
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("failed: " + String.join(" ", command));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            t[i] = System.nanoTime() - start;
        }
        return Optional.of(Stats.of(t));
    }

    /** The jar the workbench runs from, if it runs from one. */
    static Optional<Path> ownJar() {
        try {
            Path location = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location)
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
