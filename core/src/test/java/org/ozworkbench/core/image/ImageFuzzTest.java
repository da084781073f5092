package org.ozworkbench.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.ozworkbench.core.image.ChunkMap.WORD;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.image.ChunkMap.Chunk;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Damages real images at random and reads them back. Reading must end, within the heap, in
 * one of two ways: the image loads, or {@link ImageFormatException}. A damaged image that still
 * loads must write back its very bytes (the reader keeps everything it read) and load again.
 * Walking the mirrors of such an image may fail (a class name slot may now hold a SmallInteger):
 * that is counted in the summary, not failed.
 *
 * <p>Every input comes from its own seed, printed with any failure; {@code -Dozw.fuzz.seed=N}
 * replays that one input on every image, {@code -Dozw.fuzz.count=N} runs N inputs (default 2,000).
 */
class ImageFuzzTest {
    private static final String COUNT_PROPERTY = "ozw.fuzz.count";
    private static final String SEED_PROPERTY = "ozw.fuzz.seed";
    private static final int DEFAULT_COUNT = 2_000;
    private static final int BATCH = 50;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REPORTED_FAILURES = 10;
    private static final int HEADER_BYTES = ImageHeader.STANDARD_SIZE;
    private static final int THREE_WORDS = 3;
    /** How many words of a rejection message name its kind in the summary. */
    private static final int KIND_WORDS = 5;
    /** Scratch.image is 5.6 MB, eight times the others: it gets a fixed handful of inputs. */
    private static final int SCRATCH_SHARE_PER_MILLE = 15;

    private static final Summary TOTAL = new Summary();

    static Stream<Arguments> images() {
        int count = Integer.getInteger(COUNT_PROPERTY, DEFAULT_COUNT);
        int scratch = Math.max(10, count * SCRATCH_SHARE_PER_MILLE / 1000);
        int each = (count - scratch + 3) / 4;
        return Stream.of(Arguments.of(RealImages.MINI, each), Arguments.of(RealImages.CANDLE, each),
                Arguments.of(RealImages.BIG_ENDIAN, each), Arguments.of(RealImages.JITTEST, each),
                Arguments.of(RealImages.SCRATCH, scratch));
    }

