package org.ozworkbench.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * A journal's checkpoints: the image of its space saved at a committed surgery, so that reopening
 * the journal replays only the surgeries after it. They live in the journal folder's
 * {@value #FOLDER} folder, one file per checkpoint, {@code checkpoint-<index>.ozc} (the index of
 * the commit record, 16 hex digits), never taken for a queue file:
 *
 * <pre>
 * "OZWCKPT1"  int: length of the description  description (JSON)  image bytes
 * </pre>
 *
 * The description ({@link Description}) names the journal's base image (its SHA-256), the
 * committed surgery the checkpoint was taken at (its id, the index of its commit record, how
 * many committed surgeries the journal had up to it), and the image's SHA-256 and length, with
 * the hash seeds of the objects created since the base (a later surgery may undo their creation).
 *
 * <p><b>Written atomically:</b> to a temporary file in the folder (its name starts with a dot),
 * synced, renamed into place, the folder synced. A writer killed before the rename leaves only a
 * temporary file, which readers ignore and the next checkpoint removes.
 *
 * <p><b>Read suspiciously:</b> {@link #resume} takes the newest checkpoint that is whole (its
 * image has the SHA-256 it recorded and loads), belongs to the journal's base image, and names a
 * committed surgery the journal has at that index, with as many committed surgeries before it; any
 * other is refused with a one-line warning and an older one (or the base image) is used. The
 * result is the very space a replay from the base gives.
 */
public final class Checkpoints {
    /** The folder of a journal's checkpoints, inside the journal folder. */
    public static final String FOLDER = "checkpoints";
    /** Every how many committed surgeries a session makes a checkpoint ({@link JournalSession#checkpointIfDue()}). */
    public static final String EVERY_PROPERTY = "ozw.journal.checkpointEvery";
    static final int DEFAULT_EVERY = 100;

