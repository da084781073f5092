package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * The standing hostile-input suite: for every command, inputs of each hostile kind (wrong kind of
 * file, too big, too deep, too long, limits of the format + 1, hostile names, patterns and
 * {@code --out} paths) end in one line {@code ozw: ...} and a non-zero exit within a bounded time,
 * with no file changed that is not the command's output. CI-sized by default;
 * {@code -Dozw.hostile.long=true} nests and repeats a hundred times deeper and longer.
 */
class HostileInputTest {
    private static final boolean LONG = Boolean.getBoolean("ozw.hostile.long");
    private static final Duration BOUND = Duration.ofSeconds(LONG ? 300 : 60);
    private static final int DEPTH = LONG ? 200_000 : 2_000;
    private static final int REPEAT = LONG ? 1_000_000 : 20_000;
    /** Files larger than this are compared by size and time, not read. */
    private static final long HASHED_BYTES = 64L * 1024 * 1024;
    private static final int V3_CLOSURE_MAGIC = 6504;
    private static final long THREE_GB = 3L << 30;

    @TempDir
    Path dir;

    private Path base;
    private Path fileIn;

    private Path setUp() throws IOException {
        base = Files.copy(ImageAssumptions.assumeSharedImage(SharedImage.MINI), dir.resolve("base.image"));
        fileIn = Files.writeString(dir.resolve("ok.st"), "!Object methodsFor: 'ozw'!\rozwHostile\r\t^ 1! !\r");
        return base;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    // ---- hostile images, for every command that reads one

    /** A kind of bad image file: its name and how to make it in a folder. */
    private record BadImage(String name, Function<Path, Path> make, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadImage> badImages() {
        return Stream.of(
                new BadImage("/dev/zero", d -> Path.of("/dev/zero"), "is not a regular file"),
                new BadImage("a FIFO", HostileInputTest::fifo, "is not a regular file"),
                new BadImage("a folder", d -> d, "is a directory"),
                new BadImage("an empty file", d -> file(d.resolve("empty.image"), 0, false), "empty file"),
                new BadImage("3 GB of zeros", d -> file(d.resolve("zeros.image"), THREE_GB, false), "bad magic"),
                new BadImage("3 GB after a V3 magic", d -> file(d.resolve("huge.image"), THREE_GB, true),
                        "larger than a 32-bit V3 image can be"),
                new BadImage("a V3 magic and nothing else", d -> file(d.resolve("magic.image"), 4, true), "truncated"));
    }

    private static Path fifo(Path d) {
        Path fifo = d.resolve("fifo.image");
        try {
            int rc = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
            Assumptions.assumeTrue(rc == 0, "mkfifo failed");
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("no mkfifo here: " + e);
        }
        return fifo;
    }

    /** A sparse file of {@code size} bytes, starting with a V3 magic when asked. */
    private static Path file(Path p, long size, boolean magic) {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            if (magic) {
                f.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(V3_CLOSURE_MAGIC)
                        .array());
            }
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void everyCommandRefusesABadImageInOneLine(BadImage kind) throws IOException {
        setUp();
        Path bad = kind.make().apply(dir);
        Path out = dir.resolve("out.image");
        Path journal = dir.resolve("journal");
        Map<String, String> before = snapshot();

        for (Object[] args : List.of(
                new Object[] {"inspect", bad}, new Object[] {"classes", bad}, new Object[] {"methods", bad, "Object"},
                new Object[] {"processes", bad}, new Object[] {"globals", bad}, new Object[] {"object", bad, "Processor"},
                new Object[] {"save", bad, "--out", out}, new Object[] {"diff", base, bad}, new Object[] {"diff", bad, base},
                new Object[] {"compile", bad, "Object", "foo ^ 1", "--out", out},
                new Object[] {"filein", bad, fileIn, "--out", out}, new Object[] {"eval", bad, "3 + 4"},
                new Object[] {"export", bad, "--out", dir.resolve("export")},
                new Object[] {"surgery", bad, "--journal", journal, fileIn, "--out", out},
                new Object[] {"demo", bad, "--out", out}, new Object[] {"bench", bad},
                new Object[] {"bench", "journal", bad}, new Object[] {"bench", "replay", bad},
                new Object[] {"bench", "interpreter", bad}, new Object[] {"bench", "decompiler", bad})) {
            OzwRun run = bounded(args);
            assertOneLine(run, args);
            assertThat(run.err()).as(String.join(" ", strings(args))).contains(kind.says());
        }
        for (Object[] args : List.of( // these may first find the journal missing: one line all the same
                new Object[] {"rollback", bad, "--journal", journal, "ozw", "--out", out},
                new Object[] {"replay", bad, "--journal", journal, "--out", out}, new Object[] {"boot", bad})) {
            assertOneLine(bounded(args), args);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- hostile journal folders, for every command that reads or writes a journal

    static Stream<Arguments> badJournals() {
        return Stream.of(
                Arguments.of("a plain file", (Function<Path, Path>) d -> writeQuietly(d.resolve("j"), "not a journal")),
                Arguments.of("a folder of garbage queue files", (Function<Path, Path>) d -> {
                    Path j = folder(d.resolve("j"));
                    writeQuietly(j.resolve("20261207F.cq4"), "garbage ".repeat(5000));
                    writeQuietly(j.resolve("metadata.cq4t"), "");
                    return j;
                }),
                Arguments.of("a folder that is no journal", (Function<Path, Path>) d -> {
                    Path j = folder(d.resolve("j"));
                    writeQuietly(j.resolve("notes.txt"), "mine");
                    return j;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJournals")
    void everyJournalCommandRefusesABadJournalInOneLine(String kind, Function<Path, Path> make) throws IOException {
        setUp();
        Path journal = make.apply(dir);
        Path out = dir.resolve("out.image");
        Map<String, String> before = snapshot();

        for (Object[] args : List.of(
                new Object[] {"journal", "log", journal}, new Object[] {"journal", "show", journal, "x"},
                new Object[] {"journal", "tail", journal, "--until-idle", "100"},
                new Object[] {"journal", "salvage", journal, "--out", dir.resolve("salvaged")},
                new Object[] {"surgery", base, "--journal", journal, fileIn, "--out", out},
                new Object[] {"rollback", base, "--journal", journal, "x", "--out", out},
                new Object[] {"replay", base, "--journal", journal, "--out", out})) {
            OzwRun run = bounded(args);
            assertThat(run.exitCode()).as(kind + ": " + String.join(" ", strings(args)) + run.out() + run.err()).isNotZero();
            assertThat(run.errLines().size()).as(kind + ": " + String.join(" ", strings(args)) + ": " + run.err())
                    .isLessThanOrEqualTo(1);
            assertThat(run.err() + run.out()).doesNotContain("\tat ", "Exception in");
        }
        Map<String, String> after = snapshot();
        after.keySet().removeIf(f -> f.endsWith("writer.lock") || f.contains("salvaged"));
        before.keySet().removeIf(f -> f.endsWith("writer.lock"));
        assertThat(after).as(kind + ": no file changed").isEqualTo(before);
    }

    private static Path folder(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path writeQuietly(Path p, String content) {
        try {
            return Files.writeString(p, content, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- hostile source, for every command that compiles

    static Stream<Arguments> hostileSources() {
        String ivars255 = IntStream.range(0, 255).mapToObj(i -> "v" + i).collect(Collectors.joining(" "));
        return Stream.of(
                Arguments.of("parentheses", "(".repeat(DEPTH) + "1" + ")".repeat(DEPTH), "nested deeper than 256"),
                Arguments.of("blocks", "[".repeat(DEPTH) + "1" + "]".repeat(DEPTH), "nested deeper than 256"),
                Arguments.of("brace arrays", "{".repeat(DEPTH) + "1" + "}".repeat(DEPTH), "nested deeper than 256"),
                Arguments.of("literal arrays", "#" + "(".repeat(DEPTH) + ")".repeat(DEPTH), "nested deeper than 256"),
                Arguments.of("a chain of sends", "1" + " + 1".repeat(REPEAT), "nested deeper than 256"),
                Arguments.of("an unclosed block", "[".repeat(DEPTH), "nested deeper than 256"),
                Arguments.of("255 instance variables", "Object subclass: #OzwWide instanceVariableNames: '" + ivars255
                        + "' classVariableNames: '' poolDictionaries: '' category: 'Ozw'", "too many instance variables"),
                Arguments.of("a class named 'hello world'", "Object subclass: #'hello world' instanceVariableNames: ''"
                        + " classVariableNames: '' poolDictionaries: '' category: 'Ozw'", "not a valid class name"),
                Arguments.of("an instance variable twice", "Object subclass: #OzwTwice instanceVariableNames: 'a a'"
                        + " classVariableNames: '' poolDictionaries: '' category: 'Ozw'", "a is multiply defined"),
                Arguments.of("an instance variable named self", "Object subclass: #OzwSelf instanceVariableNames: 'self'"
                        + " classVariableNames: '' poolDictionaries: '' category: 'Ozw'", "self is a reserved name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileSources")
    void everyCommandThatCompilesRefusesHostileSourceInOneLine(String kind, String statement, String says)
            throws IOException {
        setUp();
        boolean definition = statement.startsWith("Object subclass:");
        Path st = write("hostile.st", statement + "!\r");
        Path journal = dir.resolve("journal");
        Path out = dir.resolve("out.image");
        Map<String, String> before = snapshot();
        List<Object[]> runs = new ArrayList<>();
        runs.add(new Object[] {"filein", base, st, "--out", out});
        runs.add(new Object[] {"surgery", base, "--journal", journal, st, "--out", out});
        if (!definition) {
            runs.add(new Object[] {"compile", base, "Object", "ozwHostile\r\t^ " + statement, "--out", out});
            runs.add(new Object[] {"eval", base, statement});
        }

        for (Object[] args : runs) {
            OzwRun run = bounded(args);
            assertOneLine(run, args);
            assertThat(run.err().toLowerCase()).as(kind).contains(says.toLowerCase());
        }
        assertThat(Files.exists(out)).isFalse();
        Map<String, String> after = snapshot();
        after.keySet().removeIf(name -> name.startsWith("journal"));
        assertThat(after).isEqualTo(before);
    }

    // ---- hostile --out, refused before any work

    @Test
    void aHostileOutIsRefusedBeforeAnyWorkAndNoSurgeryIsCommitted() throws IOException {
        setUp();
        Path journal = dir.resolve("journal");
        OzwRun first = OzwRun.ozw("surgery", base, "--journal", journal, fileIn, "--out", dir.resolve("s1.image"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path queueFile;
        try (Stream<Path> files = Files.list(journal)) {
            queueFile = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        Path fifo = fifo(dir);
        Path notAFolder = write("notdir.txt", "a file");
        Path second = write("second.st", "!Object methodsFor: 'ozw'!\rozwSecond\r\t^ 2! !\r");
        Map<String, String> before = snapshot();

        Map<Object, String> outs = new java.util.LinkedHashMap<>();
        outs.put("", "an empty path");
        outs.put(dir, "is a folder");
        outs.put(fifo, "is not a regular file");
        outs.put(notAFolder.resolve("x.image"), "is a file, not a folder");
        outs.put(queueFile, "is inside the journal folder");
        outs.put(journal.resolve("sub/new.image"), "is inside the journal folder");
        outs.put(second, "is the file being applied");
        outs.put(base, "refusing to overwrite the input image");
        for (Map.Entry<Object, String> out : outs.entrySet()) {
            for (Object[] args : List.of(
                    new Object[] {"surgery", base, "--journal", journal, second, "--out", out.getKey()},
                    new Object[] {"rollback", base, "--journal", journal, "ok.st", "--out", out.getKey()},
                    new Object[] {"replay", base, "--journal", journal, "--out", out.getKey()})) {
                if (!args[0].equals("surgery") && out.getValue().equals("is the file being applied")) {
                    continue;
                }
                OzwRun run = bounded(args);
                assertOneLine(run, args);
                assertThat(run.err()).as(String.join(" ", strings(args))).contains(out.getValue());
            }
        }
        for (Object[] args : List.of(new Object[] {"filein", base, second, "--out", second},
                new Object[] {"save", base, "--out", fifo}, new Object[] {"compile", base, "Object", "x ^ 1", "--out", dir},
                new Object[] {"save", base, "--out", ""})) {
            assertOneLine(bounded(args), args);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- hostile batches

    static Stream<Arguments> hostileBatches() {
        String deep = "[".repeat(DEPTH) + "]".repeat(DEPTH);
        return Stream.of(
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"store\", \"object\": \"Processor\", \"slot\": 0,"
                        + " \"value\": 1, \"value\": 2}]}", "step 1: key \"value\" is given twice"),
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"storeByte\", \"object\": \"Processor\", \"slot\": 0,"
                        + " \"value\": 1}]}", "step 1: \"index\" is missing or not an integer"),
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"poke\"}]}", "step 1: unknown op \"poke\""),
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"store\", \"object\": \"Processor\", \"slot\": 0,"
                        + " \"value\": " + deep + "}]}", "nested deeper than"),
                Arguments.of("[1, 2]", "expected an object"),
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"priority\", \"process\": \"Processor.activeProcess\","
                        + " \"priority\": 1073741824}]}", "step 1 (priority): priority 1073741824 out of range 1..8"),
                Arguments.of("{\"label\": \"x\", \"steps\": [{\"op\": \"store\", \"object\": \"Processor.activeProcess\","
                        + " \"slot\": \"priority\", \"value\": 1073741824}]}", "step 1 (store): slot 2 (priority) of a Process"
                        + " takes a SmallInteger in 1..8, not a LargePositiveInteger"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostileBatches")
    void aHostileBatchIsRefusedInOneLineInTheBatchsTerms(String json, String says) throws IOException {
        setUp();
        Path batch = write("hostile.json", json);
        Path out = dir.resolve("out.image");
        Object[] args = {"surgery", base, "--journal", dir.resolve("journal"), batch, "--out", out};

        OzwRun run = bounded(args);

        assertOneLine(run, args);
        assertThat(run.err()).contains(says).doesNotContain("`", "Jackson", "org.ozworkbench");
        assertThat(Files.exists(out)).isFalse();
    }

    // ---- hostile name patterns: answered, quickly

    @Test
    void patternsOfManyStarsAreAnsweredWithinTheBound() throws IOException {
        setUp();
        String stars = "*".repeat(LONG ? 3_000 : 30);
        for (Object[] args : List.of(new Object[] {"classes", base, stars + "a"},
                new Object[] {"globals", base, stars + "a" + stars + "b"}, new Object[] {"classes", base, "?".repeat(40)})) {
            OzwRun run = bounded(args);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
        }
    }

    // ---- helpers

    private static OzwRun bounded(Object... args) {
        return assertTimeoutPreemptively(BOUND, () -> OzwRun.ozw(args), () -> String.join(" ", strings(args)));
    }

    private static void assertOneLine(OzwRun run, Object[] args) {
        String command = String.join(" ", strings(args));
        assertThat(run.exitCode()).as(command + ": " + run.err()).isNotZero();
        assertThat(run.errLines()).as(command).singleElement().asString().startsWith("ozw: ").doesNotContain("\tat ");
    }

    private static List<String> strings(Object[] args) {
        return Stream.of(args).map(String::valueOf).map(s -> s.length() > 80 ? s.substring(0, 80) + "..." : s).toList();
    }

    /** Every file under the folder: its kind, or its SHA-256 (size and time when large). */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    files.put(name, "folder");
                } else if (!Files.isRegularFile(p)) {
                    files.put(name, "special");
                } else if (Files.size(p) > HASHED_BYTES) {
                    files.put(name, Files.size(p) + " bytes at " + Files.getLastModifiedTime(p));
                } else {
                    files.put(name, sha256(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
