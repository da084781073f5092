package org.ozworkbench.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * Where the bad-input tests find their real images, by file name, through the fixtures: a missing
 * shared image skips the test (an assumption), it never fails it.
 */
final class RealImages {
    static final String MINI = "mini-6502.image";
    static final String CANDLE = "candle-6505.image";
    static final String BIG_ENDIAN = "squeakjs-bigendian-6502.image";
    static final String JITTEST = "jittest-6502.image";
    static final String SPUR = "headless-spur-6521.image";
    static final String SCRATCH = "Scratch.image";

    private RealImages() {
    }

    /** The path of a real image by file name; skips the calling test when it is not there. */
    static Path require(String name) {
        if (name.equals(SCRATCH)) {
            return ImageAssumptions.assumeScratchImage();
        }
        SharedImage image = Arrays.stream(SharedImage.values()).filter(i -> i.fileName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shared image named " + name));
        return ImageAssumptions.assumeSharedImage(image);
    }

    static byte[] bytes(String name) {
        Path image = require(name);
        try {
            return Files.readAllBytes(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
