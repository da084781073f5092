package org.ozworkbench.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Core tests' view of the real images: temporary, until the fixtures module provides it. */
public final class Images {
    private Images() {
    }

    /** Expected figures for one image, measured by an independent parser (shared/images/README.md). */
    public record Facts(String name, Path path, String dialect, int objects, int oneWordHeaders, int twoWordHeaders,
                        int threeWordHeaders, int classes, int compiledMethods, int globals, int dataSize,
                        int oldBaseAddress, int specialObjectsOop) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Path scratch() {
        return Path.of("/usr/share/scratch/Scratch.image");
    }

    public static Optional<Path> sharedImage(String name) {
        Path p = Path.of(System.getProperty("ozw.shared.dir", "../../shared"), "images", name);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    public static Stream<Facts> allV3() {
        Stream<Facts> shared = Stream.of(
                shared("candle-6505.image", "candle", 2525, 1426, 1071, 28, 47, 830, 0, 86640, 0x40, 0x58),
                shared("mini-6502.image", "squeak2", 17692, 12625, 4781, 286, 203, 4606, 214, 726592, 0xb731f000,
                        0xb733e368),
                shared("jittest-6502.image", "squeak2", 16976, 12606, 4086, 284, 204, 4661, 215, 642296, 0x10040000,
                        0x1005f22c),
                shared("squeakjs-bigendian-6502.image", "squeak2", 15893, 11840, 3770, 283, 205, 4639, 217, 624380, 0x0,
                        0x1f380)).flatMap(Optional::stream);
        Facts scratch = new Facts("Scratch.image", scratch(), "squeak3", 83459, 59017, 22359, 2083, 604, 16255, 617,
                5682480, 0x14ffc000, 0x150bcc84);
        return Stream.concat(Stream.of(scratch), shared);
    }

    private static Optional<Facts> shared(String name, String dialect, int objects, int one, int two, int three,
                                          int classes, int methods, int globals, int dataSize, int oldBase, int specials) {
        return sharedImage(name).map(p -> new Facts(name, p, dialect, objects, one, two, three, classes, methods, globals,
                dataSize, oldBase, specials));
    }
}
