package org.ozworkbench.realvm;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every name, path, flag and limit the real-VM route relies on, in one place. */
public final class RealVmConstants {

    /** Where Debian's {@code scratch} package installs its image. */
    public static final Path SCRATCH_SYSTEM_IMAGE = Path.of("/usr/share/scratch/Scratch.image");
    /** Environment variable naming a Scratch.image to use when the package is not installed. */
    public static final String SCRATCH_IMAGE_ENV = "OZW_SCRATCH_IMAGE";
    /** Where a downloaded Scratch.image is cached, relative to the user's home. */
    public static final Path SCRATCH_CACHE = Path.of(".cache", "ozw", "scratch", "Scratch.image");
    /** The Debian package that ships Scratch.image. */
    public static final String SCRATCH_PACKAGE = "scratch";
    /** Scratch.image's path inside the extracted package. */
    public static final Path SCRATCH_IN_PACKAGE = Path.of("usr", "share", "scratch", "Scratch.image");

    /** Folder holding one versioned folder per installed Debian {@code squeak-vm}. */
    public static final Path SQUEAK_LIB_DIR = Path.of("/usr/lib/squeak");
    /** The VM executable's file name inside a versioned folder. */
    public static final String SQUEAK_VM_NAME = "squeakvm";
    /** Environment variable naming the VM executable when the package is not installed. */
    public static final String SQUEAK_VM_ENV = "OZW_SQUEAK_VM";
    /** Flags every run needs: without a display option the VM aborts (exit 134). */
    public static final List<String> VM_HEADLESS_FLAGS = List.of("-vm-display-null", "-vm-sound-null");

    /** Where child processes read stdin from, so nothing waits on input. */
    public static final Path NULL_DEVICE = Path.of("/dev/null");
    /** How much of a child's stdout and stderr is kept: the last bytes, the rest dropped. */
    public static final int OUTPUT_TAIL_BYTES = 16 * 1024;
    /** Charset a marker file is read in: every byte maps to one char, so reading never fails. */
    public static final Charset MARKER_CHARSET = StandardCharsets.ISO_8859_1;
    /** How long to wait for a killed process to be gone. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** Time limit for each {@code apt-get} call when Scratch.image must be downloaded. */
    public static final Duration APT_TIMEOUT = Duration.ofMinutes(5);
    /** Time limit for extracting the downloaded package. */
    public static final Duration DPKG_TIMEOUT = Duration.ofMinutes(1);

    private RealVmConstants() {
    }
}
