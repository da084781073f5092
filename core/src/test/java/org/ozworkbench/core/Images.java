package org.ozworkbench.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ozworkbench.fixtures.ImageFacts;
import org.ozworkbench.fixtures.SharedImage;
import org.ozworkbench.fixtures.TestImages;

/** Core tests' view of the real images: the fixtures' images and facts, plus the dialect each one is. */
public final class Images {
    private static final Map<String, String> DIALECTS = Map.of(
            ImageFacts.SCRATCH.fileName(), "squeak3",
            ImageFacts.CANDLE.fileName(), "candle",
            ImageFacts.MINI.fileName(), "squeak2",
            ImageFacts.JITTEST.fileName(), "squeak2",
            ImageFacts.SQUEAKJS_BIG_ENDIAN.fileName(), "squeak2");

    private Images() {
    }

    /** One real image with the figures an independent parser measured on it. */
    public record Facts(Path path, String dialect, ImageFacts expected) {
        public String name() {
            return expected.fileName();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    public static Path scratch() {
        return TestImages.scratchImage();
    }

    /** Scratch.image or a shared image by file name; a missing shared image skips the calling test. */
    public static Path assumeImage(String fileName) {
        if (fileName.equals(ImageFacts.SCRATCH.fileName())) {
            return scratch();
        }
        Optional<Path> path = sharedImage(fileName);
        org.junit.jupiter.api.Assumptions.assumeTrue(path.isPresent(), "skipped: ../shared/images/" + fileName
                + " not found");
        return path.get();
    }

    /** A shared image by file name, when ../shared/images is there. */
    public static Optional<Path> sharedImage(String fileName) {
        return Stream.of(SharedImage.values()).filter(i -> i.fileName().equals(fileName)).findFirst()
                .flatMap(SharedImage::find);
    }

    /** Scratch.image and every V3 image of ../shared/images that is present. */
    public static Stream<Facts> allV3() {
        Stream<Facts> shared = SharedImage.v3().stream().filter(SharedImage::isPresent)
                .map(i -> facts(i.path(), i.facts().orElseThrow()));
        return Stream.concat(Stream.of(facts(scratch(), ImageFacts.SCRATCH)), shared);
    }

    private static Facts facts(Path path, ImageFacts expected) {
        return new Facts(path, DIALECTS.get(expected.fileName()), expected);
    }
}