    private static final byte[] MAGIC = "OZWCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final int SCHEMA = 1;
    private static final Pattern NAME = Pattern.compile("checkpoint-([0-9a-f]{16})\\.ozc");
    private static final String TEMPORARY_PREFIX = ".checkpoint-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {
    }

    /**
     * What a checkpoint file says of itself.
     *
     * @param schema           the layout's version
     * @param index            the index of the commit record of the surgery it was taken at
     * @param surgeries        how many committed surgeries the journal has up to and including that one
     * @param surgeryId        that surgery's id
     * @param baseSha256       the SHA-256 of the journal's base image
     * @param imageSha256      the SHA-256 of the image bytes that follow
     * @param imageBytes       their length
     * @param createdHashSeeds per object created since the base, the hash seed its creation drew from
     * @param taken            when it was written
     * @param journalSha256    the digest of the journal's excerpts up to {@code index} ({@link Journal#digestUpTo})
     * @param base             the journal's {@code SpaceLoaded} event, as journaled
     */
    record Description(int schema, long index, int surgeries, String surgeryId, String baseSha256, String imageSha256,
                       long imageBytes, int[] createdHashSeeds, String taken, String journalSha256, String base) {
    }

    /**
     * The newest checkpoint's claim on the journal: what {@link Journal#open(Path, Journal.Trust)}
     * may trust without decoding, if its bytes still have the digest. Empty when there is no
     * checkpoint or the newest cannot be read. Its image is read, checked and, when whole, loaded
     * (as a save of the space loaded from {@code image}) on another thread meanwhile, by {@code background}.
     */
    static Optional<Claim> newestClaim(Path journalDir, Path image, Executor background) {
        for (Path file : list(journalDir)) {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer head = ByteBuffer.allocate(MAGIC.length + Integer.BYTES);
                if (in.read(head, 0) < head.capacity() || !Arrays.equals(Arrays.copyOf(head.array(), MAGIC.length), MAGIC)) {
                    return Optional.empty();
                }
                int length = head.getInt(MAGIC.length);
                if (length < 0 || length > in.size()) {
                    return Optional.empty();
                }
                ByteBuffer description = ByteBuffer.allocate(length);
                in.read(description, head.capacity());
                Description d = JSON.readValue(description.array(), Description.class);
                if (d.journalSha256() == null || d.base() == null || d.schema() != SCHEMA || d.index() != indexOf(file)) {
                    return Optional.empty();
                }
                JournalEvent base = EventCodec.decode(d.base().getBytes(StandardCharsets.UTF_8));
                if (!(base instanceof JournalEvent.SpaceLoaded loaded)) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(file, d, new Journal.Trust(d.index(), d.journalSha256(), loaded),
                        CompletableFuture.supplyAsync(() -> loadImage(file, d, image), background)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // the full read, and its warnings, will tell
            }
        }
        return Optional.empty();
    }

    /**
     * The newest checkpoint, what it says, the part of the journal it vouches for, and its image
     * being read, checked against its SHA-256 and loaded on another thread while the journal is read.
     */
    record Claim(Path file, Description description, Journal.Trust trust, CompletableFuture<LoadedImage> image) {
    }

    /** A checkpoint's image loaded as the space it saved; or why it is refused, and then nothing was loaded. */
    private record LoadedImage(ObjectSpace space, String refused) {
    }

    /** Loads the image of checkpoint {@code file} only once its bytes have the SHA-256 it recorded: damaged bytes are never read as objects. */
    private static LoadedImage loadImage(Path file, Description d, Path image) {
        CheckedImage checked = readImage(file, d);
        return checked.refused() != null ? new LoadedImage(null, checked.refused())
                : new LoadedImage(ObjectSpace.resume(image, checked.bytes(), d.createdHashSeeds()), null);
    }

    /** A checkpoint's image bytes, which have the SHA-256 it recorded; or why they are refused, and then no bytes. */
    private record CheckedImage(byte[] bytes, String refused) {
    }

    /** Reads the image of checkpoint {@code file} (into an array of its own, not copied out of the file's) and checks it. */
    private static CheckedImage readImage(Path file, Description d) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + Integer.BYTES);
            readFully(in, head, 0);
            long imageStart = head.capacity() + (long) head.getInt(MAGIC.length);
            long imageBytes = in.size() - imageStart;
            if (imageBytes != d.imageBytes() || imageBytes > Integer.MAX_VALUE) {
                return new CheckedImage(null, "its image is " + imageBytes + " bytes, not the " + d.imageBytes()
                        + " it recorded");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) imageBytes);
            readFully(in, bytes, imageStart);
            String refused = imageRefusal(d, bytes.array(), 0);
            return refused != null ? new CheckedImage(null, refused) : new CheckedImage(bytes.array(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parts of reopening a journal from its newest checkpoint, each timed alone, in nanoseconds:
     * what {@code ozw bench checkpoint} prints. {@link JournalSession#open} runs the image's and the
     * base's parts on threads of their own while the journal is opened.
     *
     * @param description reading the checkpoint's description
     * @param imageRead   reading its image and checking its SHA-256
     * @param imageLoad   loading the image as the space it saved ({@link ObjectSpace#resume})
     * @param journal     opening the journal trusting the part the checkpoint vouches for, and closing it
     * @param baseSha256  the SHA-256 of the base image
     */
    public record ReopenParts(long description, long imageRead, long imageLoad, long journal, long baseSha256) {
    }

    /** Times the parts of reopening the journal in {@code journalDir} from its newest checkpoint (see {@link ReopenParts}). */
    public static ReopenParts timeReopenParts(Path journalDir, Path image) {
        Path dir = journalDir.toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        Claim claim = newestClaim(dir, image, task -> { }).orElseThrow(() -> new IllegalStateException("journal "
                + dir + " has no readable checkpoint"));
        long t1 = System.nanoTime();
        CheckedImage checked = readImage(claim.file(), claim.description());
        if (checked.refused() != null) {
            throw new IllegalStateException("checkpoint " + claim.file() + " refused: " + checked.refused());
        }
        long t2 = System.nanoTime();
        ObjectSpace.resume(image, checked.bytes(), claim.description().createdHashSeeds()).close();
        long t3 = System.nanoTime();
        try (Journal journal = Journal.open(dir, claim.trust())) {
            journal.reportAfterTrusted().orElseThrow(() -> new IllegalStateException("journal " + dir
                    + " was read whole: its part up to the checkpoint does not have the digest it recorded"));
        }
        long t4 = System.nanoTime();
        JournalRecorder.sha256(image);
        long t5 = System.nanoTime();
        return new ReopenParts(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4);
    }

    /** Fills {@code b} from {@code in} at {@code position}; a file that ends first is damaged. */
    private static void readFully(FileChannel in, ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            int read = in.read(b, at);
            if (read < 0) {
                throw new EOFException("the file ends at byte " + at);
            }
            at += read;
        }
    }

    /**
     * The space of the checkpoint {@code claim} names, once the journal confirmed the part it
     * vouches for: its image checked against the SHA-256 it recorded. Empty, with a warning, when
     * its image is damaged.
     */
    static Optional<Resumed> resumeTrusted(Path journalDir, Claim claim, Path image, String imageSha256,
                                           Consumer<String> warnings) {
        Description d = claim.description();
        String refused;
        try {
            if (!imageSha256.equals(d.baseSha256())) {
                refused = "it belongs to another base image (SHA-256 " + d.baseSha256() + ", the image's is " + imageSha256
                        + ")";
            } else {
                LoadedImage loaded = claim.image().join();
                refused = loaded.refused();
                if (refused == null) {
                    return Optional.of(new Resumed(loaded.space(), d.surgeries(), Optional.of(claim.file())));
                }
            }
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            refused = "it cannot be read (" + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ")";
        } catch (RuntimeException e) {
            refused = "it cannot be read (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")";
        }
        warnings.accept(refusedLine(journalDir, claim.file(), refused));
        return Optional.empty();
    }

    private static String refusedLine(Path journalDir, Path file, String why) {
        return "journal " + journalDir + ": checkpoint " + FOLDER + "/" + file.getFileName() + " refused: " + why
                + "; an older checkpoint or the base image is used";
    }

    /**
     * A space opened on a journal: from a checkpoint, or from the base image.
     *
     * @param space      the space, holding the journal's first {@code surgeries} committed surgeries
     * @param surgeries  how many of them the checkpoint held (0 when loaded from the base image)
     * @param checkpoint the checkpoint file used, if one was
     */
    public record Resumed(ObjectSpace space, int surgeries, Optional<Path> checkpoint) {
    }

    /** The checkpoint files of the journal in {@code journalDir}, newest (highest index) first. */
    public static List<Path> list(Path journalDir) {
        Path folder = journalDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).forEach(out::add);
        } catch (IOException e) {
            throw JournalException.io(journalDir, "cannot list its checkpoints", e);
        }
        out.sort(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed());
        return out;
    }

    /** The index of the commit a checkpoint file was taken at, from its name. */
    static long indexOf(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not named as a checkpoint");
        }
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    /**
     * Writes a checkpoint of {@code space}, which holds the journal's first {@code surgeries}
     * committed surgeries, the last being {@code last} (committed, its commit at {@code last.endIndex()}).
     * Atomic: see the class comment. Removes temporary files a killed writer left.
     *
     * @throws JournalException ({@link JournalException.Problem#IO}) when the file system fails
     */
    public static Path write(Path journalDir, ObjectSpace space, String baseSha256, String lastSurgeryId,
                             long commitIndex, int surgeries, String journalSha256, JournalEvent.SpaceLoaded base) {
        if (space.openSurgery().isPresent()) {
            throw new IllegalStateException("no checkpoint while surgery '" + space.openSurgery().get().label()
                    + "' is open");
        }
        byte[] image = space.toBytes();
        Description d = new Description(SCHEMA, commitIndex, surgeries, lastSurgeryId, baseSha256, sha256(image),
                image.length, space.memory().createdHashSeeds(), Instant.now().toString(), journalSha256,
                new String(EventCodec.encode(base), StandardCharsets.UTF_8));
        Path folder = journalDir.resolve(FOLDER);
        Path target = folder.resolve(String.format("checkpoint-%016x.ozc", commitIndex));
        try {
            Files.createDirectories(folder);
            removeTemporaries(folder);
            byte[] description = JSON.writeValueAsBytes(d);
            Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX, ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.allocate(MAGIC.length + Integer.BYTES + description.length);
                head.put(MAGIC).putInt(description.length).put(description).flip();
                writeFully(out, head);
                writeFully(out, ByteBuffer.wrap(image));
                out.force(false);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(folder);
        } catch (IOException e) {
            throw JournalException.io(journalDir, "cannot write checkpoint " + target.getFileName(), e);
        }
        return target;
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static void removeTemporaries(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(TEMPORARY_PREFIX)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel c = FileChannel.open(folder, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    /**
     * The space of the journal in {@code journalDir} holding as many of its {@code committed}
     * surgeries as a checkpoint gives, at most {@code atMost} of them: from the newest usable
     * checkpoint, else loaded from {@code image}, the base. Each checkpoint refused (damaged bytes,
     * a SHA-256 that does not match, another base image, a commit the journal does not have at
     * that index) is told to {@code warnings} in one line. No checkpoint is tried when
     * {@code imageSha256} is not the base's of the committed surgeries.
     *
     * @param imageSha256 the SHA-256 of {@code image}, asked for only when the journal has checkpoints
     */
    public static Resumed resume(Path journalDir, Path image, Supplier<String> imageSha256,
                                 List<RecordedSurgery> committed, int atMost, Consumer<String> warnings) {
        return resume(journalDir, image, imageSha256, committed, atMost, warnings, () -> ObjectSpace.load(image));
    }

    /** {@link #resume(Path, Path, Supplier, List, int, Consumer)}, the base image loaded by {@code loadBase} when no checkpoint is used. */
    static Resumed resume(Path journalDir, Path image, Supplier<String> imageSha256, List<RecordedSurgery> committed,
                          int atMost, Consumer<String> warnings, Supplier<ObjectSpace> loadBase) {
        List<Path> files = atMost > 0 ? list(journalDir) : List.of();
        Optional<String> journalBase = committed.isEmpty() || files.isEmpty() ? Optional.empty()
                : committed.get(0).base().map(JournalEvent.SpaceLoaded::sha256);
        if (journalBase.isPresent() && journalBase.get().equals(imageSha256.get())) {
            for (Path file : files) {
                Optional<Resumed> r = tryOne(journalDir, file, image, journalBase.get(), committed, atMost, warnings);
                if (r.isPresent()) {
                    return r.get();
                }
            }
        }
        return new Resumed(loadBase.get(), 0, Optional.empty());
    }

    /** The space of one checkpoint, or empty (with a warning when it is refused, not when it is only too new). */
    private static Optional<Resumed> tryOne(Path journalDir, Path file, Path image, String baseSha256,
                                           List<RecordedSurgery> committed, int atMost, Consumer<String> warnings) {
        String refused;
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length < MAGIC.length + Integer.BYTES
                    || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
                refused = "it does not start as a checkpoint does";
            } else {
                int length = b.getInt(MAGIC.length);
                int imageStart = MAGIC.length + Integer.BYTES + length;
                if (length < 0 || imageStart > bytes.length) {
                    refused = "its description runs past the end of the file";
                } else {
                    Description d = JSON.readValue(bytes, MAGIC.length + Integer.BYTES, length, Description.class);
                    if (d.surgeries() > atMost && d.surgeries() <= committed.size()) {
                        return Optional.empty(); // may be whole, but holds more than asked for (a replay leaving one out)
                    }
                    refused = refusal(d, file, bytes, imageStart, baseSha256, committed);
                    if (refused == null) {
                        ObjectSpace space = ObjectSpace.resume(image, Arrays.copyOfRange(bytes, imageStart, bytes.length),
                                d.createdHashSeeds());
                        return Optional.of(new Resumed(space, d.surgeries(), Optional.of(file)));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile
        } catch (IOException | RuntimeException e) {
            refused = "it cannot be read (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")";
        }
        warnings.accept(refusedLine(journalDir, file, refused));
        return Optional.empty();
    }

    /** Why the checkpoint described by {@code d} does not fit the journal; null when it does. */
    private static String refusal(Description d, Path file, byte[] bytes, int imageStart, String baseSha256,
                                  List<RecordedSurgery> committed) {
        if (d.schema() != SCHEMA) {
            return "its layout is version " + d.schema() + ", this workbench reads " + SCHEMA;
        }
        if (d.index() != indexOf(file)) {
            return "it says it was taken at excerpt " + Journal.formatIndex(d.index()) + ", its name at "
                    + Journal.formatIndex(indexOf(file));
        }
        if (!baseSha256.equals(d.baseSha256())) {
            return "it belongs to another base image (SHA-256 " + d.baseSha256() + ", the journal's is " + baseSha256 + ")";
        }
        if (d.surgeries() < 1 || d.surgeries() > committed.size()
                || !committed.get(d.surgeries() - 1).id().equals(d.surgeryId())
                || committed.get(d.surgeries() - 1).endIndex() != d.index()) {
            return "it was taken at surgery " + d.surgeryId() + " committed at excerpt " + Journal.formatIndex(d.index())
                    + " as the journal's committed surgery " + d.surgeries() + ", which the journal does not have"
                    + " (it has " + committed.size() + " up to its durable end)";
        }
        return imageRefusal(d, bytes, imageStart);
    }

    /** Why the image a checkpoint holds is not the one it recorded; null when it is. */
    private static String imageRefusal(Description d, byte[] bytes, int imageStart) {
        if (bytes.length - imageStart != d.imageBytes()) {
            return "its image is " + (bytes.length - imageStart) + " bytes, not the " + d.imageBytes() + " it recorded";
        }
        MessageDigest digest = sha256();
        digest.update(bytes, imageStart, bytes.length - imageStart);
        String sha = HexFormat.of().formatHex(digest.digest());
        if (!sha.equals(d.imageSha256())) {
            return "its image's SHA-256 is " + sha + ", not the " + d.imageSha256() + " it recorded: the bytes are damaged";
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Every how many committed surgeries a session checkpoints: {@value #EVERY_PROPERTY}, default {@value #DEFAULT_EVERY}. */
    static int every() {
        String v = System.getProperty(EVERY_PROPERTY);
        if (v == null) {
            return DEFAULT_EVERY;
        }
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_EVERY;
        }
    }
}
