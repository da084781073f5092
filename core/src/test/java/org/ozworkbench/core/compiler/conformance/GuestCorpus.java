package org.ozworkbench.core.compiler.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodDictionaryMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.TestImages;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * Every CompiledMethod of an image as the image's own Decompiler and Compiler see it, asked inside
 * the real VM: the oracle our host compiler is compared with (same source in; compare header,
 * literals and bytecodes).
 *
 * <pre>{@code
 * GuestCorpus corpus = GuestCorpus.of(Images.scratch());
 * for (GuestMethod m : corpus.methods()) {
 *     m.source().ifPresent(src -> ...);          // what the guest's Decompiler printed
 *     m.compiled().ifPresent(code -> ...);       // what the guest's Compiler made of src
 * }
 * }</pre>
 *
 * <p>Building one boots a copy of the image once: {@code corpus-doit.st} (beside this class) runs
 * through {@code Compiler evaluate:} in a process injected with {@link BootScript}, writes the
 * corpus file ({@link GuestCorpusReader} has the format) and quits. Squeak 2.2 images get
 * {@link NamedFilePrimitives} first; the methods it replaces are marked
 * {@link GuestMethod#patchedByHost()}. Corpora are kept per JVM and on disk under
 * {@code target/guest-corpus/}, keyed by the image's SHA-256 and the doIt's, so the tests of a
 * run, and later runs, share one VM boot; {@value #REBUILD_PROPERTY}{@code =true} forces a new
 * boot. The VM gets {@value #TIMEOUT_PROPERTY} seconds (default 120).
 *
 * <p>Instances are immutable and thread-safe; {@link #of} builds one image at a time.
 */
public final class GuestCorpus {
    static final String DOIT_RESOURCE = "corpus-doit.st";
    static final String TIMEOUT_PROPERTY = "ozw.guestCorpus.timeoutSeconds";
    static final String REBUILD_PROPERTY = "ozw.guestCorpus.rebuild";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final String OUTPUT_PLACEHOLDER = "{{OUTPUT}}";
    private static final String PATCHED_PLACEHOLDER = "{{PATCHED}}";
    private static final String OK_ANSWER = "ok ";
    private static final int FIRST_NUMBERED_FILE_PRIMITIVE = 150;
    private static final int LAST_NUMBERED_FILE_PRIMITIVE = 163;
    private static final int SHA_CHARS_IN_NAME = 16;
    private static final String CORPUS_SUFFIX = ".corpus";
    private static final System.Logger LOG = System.getLogger(GuestCorpus.class.getName());
    private static final Map<Path, GuestCorpus> BUILT = new HashMap<>();

    private final Path image;
    private final Path file;
    private final String guestVersion;
    private final List<GuestMethod> methods;
    private final Map<String, GuestMethod> byKey;
    private final List<GuestRecordError> recordErrors;
    private final GuestTimings timings;
    private final Optional<Duration> vmWallTime;

    private GuestCorpus(Path image, Path file, GuestCorpusReader.Contents contents, Optional<Duration> vmWallTime) {
        this.image = image;
        this.file = file;
        this.guestVersion = contents.guestVersion();
        this.methods = contents.methods();
        Map<String, GuestMethod> keys = new LinkedHashMap<>();
        methods.forEach(m -> keys.put(m.key(), m));
        this.byKey = Collections.unmodifiableMap(keys);
        this.recordErrors = contents.recordErrors();
        this.timings = contents.timings();
        this.vmWallTime = vmWallTime;
    }

    /**
     * The corpus of {@code image}: from this JVM's or the disk cache when there is one for the
     * same image bytes and doIt, else by booting the real VM once (Scratch: about 20 s).
     *
     * @throws GuestCorpusException when the real VM does not deliver a complete corpus
     * @throws org.ozworkbench.realvm.NotFoundException when there is no real VM
     */
    public static synchronized GuestCorpus of(Path image) {
        String imageSha = TestImages.sha256(image);
        String doIt = doItTemplate();
        Path cacheFile = cacheDir().resolve(image.getFileName() + "-" + imageSha.substring(0, SHA_CHARS_IN_NAME) + "-"
                + sha256(doIt).substring(0, SHA_CHARS_IN_NAME) + CORPUS_SUFFIX);
        GuestCorpus known = BUILT.get(cacheFile);
        if (known != null) {
            return known;
        }
        Optional<GuestCorpus> cached = Boolean.getBoolean(REBUILD_PROPERTY) ? Optional.empty()
                : fromCache(image, cacheFile);
        GuestCorpus corpus = cached.orElseGet(() -> build(image, doIt, cacheFile, timeout()));
        BUILT.put(cacheFile, corpus);
        return corpus;
    }

    /** Reads a corpus file written by the guest; {@code image} only names where it came from. */
    public static GuestCorpus read(Path image, Path corpusFile) {
        return new GuestCorpus(image, corpusFile, GuestCorpusReader.read(corpusFile), Optional.empty());
    }

    private static Optional<GuestCorpus> fromCache(Path image, Path cacheFile) {
        if (!Files.isRegularFile(cacheFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(image, cacheFile));
        } catch (GuestCorpusFormatException e) {
            LOG.log(Level.WARNING, "ignoring a cached guest corpus that does not read; booting the VM again", e);
            return Optional.empty();
        }
    }

    /**
     * Boots the real VM on a copy of {@code image} that evaluates {@code doItTemplate}, and moves
     * the corpus it writes to {@code cacheFile}. The work folder beside it is deleted on success and
     * kept, for a look, on failure.
     */
    static GuestCorpus build(Path image, String doItTemplate, Path cacheFile, Duration timeout) {
        RealVm vm = RealVm.locate();
        Path work = createDirectories(cacheFile.toAbsolutePath().getParent()).resolve("build-" + image.getFileName() + "-" + ProcessHandle.current()
                .pid() + "-" + System.nanoTime());
        createDirectories(work);
        Path output = work.resolve("corpus.txt");
        Path marker = work.resolve("marker.txt");
        ObjectSpace space = ObjectSpace.load(image);
        List<String> patched = numberedFilePrimitiveMethods(space);
        if (!patched.isEmpty() && NamedFilePrimitives.install(space) != patched.size()) {
            throw new IllegalStateException("NamedFilePrimitives replaced other methods than the "
                    + patched.size() + " calling primitives 150-163 in " + image);
        }
        BootScript script = BootScript.on(space, marker);
        script.code().pushGlobal("Compiler").pushString(doItSource(doItTemplate, output, patched))
                .send("evaluate:", 1);
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path booted = work.resolve(image.getFileName());
        space.save(booted);

        RealVmRun run = vm.boot(booted, marker, timeout);
        String answer = run.marker().orElseThrow(() -> GuestCorpusException.noMarker(run, progress(output), work));
        if (!answer.startsWith(OK_ANSWER)) {
            throw GuestCorpusException.doItFailed(run, answer, work);
        }
        GuestCorpusReader.Contents contents;
        try {
            contents = GuestCorpusReader.read(output);
        } catch (GuestCorpusFormatException e) {
            throw GuestCorpusException.unreadable(image, work, e);
        }
        try {
            Files.move(output, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(work);
            deleteOtherVersions(cacheFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the corpus into the cache at " + cacheFile, e);
        }
        return new GuestCorpus(image, cacheFile, contents, Optional.of(run.elapsed()));
    }

    /** "Class>>selector" of every method the host must replace so a Squeak 2.2 image can write files. */
    static List<String> numberedFilePrimitiveMethods(ObjectSpace space) {
        List<String> keys = new ArrayList<>();
        for (ClassMirror cls : space.classes()) {
            for (ClassMirror side : List.of(cls, cls.metaclass())) {
                for (MethodDictionaryMirror.Entry e : side.methodDictionary().entries()) {
                    int primitive = e.method().primitive();
                    if (primitive >= FIRST_NUMBERED_FILE_PRIMITIVE && primitive <= LAST_NUMBERED_FILE_PRIMITIVE) {
                        keys.add(GuestMethod.key(side.name(), e.selector()));
                    }
                }
            }
        }
        return keys;
    }

    static String doItSource(String template, Path output, List<String> patched) {
        String array = patched.stream().map(k -> "'" + quoted(k) + "'").collect(Collectors.joining(" ", "#(", ")"));
        return template.replace(OUTPUT_PLACEHOLDER, quoted(output.toAbsolutePath().toString()))
                .replace(PATCHED_PLACEHOLDER, array);
    }

    /** The text of a Smalltalk String literal (without its quotes). */
    private static String quoted(String s) {
        return s.replace("'", "''");
    }

    static String doItTemplate() {
        try (InputStream in = GuestCorpus.class.getResourceAsStream(DOIT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + DOIT_RESOURCE + " is not beside " + GuestCorpus.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + DOIT_RESOURCE, e);
        }
    }

    private static String progress(Path output) {
        if (!Files.isRegularFile(output)) {
            return GuestCorpusException.progress(output, -1, Optional.empty());
        }
        try {
            byte[] bytes = Files.readAllBytes(output);
            return GuestCorpusException.progress(output, bytes.length,
                    GuestCorpusReader.lastMethodStarted(output, bytes));
        } catch (IOException e) {
            return "corpus file " + output + " unreadable: " + e;
        }
    }

    private static Duration timeout() {
        return Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT.toSeconds()));
    }

    /** {@code target/guest-corpus} of the module under test, else a folder in the temporary directory. */
    static Path cacheDir() {
        String basedir = System.getProperty("basedir");
        Path target = (basedir == null ? Path.of("") : Path.of(basedir)).toAbsolutePath().resolve("target");
        return Files.isDirectory(target) ? target.resolve("guest-corpus")
                : Path.of(System.getProperty("java.io.tmpdir"), "ozw-guest-corpus");
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Corpora of the same image made by an older doIt: the file name differs only in its last part. */
    private static void deleteOtherVersions(Path cacheFile) throws IOException {
        String name = cacheFile.getFileName().toString();
        String prefix = name.substring(0, name.lastIndexOf('-') + 1);
        try (var siblings = Files.list(cacheFile.getParent())) {
            for (Path p : siblings.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(CORPUS_SUFFIX) && !p.equals(cacheFile)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // ---- the corpus ----

    /** The image this corpus describes. */
    public Path image() {
        return image;
    }

    /** The corpus file, as the guest wrote it. */
    public Path file() {
        return file;
    }

    /** {@code Smalltalk version} as the guest answered it. */
    public String guestVersion() {
        return guestVersion;
    }

    /** Every method of every class in Smalltalk and of its metaclass, in the guest's walk order. */
    public List<GuestMethod> methods() {
        return methods;
    }

    /** The method of that class ("Array" or "Array class") and selector. */
    public Optional<GuestMethod> method(String qualifiedClassName, String selector) {
        return Optional.ofNullable(byKey.get(GuestMethod.key(qualifiedClassName, selector)));
    }

    /** The methods the host did not replace before the boot: the image's own. */
    public List<GuestMethod> imageMethods() {
        return methods.stream().filter(m -> !m.patchedByHost()).toList();
    }

    /** Methods whose record the guest could not write (none in the images seen so far). */
    public List<GuestRecordError> recordErrors() {
        return recordErrors;
    }

    /** The guest's own timings. */
    public GuestTimings timings() {
        return timings;
    }

    /** How long the real VM ran, boot to quit; empty when this corpus came from the disk cache. */
    public Optional<Duration> vmWallTime() {
        return vmWallTime;
    }

    @Override
    public String toString() {
        return "GuestCorpus[" + image.getFileName() + ", " + methods.size() + " methods, " + guestVersion + "]";
    }
}
