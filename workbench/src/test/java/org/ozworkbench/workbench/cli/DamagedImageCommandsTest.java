package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.image.ImageFormatException;
import org.ozworkbench.core.image.ImageHeader;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * What the loader accepts, every read-only command walks: on images damaged at random (words of
 * the object memory overwritten with SmallIntegers, with oops of other objects, or bytes flipped),
 * each of inspect, classes, methods, processes, globals, object and diff either answers (exit 0)
 * or refuses in one line (exit 2); none fails with an exception of its own (exit 1) or hangs.
 * {@code -Dozw.fuzz.commands=N} runs N damaged images (default 60); {@code -Dozw.fuzz.seed=S}
 * replays one.
 */
class DamagedImageCommandsTest {
    private static final int DEFAULT_COUNT = 60;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int WORD = 4;
    private static final int MAX_REPORTED = 10;

    @TempDir
    Path dir;

    @Test
    void everyReadOnlyCommandWalksADamagedImageTheLoaderAcceptsOrRefusesItInOneLine() throws IOException {
        Path base = ImageAssumptions.assumeSharedImage(SharedImage.MINI);
        byte[] original = Files.readAllBytes(base);
        int count = Integer.getInteger("ozw.fuzz.commands", DEFAULT_COUNT);
        Long replay = Long.getLong("ozw.fuzz.seed");
        SplittableRandom seeds = new SplittableRandom(original.length);
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        for (int i = 0; i < (replay == null ? count : 1) && failures.size() < MAX_REPORTED; i++) {
            long seed = replay == null ? seeds.nextLong() : replay;
            byte[] damaged = damage(original, new SplittableRandom(seed));
            Path image = Files.write(dir.resolve("damaged.image"), damaged);
            try {
                ObjectSpace.read(image, damaged).close();
            } catch (ImageFormatException refused) {
                continue;
            }
            loaded++;
            for (Object[] args : List.of(new Object[] {"inspect", image}, new Object[] {"classes", image},
                    new Object[] {"methods", image, "Object"}, new Object[] {"processes", image},
                    new Object[] {"globals", image}, new Object[] {"object", image, "Processor"},
                    new Object[] {"diff", base, image})) {
                OzwRun run = assertTimeoutPreemptively(BOUND, () -> OzwRun.ozw(args), () -> "seed " + seed);
                boolean refusedInOneLine = run.exitCode() == 2 && run.errLines().size() == 1;
                if (run.exitCode() != 0 && !refusedInOneLine) {
                    failures.add("seed " + seed + " (-Dozw.fuzz.seed=" + seed + "): ozw " + args[0] + " exited "
                            + run.exitCode() + ": " + run.err().strip());
                }
            }
        }
        System.out.println("damaged images: " + loaded + " of " + count + " loaded, walked by every command");
        assertThat(failures).isEmpty();
    }

    /** One to four words of the object memory overwritten: a SmallInteger, another object's oop, or flipped bits. */
    private static byte[] damage(byte[] original, SplittableRandom r) {
        byte[] bytes = original.clone();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = ImageHeader.STANDARD_SIZE;
        int words = (bytes.length - dataStart) / WORD;
        int oldBase = b.getInt(12);
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            int at = dataStart + WORD * r.nextInt(words);
            int value = switch (r.nextInt(3)) {
                case 0 -> (r.nextInt(1 << 16) << 1) | 1;
                case 1 -> b.getInt(dataStart + WORD * r.nextInt(words)) == 0 ? oldBase : oldBase + (at - dataStart);
                default -> b.getInt(at) ^ (1 << r.nextInt(32));
            };
            b.putInt(at, value);
        }
        return bytes;
    }
}