    @ParameterizedTest(name = "{0}: {1} inputs")
    @MethodSource("images")
    void aDamagedImageLoadsAndWritesBackItsBytesOrIsRejectedWithAnImageFormatException(String image, int count) {
        byte[] original = RealImages.bytes(image);
        Mutator mutator = new Mutator(original);
        long[] seeds = seeds(image, count);
        Summary summary = new Summary();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < seeds.length; from += BATCH) {
            long[] batch = Arrays.copyOfRange(seeds, from, Math.min(seeds.length, from + BATCH));
            AtomicReference<Input> current = new AtomicReference<>();
            Supplier<String> hung = () -> "no answer within " + BATCH_TIMEOUT.toSeconds() + " s for a batch of "
                    + batch.length + " inputs; the last one begun: " + current.get();
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
                for (long seed : batch) {
                    current.set(mutator.mutate(image, seed));
                    check(current.get(), summary, failures);
                }
            }, hung);
        }
        summary.nanos.add(System.nanoTime() - start);
        TOTAL.add(summary);
        System.out.println("fuzz " + image + ": " + summary);

        assertThat(failures).as("inputs that broke the reader (%d of %d, the first %d shown)", summary.failed.sum(),
                seeds.length, MAX_REPORTED_FAILURES).isEmpty();
    }

    @AfterAll
    static void printSummary() {
        System.out.println("fuzz summary: " + TOTAL);
    }

    private static long[] seeds(String image, int count) {
        Long replay = Long.getLong(SEED_PROPERTY);
        if (replay != null) {
            return new long[] {replay};
        }
        SplittableRandom seeds = new SplittableRandom(image.hashCode());
        long[] result = new long[count];
        for (int i = 0; i < count; i++) {
            result[i] = seeds.nextLong();
        }
        return result;
    }

    // ---- one input ----

    /** One damaged image: where it came from, how it was damaged, and its bytes. */
    record Input(String image, long seed, String mutation, byte[] bytes) {
        Path name() {
            return Path.of(image + " #" + seed);
        }

        @Override
        public String toString() {
            return image + " seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + "): " + mutation;
        }
    }

    private static void check(Input input, Summary summary, List<String> failures) {
        summary.inputs.increment();
        ObjectSpace space;
        try {
            space = ObjectSpace.read(input.name(), input.bytes());
        } catch (ImageFormatException e) {
            summary.rejected(kindOf(e, input.name()));
            if (!e.getMessage().startsWith(input.name().toString())) {
                fail(summary, failures, input, "the message does not name the file: " + e.getMessage());
            }
            return;
        } catch (Throwable t) {
            fail(summary, failures, input, "reading threw " + describe(t));
            return;
        }
        summary.loaded.increment();
        checkWriteBack(input, space, summary, failures);
        try {
            walkMirrors(space, summary);
        } catch (Throwable t) {
            fail(summary, failures, input, "walking the mirrors threw " + describe(t));
        }
    }

    private static void checkWriteBack(Input input, ObjectSpace space, Summary summary, List<String> failures) {
        byte[] expected = input.bytes();
        byte[] written;
        try {
            written = space.toBytes();
            ObjectSpace.read(input.name(), written);
        } catch (Throwable t) {
            fail(summary, failures, input, "loaded, but writing it back and reading that threw " + describe(t));
            return;
        }
        int at = Arrays.mismatch(written, expected);
        if (at >= 0) {
            fail(summary, failures, input, "loaded, but wrote back different bytes from offset " + at + " (wrote "
                    + written.length + " bytes, expected " + expected.length + ")");
        }
    }

    private static void walkMirrors(ObjectSpace space, Summary summary) {
        walk(summary, "classes", () -> space.classes().forEach(ClassMirror::name));
        walk(summary, "processes", () -> space.scheduler().knownProcesses().forEach(ProcessMirror::state));
        walk(summary, "globals", space::globals);
    }

    private static void walk(Summary summary, String what, Runnable walk) {
        try {
            walk.run();
        } catch (RuntimeException | StackOverflowError e) {
            summary.walkFailed(what + " " + e.getClass().getSimpleName());
        }
    }

    private static void fail(Summary summary, List<String> failures, Input input, String what) {
        summary.failed.increment();
        synchronized (failures) {
            if (failures.size() < MAX_REPORTED_FAILURES) {
                failures.add(input + ": " + what);
            }
        }
    }

    private static String describe(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return t + (trace.length > 0 ? " at " + trace[0] : "");
    }

    /** The first words of the message after "file at offset n (0xn): ", numbers as #. */
    private static String kindOf(ImageFormatException e, Path name) {
        String message = e.getMessage().substring(name.toString().length())
                .replaceFirst("^ at offset \\d+ \\(0x[0-9a-f]+\\)", "").replaceFirst("^: ", "");
        String[] words = message.replaceAll("-?0x[0-9a-f]+|-?[0-9]+", "#").split("[ :;,]+");
        return String.join(" ", Arrays.copyOf(words, Math.min(words.length, KIND_WORDS)));
    }

    // ---- damage ----

    /** Damages one image in ways chosen by a seed: the same seed always gives the same bytes. */
    static final class Mutator {
        private static final int[] HUGE = {0x7fffffff, 0xffffffff, 0x80000000, 0xfffffffc, 0x7ffffffc, 0x40000000,
                0x3ffffffc, 0};
        private static final int[] NEAR = {-12, -8, -4, 0, 0, 0, 4, 8, 12};
        private static final int LAST_HEADER_WORD = 15;
        private static final int MAX_SPLICE = 4096;
        private static final int DATA_SIZE_INDEX = ChunkMap.DATA_SIZE_OFFSET / WORD;
        /** How far from the end a shrunk data size may end. */
        private static final int LAST_OBJECTS = 16;

        private final byte[] original;
        private final ChunkMap map;
        private final List<Integer> pointerSlots;

        Mutator(byte[] original) {
            this.original = original;
            this.map = ChunkMap.of(original);
            this.pointerSlots = map.objectPointerSlots();
        }

        Input mutate(String image, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            Damage damage = switch (r.nextInt(8)) {
                case 0 -> flipBytes(r);
                case 1 -> overwriteWord(r, "SmallInteger", r.nextInt() | 1);
                case 2 -> overwriteWord(r, "oop near an object", nearOop(r));
                case 3 -> overwriteWord(r, "huge value", HUGE[r.nextInt(HUGE.length)]);
                case 4 -> damageObjectHeader(r);
                case 5 -> damageImageHeader(r);
                case 6 -> truncate(r);
                default -> splice(r);
            };
            return new Input(image, seed, damage.what(), damage.bytes());
        }

        /** Damaged bytes and what was done to them. */
        private record Damage(String what, byte[] bytes) {
        }

        private Damage flipBytes(SplittableRandom r) {
            byte[] bytes = original.clone();
            int n = 1 + r.nextInt(8);
            StringBuilder what = new StringBuilder("flip bytes");
            for (int i = 0; i < n; i++) {
                int at = r.nextInt(4) == 0 ? r.nextInt(HEADER_BYTES) : r.nextInt(bytes.length);
                int mask = 1 + r.nextInt(255);
                bytes[at] ^= (byte) mask;
                what.append(String.format(" %d^0x%02x", at, mask));
            }
            return new Damage(what.toString(), bytes);
        }

        private int nearOop(SplittableRandom r) {
            Chunk target = map.chunks.get(r.nextInt(map.chunks.size()));
            return map.oopOf(target) + NEAR[r.nextInt(NEAR.length)];
        }

        /** Overwrites a pointer slot (most often), an object's header word, or any word. */
        private Damage overwriteWord(SplittableRandom r, String kind, int value) {
            byte[] bytes = original.clone();
            int where = r.nextInt(10);
            int at;
            if (where < 6) {
                at = pointerSlots.get(r.nextInt(pointerSlots.size()));
            } else if (where < 9) {
                Chunk c = map.chunks.get(r.nextInt(map.chunks.size()));
                at = c.start() + WORD * r.nextInt(c.headerWords());
            } else {
                at = WORD * r.nextInt(bytes.length / WORD);
            }
            putWord(bytes, at, value);
            return new Damage(String.format("word at %d := 0x%08x (%s)", at, value, kind), bytes);
        }

        /**
         * Changes one field of an object's base header (type, size, format, compact index, hash,
         * high bits), or the type bits of the class word of a 3-word header.
         */
        private Damage damageObjectHeader(SplittableRandom r) {
            byte[] bytes = original.clone();
            Chunk c = map.chunks.get(r.nextInt(map.chunks.size()));
            int at = c.base();
            int[][] fields = {{0, 2}, {2, 6}, {8, 4}, {12, 5}, {17, 12}, {29, 3}};
            int[] field = fields[r.nextInt(fields.length)];
            if (c.headerWords() == THREE_WORDS && r.nextInt(4) == 0) {
                at = c.base() - WORD;
                field = fields[0];
            }
            int mask = ((1 << field[1]) - 1) << field[0];
            int old = map.word(at);
            int damaged = (old & ~mask) | (r.nextInt() & mask);
            putWord(bytes, at, damaged);
            String what = at == c.base() ? "base header" : "class word";
            return new Damage(String.format("%s at %d: 0x%08x -> 0x%08x", what, at, old, damaged), bytes);
        }

        /**
         * Sets a header word to a value near the old one, a huge one, or any; or makes the data
         * size end at one of the last objects (the file keeps the rest).
         */
        private Damage damageImageHeader(SplittableRandom r) {
            byte[] bytes = original.clone();
            int index = r.nextInt(LAST_HEADER_WORD + 1);
            int old = map.word(index * WORD);
            int value = switch (r.nextInt(4)) {
                case 0 -> old + WORD * (r.nextInt(33) - 16);
                case 1 -> HUGE[r.nextInt(HUGE.length)];
                case 2 -> r.nextInt();
                default -> {
                    index = DATA_SIZE_INDEX;
                    old = map.dataSize;
                    Chunk last = map.chunks.get(map.chunks.size() - 1 - r.nextInt(LAST_OBJECTS));
                    yield last.end() - map.headerSize;
                }
            };
            putWord(bytes, index * WORD, value);
            return new Damage(String.format("header word %d: 0x%08x -> 0x%08x", index, old, value), bytes);
        }

        private Damage truncate(SplittableRandom r) {
            int length = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(HEADER_BYTES * 2);
                case 1 -> original.length - 1 - r.nextInt(HEADER_BYTES);
                default -> r.nextInt(original.length);
            };
            return new Damage("truncate to " + length + " bytes", Arrays.copyOf(original, length));
        }

        /** Copies a block of the image over another place, or inserts it there, or cuts a block out. */
        private Damage splice(SplittableRandom r) {
            byte[] bytes = original.clone();
            int n = 1 + r.nextInt(r.nextBoolean() ? 64 : MAX_SPLICE);
            int from = r.nextInt(bytes.length - n);
            int to = r.nextInt(bytes.length - n);
            if (r.nextBoolean()) {
                n &= ~(WORD - 1);
                from &= ~(WORD - 1);
                to &= ~(WORD - 1);
            }
            byte[] result;
            String what;
            switch (r.nextInt(3)) {
                case 0 -> {
                    result = bytes;
                    System.arraycopy(original, from, result, to, n);
                    what = "copy";
                }
                case 1 -> {
                    result = new byte[bytes.length + n];
                    System.arraycopy(bytes, 0, result, 0, to);
                    System.arraycopy(original, from, result, to, n);
                    System.arraycopy(bytes, to, result, to + n, bytes.length - to);
                    what = "insert";
                }
                default -> {
                    result = new byte[bytes.length - n];
                    System.arraycopy(bytes, 0, result, 0, to);
                    System.arraycopy(bytes, to + n, result, to, bytes.length - to - n);
                    what = "cut";
                }
            }
            String mutation = what.equals("cut") ? "cut " + n + " bytes at " + to
                    : what + " " + n + " bytes from " + from + " to " + to;
            return new Damage("splice: " + mutation, result);
        }

        private void putWord(byte[] bytes, int at, int value) {
            ByteBuffer.wrap(bytes).order(map.order).putInt(at, value);
        }
    }

    // ---- counting ----

    /** Counts for one image or for the whole run; safe to add to from several threads. */
    static final class Summary {
        final LongAdder inputs = new LongAdder();
        final LongAdder loaded = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
        final Map<String, LongAdder> walkFailures = new ConcurrentHashMap<>();
        final Map<String, LongAdder> notes = new ConcurrentHashMap<>();

        void rejected(String kind) {
            rejections.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void walkFailed(String kind) {
            walkFailures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void note(String what) {
            notes.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        void add(Summary other) {
            inputs.add(other.inputs.sum());
            loaded.add(other.loaded.sum());
            nanos.add(other.nanos.sum());
            other.rejections.forEach((k, v) -> rejections.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
            other.walkFailures.forEach((k, v) -> walkFailures.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
            other.notes.forEach((k, v) -> notes.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
        }

        @Override
        public String toString() {
            long rejected = rejections.values().stream().mapToLong(LongAdder::sum).sum();
            return String.format("%d inputs, %d failed, %d loaded (written back with %s; mirror walks failed: %s),"
                    + " %d rejected %s, %.1f s", inputs.sum(), failed.sum(), loaded.sum(), byCount(notes),
                    byCount(walkFailures), rejected, byCount(rejections), nanos.sum() / 1e9);
        }

        private static String byCount(Map<String, LongAdder> counts) {
            Map<String, Long> sorted = new TreeMap<>();
            counts.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
