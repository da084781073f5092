package org.ozworkbench.journal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.posix.PosixAPI;

/**
 * The journal of one object space: a Chronicle Queue folder holding one excerpt per
 * {@link JournalEvent}, the event's JSON bytes ({@link EventCodec}). Open one with
 * {@link #open(Path)} (or {@link #openReadOnly(Path)}, which writes nothing); close it when done.
 *
 * <p><b>Reading.</b> {@link #read()} and {@link #surgeries()} are strict: they throw a
 * {@link JournalException} at the first excerpt that is not a valid event or does not fit its
 * surgery, and at bytes after the last excerpt that are not one. {@link #report()} is the
 * recovering reader: it keeps every event before the first bad excerpt, says what is wrong there
 * and reads nothing past it, so a corrupt tail is reported, never skipped.
 *
 * <p><b>Writers.</b> Opening for writing takes the journal's {@link WriterLock} first: one writer
 * per journal across processes, and a commit checks that nobody appended behind it.
 *
 * <p><b>Damage.</b> Opening reads the whole journal once (a few microseconds per event once the
 * JVM is warm), read-only, against its {@link JournalManifest}. If it is damaged (a bad excerpt,
 * a file cut short or gone, a last durable commit it cannot reach), the journal stays open for
 * reading only and no file of it is written: {@link #append} refuses (problem
 * {@link JournalException.Problem#DAMAGED}), so nothing is ever written after damage.
 *
 * <p><b>Torn tail.</b> Chronicle appends by writing the bytes behind a zero header and then
 * setting the header; a writer killed in between leaves part of an excerpt after the last one.
 * Readers report it ({@link JournalReport#tornTail()}); opening for writing clears it
 * ({@link #recovered()}), since it was never acknowledged, and goes on; the writer's lock makes
 * sure no other process is appending it.
 *
 * <p><b>Durability.</b> {@link #append} writes to the memory-mapped queue file: the event
 * survives the death of this process (the pages belong to the operating system) but not a power
 * loss. {@link #sync()} makes everything appended so far durable: an {@code fdatasync}
 * ({@link FileChannel#force(boolean) force(false)}) of every queue file written since the last
 * sync, which on Linux writes back the pages dirtied through the mapping, and an {@code fsync} of
 * the folder the first time a queue file is synced (so that its name is durable too). Chronicle's
 * own {@code ExcerptAppender.sync()} with {@code SyncMode.SYNC} ({@code msync(MS_SYNC)}) is not
 * used: it covers only the mapped chunk being written and logs a failure instead of throwing it,
 * and doing both costs a second device flush per commit for nothing. The {@link JournalRecorder}
 * syncs when a surgery commits, before the commit returns.
 *
 * <p>Thread-safe: every method is synchronized on the journal.
 */
public final class Journal implements AutoCloseable {

    /** An event with its Chronicle index (increasing, not contiguous across roll cycles). */
    public record Entry(long index, JournalEvent event) {
    }

    private final Path dir;
    private final boolean readOnly;
    private final SingleChronicleQueue queue;
    /**
     * The writer's lock, held while this journal is open for writing; null when read-only, and
     * between two writes of a shared session ({@link #releaseLock}).
     */
    private WriterLock lock;
    /** Queue files by cycle, as appends and reads meet them. */
    private final Map<Integer, File> files = new HashMap<>();
    private final Set<Integer> unsyncedCycles = new LinkedHashSet<>();
    private final Set<File> syncedFiles = new HashSet<>();
    private final Map<File, FileChannel> channels = new HashMap<>();
    /** What opening found wrong; for a read-only journal found at the first {@link #damage()} call. */
    private JournalException damage;
    private boolean checked;
    private final JournalException recovered;
    private ExcerptAppender appender;
    /**
     * Where an event's bytes wait to be appended. Off the heap: Chronicle copies such bytes into the
     * mapped file in one block, bytes on the heap a word at a time.
     */
    private Bytes<?> buffer;
    private static final int NO_CYCLE = Integer.MIN_VALUE;
    /** The cycle of the last append, when it is in {@link #unsyncedCycles} and its file in {@link #files}. */
    private int appendedCycle = NO_CYCLE;
    private boolean closed;
    /** The manifest, open for writing once this journal has synced. */
    private FileChannel manifest;
    /** The files the manifest lists: listed again when a queue file is new. */
    private List<File> manifestFiles;
    /** The index of the last event this journal appended; the manifest's last commit once synced. */
    private long lastAppended = -1;
    /**
     * What the read on opening for writing found, kept for the first {@link #report()} if it comes
     * before any append (a session reads the journal right after opening it): one read, not two.
     */
    private JournalReport openedReport;
    /** What the read on opening found after a trusted part (see {@link Trust}); null when it read all. */
    private JournalReport openedAfterTrusted;

    /**
     * A part of the journal a checkpoint vouches for: the excerpts up to and including {@code index},
     * whose bytes have the SHA-256 {@code digest} ({@link #digestUpTo}), all of the session of
     * {@code base}. Opening with it hashes that part instead of decoding it.
     */
    public record Trust(long index, String digest, JournalEvent.SpaceLoaded base) {
    }

    static {
        // Chronicle binds its POSIX calls (and, through them, thread affinity) with JNR and JNA at its
        // start, generating native stubs: a fifth of a cold journal command. The journal uses none of
        // them: it syncs with FileChannel.force, not msync, and neither pins threads nor pretouches.
        PosixAPI.useNoOpPosixApi();
    }

    /**
     * The clock that names the day a queue file is for (Chronicle starts a new file each day). Tests
     * set it to write journals that span days; everything else runs on the system clock.
     */
    static volatile TimeProvider clock = SystemTimeProvider.INSTANCE;

    /** How long Chronicle waits for a queue file's first header to be written (its default). */
    private static final long DEFAULT_HEADER_WAIT_MS = 10_000;
    /**
     * How long a reader lets Chronicle wait for the first header of a day's file found torn in its
     * creation ({@link TornCreation}): Chronicle enters that file after the day before and would
     * wait its default for a header nobody will write.
     */
    private static final long TORN_FILE_WAIT_MS = 50;

    /** Opens the Chronicle queue of {@code dir}, translating Chronicle's failure into one line. */
    private static SingleChronicleQueue queue(Path dir, boolean readOnly) {
        return queue(dir, readOnly, DEFAULT_HEADER_WAIT_MS);
    }

    private static SingleChronicleQueue queue(Path dir, boolean readOnly, long headerWaitMs) {
        try {
            return SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).readOnly(readOnly)
                    .timeProvider(clock).timeoutMS(headerWaitMs).build();
        } catch (Exception | InternalError e) {
            throw JournalException.io(dir, "cannot open the Chronicle queue (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")", e);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    /** A journal read through once (for a writer) or to be read when asked (read-only). */
    private Journal(Path dir, SingleChronicleQueue queue, boolean readOnly, WriterLock lock, JournalException damage,
                    JournalException recovered) {
        this.dir = dir;
        this.queue = queue;
        this.readOnly = readOnly;
        this.lock = lock;
        this.damage = damage;
        this.checked = damage != null || !readOnly;
        this.recovered = recovered;
    }

    /**
     * Opens the journal in {@code dir} for writing, creating the folder and an empty journal when
     * absent, and reads it through once. The writer's lock ({@link WriterLock}) is taken first, so
     * no other process appends while this one holds the journal. The files are checked against the
     * journal's manifest ({@link JournalManifest}), then read by Chronicle in read-only mode; only
     * a journal found whole is opened for writing. A damaged one opens for reading only, and nothing
     * in its folder is written: see {@link #damage()}.
     *
     * @throws JournalException IO when the queue cannot be opened; BUSY when another writer holds it too long
     */
    public static Journal open(Path dir) {
        return open(dir, null);
    }

    /**
     * {@link #open(Path)}, trusting the part of the journal {@code trust} vouches for when its bytes
     * still have its digest: that part is hashed, not decoded, and {@link #reportAfterTrusted()}
     * holds what follows it. When they do not, the whole journal is read as {@link #open(Path)} does.
     */
    public static Journal open(Path dir, Trust trust) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw JournalException.io(abs, "cannot create the journal folder", e);
        }
        WriterLock lock = WriterLock.acquire(abs);
        try {
            return openLocked(abs, lock, trust);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Journal openLocked(Path dir, WriterLock lock, Trust trust) {
        Optional<JournalManifest> manifest;
        try {
            manifest = JournalManifest.read(dir);
        } catch (JournalException e) {
            return readOnlyDamaged(dir, lock, e);
        }
        Optional<JournalException> files = manifest.flatMap(m -> m.checkFiles(dir));
        if (files.isPresent()) {
            return readOnlyDamaged(dir, lock, files.get());
        }
        Optional<TornCreation> tornCreation = TornCreation.find(dir, manifest);
        tornCreation.ifPresent(t -> t.remove(dir));
        if (tornCreation.isPresent() && tornCreation.get().unborn()) {
            return new Journal(dir, queue(dir, false), false, lock, null, tornCreation.get().report());
        }
        if (manifest.isEmpty() && !hasQueueFiles(dir)) {
            return new Journal(dir, queue(dir, false), false, lock, null, null); // a new journal
        }
        Scan opened;
        SurgeryAnalyzer analyzer = new SurgeryAnalyzer(dir, true);
        boolean trusted = false;
        try (Journal reader = new Journal(dir, queue(dir, true), true, null, null, null)) {
            // The queue file's bytes hashed in one pass first; when they do not give the digest, Chronicle's read decides.
            trusted = trust != null && (reader.digestOfFile(trust.index()).filter(trust.digest()::equals).isPresent()
                    || reader.digestUpTo(trust.index()).filter(trust.digest()::equals).isPresent());
            if (trusted) {
                SurgeryAnalyzer after = analyzer.after(trust.base());
                opened = reader.scan(trust.index(), (index, event, bytes, length) -> {
                    if (index != trust.index()) {
                        after.accept(index, event, bytes, length);
                    }
                });
            } else {
                opened = reader.scan(0, analyzer);
            }
            JournalException problem = reader.problemOf(opened, manifest);
            if (problem != null) {
                return readOnlyDamaged(dir, lock, problem);
            }
        }
        Journal journal = new Journal(dir, queue(dir, false), false, lock, null, opened.tornTail().map(TornTail::report)
                .orElse(tornCreation.map(TornCreation::report).orElse(null)));
        try {
            opened.tornTail().ifPresent(journal::clear);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        if (trusted) {
            journal.openedAfterTrusted = analyzer.report(null, null);
        } else {
            journal.openedReport = analyzer.report(null, null); // whole, and a torn tail is cleared
        }
        return journal;
    }

    /**
     * Queue files a writer died creating, before any excerpt went into them ({@link
     * QueueTail#tornCreation}): a new journal's only queue file (and maybe its metadata file), when
     * there is no manifest yet; or the newest day's file of a journal, made at a roll, when no
     * commit counted on it (the manifest does not list it). Chronicle cannot open such a file (a
     * reader waits for its first header, then fails), so readers read what comes before it and
     * report it as a torn tail, and opening for writing removes it, as it clears a torn tail.
     *
     * @param unborn whether the journal holds nothing else (the first case)
     */
    private record TornCreation(List<Path> files, boolean unborn, JournalException report) {
        static Optional<TornCreation> find(Path dir, Optional<JournalManifest> manifest) {
            List<Path> torn = new ArrayList<>();
            boolean unborn;
            try {
                File[] found = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
                List<File> queueFiles = found == null ? List.of() : Arrays.stream(found)
                        .sorted(Comparator.comparing(File::getName)).toList();
                unborn = manifest.isEmpty() && queueFiles.size() <= 1;
                if (!queueFiles.isEmpty()) {
                    File newest = queueFiles.get(queueFiles.size() - 1);
                    boolean counted = manifest.isPresent() && manifest.get().files().containsKey(newest.getName());
                    if ((unborn || queueFiles.size() > 1 && !counted) && QueueTail.tornCreation(newest.toPath())) {
                        torn.add(newest.toPath());
                    } else if (unborn) {
                        return Optional.empty(); // its only queue file holds what was written
                    }
                }
                Path metadata = dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
                if (unborn && Files.exists(metadata) && QueueTail.tornCreation(metadata)) {
                    torn.add(metadata);
                }
            } catch (IOException e) {
                return Optional.empty(); // the read that follows reports what cannot be read
            }
            if (torn.isEmpty()) {
                return Optional.empty();
            }
            String names = torn.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" and "));
            return Optional.of(new TornCreation(torn, unborn, JournalException.tornTail(names
                    + (torn.size() == 1 ? " was" : " were") + " being created when its writer died: no excerpt was"
                    + " written " + (unborn ? "" : "there ") + "and nothing acknowledged needs it").at(dir, torn.get(0), -1)));
        }

        boolean holds(File queueFile) {
            return files.contains(queueFile.toPath());
        }

        TornTail asTornTail() {
            return new TornTail(files.get(0), 0, 0, report);
        }

        void remove(Path dir) {
            try {
                for (Path f : files) {
                    Files.delete(f);
                }
            } catch (IOException e) {
                throw JournalException.io(dir, "cannot remove the queue files whose creation was torn", e);
            }
        }
    }

    /** A damaged journal, open for reading what can be read; it refuses every append. */
    private static Journal readOnlyDamaged(Path dir, WriterLock lock, JournalException damage) {
        lock.close(); // nothing will be written
        return new Journal(dir, queue(dir, true), true, null, damage, null);
    }

    private static boolean hasQueueFiles(Path dir) {
        File[] found = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        return found != null && found.length > 0;
    }

    /**
     * The damage a read did not see but the manifest tells: the journal could be read only up to
     * an excerpt before its last durable commit (a file cut short, a file gone). Empty when the read
     * reached it, or there is no manifest.
     */
    private Optional<JournalException> unreached(Optional<JournalManifest> manifest, Scan read) {
        if (manifest.isEmpty() || read.lastIndex() >= manifest.get().lastCommit()) {
            return Optional.empty();
        }
        return Optional.of(JournalException.corrupt("the journal can be read only up to "
                + (read.lastIndex() < 0 ? "its start" : "excerpt " + formatIndex(read.lastIndex()))
                + ", but its last durable commit is excerpt " + formatIndex(manifest.get().lastCommit())
                + ": events were lost", null).at(dir, null, -1));
    }

    /**
     * When this journal was opened trusting a part of it ({@link #open(Path, Trust)}) and that part
     * still had its digest: the events and surgeries after it (the first call only). Empty when it
     * was read whole.
     */
    public synchronized Optional<JournalReport> reportAfterTrusted() {
        JournalReport after = openedAfterTrusted;
        openedAfterTrusted = null;
        return Optional.ofNullable(after);
    }

    /**
     * The SHA-256 of the journal's excerpts from its start up to and including the one at
     * {@code index}, undecoded: each one's index, length and bytes. Empty when no excerpt has that
     * index, or one cannot be read.
     */
    public synchronized Optional<String> digestUpTo(long index) {
        requireOpen();
        java.security.MessageDigest sha = EventCodec.sha256();
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(Long.BYTES + Integer.BYTES);
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.singleThreadedCheckDisabled(true);
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent() || dc.index() > index) {
                        return Optional.empty();
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    int length = (int) bytes.readRemaining();
                    if (length > readBuffer.length) {
                        readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
                    }
                    bytes.read(readBuffer, 0, length);
                    sha.update(head.clear().putLong(dc.index()).putInt(length).array());
                    sha.update(readBuffer, 0, length);
                    if (dc.index() == index) {
                        return Optional.of(java.util.HexFormat.of().formatHex(sha.digest()));
                    }
                }
            }
        } catch (Exception | InternalError e) {
            return Optional.empty();
        }
    }

    /**
     * {@link #digestUpTo}, computed from the bytes of the journal's queue file without Chronicle's
     * tailer ({@link QueueTail#digestUpTo}): when the journal is one queue file, holding the excerpt
     * at {@code index}. Empty otherwise, or when the walk finds anything but complete excerpts.
     */
    private Optional<String> digestOfFile(long index) {
        Set<File> all = existingQueueFiles();
        int cycle = queue.rollCycle().toCycle(index);
        if (all.size() != 1 || queue.firstCycle() != cycle) {
            return Optional.empty();
        }
        try {
            return QueueTail.digestUpTo(all.iterator().next().toPath(), queue.rollCycle().toIndex(cycle, 0), index)
                    .map(java.util.HexFormat.of()::formatHex);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Opens an existing journal for reading only: nothing in {@code dir} is written. */
    public static Journal openReadOnly(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw JournalException.io(abs, "no journal folder", null);
        }
        boolean tornDay = tornCreationIn(abs).filter(t -> !t.unborn()).isPresent();
        return new Journal(abs, queue(abs, true, tornDay ? TORN_FILE_WAIT_MS : DEFAULT_HEADER_WAIT_MS), true, null, null,
                null);
    }

    public Path dir() {
        return dir;
    }

    /** What was wrong with the journal when it was opened, if anything: then it cannot be appended to. */
    public synchronized Optional<JournalException> damage() {
        if (!checked) {
            damage = findDamage();
            checked = true;
        }
        return Optional.ofNullable(damage);
    }

    /** What a read of the whole journal, checked against its manifest, finds wrong first; null when nothing. */
    private JournalException findDamage() {
        return problemOf(scan(0, new SurgeryAnalyzer(dir, false)));
    }

    /**
     * The unfinished last excerpt that opening for writing cleared, if there was one (problem
     * {@link JournalException.Problem#TORN_TAIL}): a writer died while appending it. Its bytes
     * were never acknowledged; they are zeroed so that the next append, which Chronicle writes in
     * the same place, leaves none of them behind. The writer's lock keeps other writers out meanwhile.
     */
    public Optional<JournalException> recovered() {
        return Optional.ofNullable(recovered);
    }

    private void clear(TornTail t) {
        try {
            QueueTail.clear(t.file(), t.from(), t.to());
        } catch (IOException e) {
            throw JournalException.io(dir, "cannot clear the unfinished excerpt in " + t.file().getFileName(), e);
        }
    }

    /**
     * Appends an event; answers its index. Not yet durable against power loss: see {@link #sync()}.
     *
     * @throws JournalException when the journal is damaged or read-only
     */
    public synchronized long append(JournalEvent event) {
        return appendBytes(EventCodec.encode(event));
    }

    /** Appends an event already encoded by {@link EventCodec#encode}. */
    synchronized long appendBytes(byte[] json) {
        return appendBytes(json, json.length);
    }

    /** Appends the event encoded in {@code json[0, length)}; the bytes are copied before this returns. */
    synchronized long appendBytes(byte[] json, int length) {
        requireOpen();
        if (damage != null) {
            throw JournalException.damaged(dir, damage);
        }
        if (readOnly) {
            throw JournalException.io(dir, "the journal was opened read-only", null);
        }
        openedReport = null;
        openedAfterTrusted = null;
        ExcerptAppender a = appender();
        Bytes<?> b = buffer();
        b.clear();
        b.write(json, 0, length);
        a.writeBytes(b);
        long index = a.lastIndexAppended();
        lastAppended = index;
        int cycle = queue.rollCycle().toCycle(index);
        if (cycle != appendedCycle || unsyncedCycles.isEmpty()) {
            unsyncedCycles.add(cycle);
            if (!files.containsKey(cycle) && a.wire() != null && a.wire().bytes() instanceof MappedBytes mapped) {
                files.put(cycle, mapped.mappedFile().file());
            }
            appendedCycle = files.containsKey(cycle) ? cycle : NO_CYCLE;
        }
        return index;
    }

    /**
     * Makes every event appended so far durable (see the class comment). Returns when the
     * operating system says the bytes are on the device.
     *
     * @throws JournalException ({@link JournalException.Problem#IO}) when the file system fails
     */
    public synchronized void sync() {
        requireOpen();
        if (unsyncedCycles.isEmpty()) {
            return;
        }
        boolean newFile = false;
        try {
            for (int cycle : unsyncedCycles) {
                File f = files.get(cycle);
                for (File each : f == null ? existingQueueFiles() : Set.of(f)) {
                    channel(each).force(false);
                    newFile |= syncedFiles.add(each);
                }
            }
            if (newFile || manifestFiles == null) {
                manifestFiles = JournalManifest.filesOf(dir);
            }
            if (manifest == null) {
                manifest = FileChannel.open(dir.resolve(JournalManifest.NAME), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                newFile = true;
            }
            JournalManifest.of(manifestFiles, lastAppended).writeTo(manifest);
            if (newFile) {
                syncFolder(); // the name of a new queue file, or of the manifest
            }
        } catch (IOException e) {
            throw JournalException.io(dir, "cannot make the journal durable", e);
        }
        unsyncedCycles.clear();
    }

    private FileChannel channel(File f) throws IOException {
        FileChannel c = channels.get(f);
        if (c == null || !c.isOpen()) {
            c = FileChannel.open(f.toPath(), StandardOpenOption.WRITE);
            channels.put(f, c);
        }
        return c;
    }

    private void syncFolder() throws IOException {
        // Linux lets a folder be opened and fsynced; other systems may refuse, and then rely on their own ordering.
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    /** Every event, in order. Strict: throws at the first bad excerpt (see {@link #report()}). */
    public synchronized List<Entry> read() {
        return read(0);
    }

    /**
     * The events from {@code fromIndex} on (0: from the start). Strict: throws at the first bad
     * excerpt. Events are decoded, not checked against their surgeries: see {@link #surgeries()}.
     */
    public synchronized List<Entry> read(long fromIndex) {
        List<Entry> out = new ArrayList<>();
        Scan s = scan(fromIndex, (index, event, bytes, length) -> out.add(new Entry(index, event)));
        if (s.problem().isPresent()) {
            throw s.problem().get();
        }
        return out;
    }

    /**
     * Every surgery of the journal with its state and changes, in the order they began. Strict:
     * throws at the first bad excerpt or inconsistent event.
     */
    public synchronized List<RecordedSurgery> surgeries() {
        JournalReport r = report();
        if (r.problem().isPresent()) {
            throw r.problem().get();
        }
        return r.surgeries();
    }

    /**
     * Reads the whole journal, recovering: every event up to the first bad one, the surgeries
     * they make, and what is wrong at that point. Surgeries still open (no commit, no abort) are
     * reported {@link RecordedSurgery.State#OPEN} and count as aborted.
     */
    public synchronized JournalReport report() {
        JournalReport opened = openedReport;
        openedReport = null;
        return opened != null ? opened : read(new SurgeryAnalyzer(dir, true));
    }

    /**
     * {@link #report()} without the events themselves ({@link JournalReport#entries()} is empty):
     * the surgeries with their changes, what a replay needs, at half the memory.
     */
    public synchronized JournalReport surgeryReport() {
        return read(new SurgeryAnalyzer(dir, true, false));
    }

    private JournalReport read(SurgeryAnalyzer analyzer) {
        Scan s = scan(0, analyzer);
        return analyzer.report(problemOf(s), s.tornTail().map(TornTail::report).orElse(null));
    }

    /**
     * What is wrong first with the journal read by {@code s}: a file cut short or gone (by the
     * manifest), else what the read found, else a last durable commit the read did not reach.
     */
    private JournalException problemOf(Scan s) {
        if (damage != null) {
            return damage;
        }
        try {
            Optional<JournalManifest> manifest = JournalManifest.read(dir);
            Optional<JournalException> files = manifest.flatMap(m -> m.checkFiles(dir));
            if (files.isPresent()) {
                return files.get();
            }
            return problemOf(s, manifest);
        } catch (JournalException e) {
            return e;
        }
    }

    /** What the read {@code s} found wrong first, else a last durable commit of {@code manifest} it did not reach. */
    private JournalException problemOf(Scan s, Optional<JournalManifest> manifest) {
        return s.firstProblem() != null ? s.firstProblem() : unreached(manifest, s).orElse(null);
    }

    /**
     * A reader that follows this journal from the first event whose index is at least
     * {@code fromIndex} (0: from the start) and goes on with the events appended later: see
     * {@link JournalTail}. Positioning is direct when {@code fromIndex} is the index of an event;
     * otherwise the tail walks from the start. Close the tail before the journal.
     */
    public synchronized JournalTail tail(long fromIndex) {
        requireOpen();
        ExcerptTailer tailer;
        try {
            tailer = queue.createTailer();
        } catch (Exception | InternalError e) { // checked ones too: see scan
            throw unreadableQueue(e, -1);
        }
        tailer.singleThreadedCheckDisabled(true);
        if (fromIndex > 0 && !tailer.moveToIndex(fromIndex)) {
            tailer.toStart();
            skipBefore(tailer, fromIndex);
        }
        return new JournalTail(this, tailer, fromIndex);
    }

    /**
     * Refuses when an event was appended to the queue since this journal's own last append (the
     * expected-position check of a commit): another writer went around the {@link WriterLock}.
     *
     * @throws JournalException NOT_RECORDED when the journal moved on
     */
    synchronized void requireUnmoved() {
        if (lastAppended < 0) {
            return;
        }
        long last = lastIndex();
        if (last != lastAppended) {
            throw JournalException.notRecorded("the journal moved on: its last event is " + formatIndex(last)
                    + ", not this writer's " + formatIndex(lastAppended) + " (another process wrote to it)", null);
        }
    }

    /**
     * Lets go of the writer's lock while nothing is being written: a session that shares the
     * journal with other writers ({@link JournalSession#openShared}) holds it only while it writes.
     */
    synchronized void releaseLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /**
     * Takes the writer's lock again, waiting as opening does (outside this journal's monitor, so
     * that its readers go on meanwhile).
     *
     * @throws JournalException BUSY when another writer holds it too long
     */
    void takeLock() {
        synchronized (this) {
            requireOpen();
            if (readOnly || lock != null) {
                throw new IllegalStateException("journal " + dir + (readOnly ? " is read-only" : " is locked already"));
            }
        }
        WriterLock taken = WriterLock.acquire(dir);
        synchronized (this) {
            lock = taken;
        }
    }

    /**
     * Whether events follow the one at {@code index} (-1: the journal has any): another writer
     * appended while this one did not hold the lock. When none do, {@code index} is where this
     * writer's next commit expects the journal to end ({@link #requireUnmoved}). Cheaper than
     * {@link #surgeriesAfter}, which checks what follows the last excerpt in every queue file.
     */
    synchronized boolean movedSince(long index) {
        if (lastIndex() != index) {
            return true;
        }
        if (index >= 0) {
            lastAppended = index;
        }
        return false;
    }

    /** The index of the last event this journal appended, or -1 when it appended none. */
    synchronized long lastAppended() {
        return lastAppended;
    }

    /**
     * The surgeries whose events follow the one at {@code index} (-1: all), as other writers
     * appended them while this one did not hold the lock; {@code base}: the {@code SpaceLoaded} of
     * the session they belong to (null for a genesis journal). A torn tail is cleared, as opening
     * does: the caller holds the writer's lock. Then {@code index}, or the last event read, is where
     * this writer's next commit expects the journal to end ({@link #requireUnmoved}).
     */
    synchronized JournalReport surgeriesAfter(long index, JournalEvent.SpaceLoaded base) {
        SurgeryAnalyzer analyzer = new SurgeryAnalyzer(dir, true, false).after(base);
        Scan s = scan(Math.max(0, index), (i, event, bytes, length) -> {
            if (i != index) {
                analyzer.accept(i, event, bytes, length);
            }
        });
        JournalException problem = problemOf(s);
        if (problem == null) {
            s.tornTail().ifPresent(this::clear);
            lastAppended = Math.max(index, s.lastIndex());
        }
        return analyzer.report(problem, null);
    }

    /** The index of the last event, or -1 when the journal is empty. */
    public synchronized long lastIndex() {
        requireOpen();
        if (unborn().isPresent()) {
            return -1;
        }
        long last;
        try {
            last = queue.lastIndex();
        } catch (Exception | InternalError e) { // checked ones too: see scan
            if (e instanceof JournalException j) {
                throw j;
            }
            throw unreadableQueue(e, -1);
        }
        return last == Long.MIN_VALUE ? -1 : last;
    }

    /** What a read hands each event to, with its bytes as written in {@code bytes[0, length)} (valid during the call only). */
    @FunctionalInterface
    interface Sink {
        /** @throws JournalException (without a location) when the event does not fit: the sink hears no more */
        void accept(long index, JournalEvent event, byte[] bytes, int length);
    }

    /**
     * One read: the problem that stopped it, if any, and an unfinished last excerpt, if any; and
     * the first event its sink refused, if any (the read goes on past it, the sink hears no more).
     */
    record Scan(Optional<JournalException> problem, Optional<TornTail> tornTail, JournalException refused, long lastIndex) {
        /** What is wrong first: the event the sink refused, else the read's problem; null when nothing. */
        JournalException firstProblem() {
            return refused != null ? refused : problem.orElse(null);
        }
    }

    /** Feeds a sink until it refuses an event, and remembers that one, located. */
    private final class Feed implements Sink {
        private final Sink to;
        private JournalException refused;
        /** The index of the last event read whole, or -1. */
        private long lastIndex = -1;

        Feed(Sink to) {
            this.to = to;
        }

        @Override
        public void accept(long index, JournalEvent event, byte[] bytes, int length) {
            lastIndex = index;
            if (refused != null) {
                return;
            }
            try {
                to.accept(index, event, bytes, length);
            } catch (JournalException e) {
                refused = locate(e, index);
            }
        }
    }

    /** The bytes of the excerpt being read, reused from one excerpt to the next. */
    private byte[] readBuffer = new byte[256];

    /** How many times a read goes on when it finds excerpts appended (by another process) while it read. */
    private static final int MAX_READ_ROUNDS = 3;

    private Scan scan(long fromIndex, Sink sink) {
        requireOpen();
        Optional<TornCreation> unborn = unborn();
        if (unborn.isPresent()) {
            return new Scan(Optional.empty(), Optional.of(unborn.get().asTornTail()), null, -1);
        }
        Feed out = new Feed(sink);
        Map<Integer, Long> ends = new LinkedHashMap<>();
        try {
            return scan(fromIndex, out, ends);
        } catch (Exception | InternalError e) { // Chronicle throws checked ones too (StreamCorruptedException), unchecked
            if (e instanceof JournalException j) {
                throw j;
            }
            // Chronicle parses a queue file's own metadata (its first excerpt) when a tailer first enters the file.
            return new Scan(Optional.of(unreadableQueue(e, out.lastIndex)), Optional.empty(), out.refused,
                    out.lastIndex);
        }
    }

    /**
     * The damage that keeps even the first event from being read: the first queue file's chain of
     * headers broken before any event, or its own metadata unreadable by Chronicle (a folder of
     * garbage named like queue files is such a journal). Empty when reading can start.
     */
    public synchronized Optional<JournalException> unreadableStart() {
        requireOpen();
        if (unborn().isPresent()) {
            return Optional.empty();
        }
        Optional<JournalException> first = unreadableFirstFile();
        if (first.isPresent()) {
            return first;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            return Optional.empty();
        } catch (Exception | InternalError e) { // checked ones too: see scan
            return Optional.of(unreadableQueue(e, -1));
        }
    }

    /** For a read-only journal: whether it holds nothing because its creation was torn (see {@link TornCreation}). */
    private Optional<TornCreation> unborn() {
        return tornCreation().filter(TornCreation::unborn);
    }

    /** For a read-only journal: its queue files a writer died creating (see {@link TornCreation}). */
    private Optional<TornCreation> tornCreation() {
        return readOnly ? tornCreationIn(dir) : Optional.empty();
    }

    private static Optional<TornCreation> tornCreationIn(Path dir) {
        try {
            return TornCreation.find(dir, JournalManifest.read(dir));
        } catch (JournalException e) {
            return Optional.empty(); // a manifest that cannot be read is damage, which the read reports
        }
    }

    /** Chronicle's failure to enter a queue file (its own metadata unreadable), as the damage it is. */
    private JournalException unreadableQueue(Throwable e, long lastRead) {
        List<File> all = new ArrayList<>(existingQueueFiles());
        all.sort(Comparator.comparing(File::getName));
        File after = lastRead < 0 ? null : files.get(queue.rollCycle().toCycle(lastRead));
        File file = all.stream().filter(f -> after == null || f.getName().compareTo(after.getName()) > 0).findFirst()
                .orElse(after);
        return JournalException.corrupt("Chronicle cannot read the queue file's own metadata ("
                + e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())) + ")", e)
                .at(dir, file == null ? null : file.toPath(), -1);
    }

    private Scan scan(long fromIndex, Feed out, Map<Integer, Long> ends) {
        Optional<JournalException> unreadable = unreadableFirstFile(); // before a tailer enters it and waits
        if (unreadable.isPresent()) {
            return new Scan(unreadable, Optional.empty(), null, -1);
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.singleThreadedCheckDisabled(true);
            if (fromIndex > 0 && !tailer.moveToIndex(fromIndex)) {
                if (fromIndex <= lastIndex()) {
                    tailer.toStart();
                    skipBefore(tailer, fromIndex);
                } else {
                    return new Scan(Optional.empty(), Optional.empty(), null, -1);
                }
            }
            for (int round = 1; ; round++) {
                JournalException bad = readAll(tailer, out, ends);
                if (bad != null) {
                    return new Scan(Optional.of(bad), Optional.empty(), out.refused, out.lastIndex);
                }
                TailFindings tails = checkTails(ends, fromIndex == 0);
                if (tails.undelivered() && round < MAX_READ_ROUNDS) {
                    continue;
                }
                return new Scan(tails.problem(), tails.torn(), out.refused, out.lastIndex);
            }
        }
    }

    /**
     * Reads excerpts until the end or the first bad one (answered), feeding the good ones to
     * {@code out}, and notes in {@code ends} where the last excerpt read of each cycle ends.
     */
    private JournalException readAll(ExcerptTailer tailer, Sink out, Map<Integer, Long> ends) {
        QueueTail.BadHeader stopAt = null;
        int cycle = NO_CYCLE;
        long end = -1;
        File file = null;
        long fileLength = -1;
        try {
            while (true) {
                long index = tailer.index();
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    index = dc.index();
                    Bytes<?> bytes = dc.wire().bytes();
                    int excerptCycle = queue.rollCycle().toCycle(index);
                    if (excerptCycle != cycle) {
                        if (cycle != NO_CYCLE) {
                            ends.put(cycle, end);
                        }
                        cycle = excerptCycle;
                        file = bytes instanceof MappedBytes mapped ? mapped.mappedFile().file() : null;
                        if (file != null) {
                            files.putIfAbsent(cycle, file);
                        }
                        fileLength = -1;
                        stopAt = readOnly && file != null ? badHeaders().get(file.getName()) : null;
                    }
                    end = bytes.readLimit();
                    if (file != null && end > fileLength) {
                        // Asked again only when an excerpt ends past the length last seen (the file grows as appended).
                        fileLength = file.length();
                        if (end > fileLength) {
                            // A garbage header can claim more bytes than the file has: reading them would fault.
                            return locate(JournalException.corrupt("an excerpt header at offset " + bytes.readPosition()
                                    + " claims " + bytes.readRemaining() + " bytes, past the end of the file ("
                                    + fileLength + " bytes)", null), index);
                        }
                    }
                    int length = (int) bytes.readRemaining();
                    if (length > readBuffer.length) {
                        readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
                    }
                    bytes.read(readBuffer, 0, length);
                    JournalEvent event;
                    try {
                        event = EventCodec.decode(readBuffer, length);
                    } catch (JournalException e) {
                        return locate(e, index);
                    }
                    out.accept(index, event, readBuffer, length);
                    if (stopAt != null && ((end + 3) & ~3L) >= stopAt.offset()) {
                        // the next header would lead Chronicle, which may not extend a read-only file, past its end
                        return JournalException.corrupt(stopAt.what(), null).at(dir, file.toPath(), -1);
                    }
                } catch (Exception | InternalError e) {
                    // Exception: Chronicle throws checked ones unchecked. InternalError: a mapped page past the end of a file cut short (SIGBUS, which the JVM survives)
                    JournalException bad = JournalException.corrupt("Chronicle cannot read the excerpt ("
                            + e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())) + ")", e);
                    return locate(bad, index);
                }
            }
        } finally {
            if (cycle != NO_CYCLE) {
                ends.put(cycle, end);
            }
        }
    }

    /** The first bad header of each queue file, by file name, found by walking them before Chronicle reads them. */
    private Map<String, QueueTail.BadHeader> badHeaders;

    private Map<String, QueueTail.BadHeader> badHeaders() {
        if (badHeaders == null) {
            badHeaders = new HashMap<>();
            for (File f : existingQueueFiles()) {
                try {
                    QueueTail.firstBadHeader(f.toPath()).ifPresent(b -> badHeaders.put(f.getName(), b));
                } catch (IOException e) {
                    badHeaders.put(f.getName(), new QueueTail.BadHeader(0, false, "cannot be read: " + e.getMessage()));
                }
            }
        }
        return badHeaders;
    }

    /**
     * A read-only journal whose first queue file has a bad header before any event cannot be read
     * by Chronicle without faulting: that is the damage, found before it reads.
     */
    private Optional<JournalException> unreadableFirstFile() {
        if (!readOnly) {
            return Optional.empty();
        }
        List<File> all = new ArrayList<>(existingQueueFiles());
        all.sort(Comparator.comparing(File::getName));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        File first = all.get(0);
        QueueTail.BadHeader bad = badHeaders().get(first.getName());
        return bad == null || bad.dataBefore() ? Optional.empty()
                : Optional.of(JournalException.corrupt(bad.what(), null).at(dir, first.toPath(), -1));
    }

    private record TailFindings(boolean undelivered, Optional<JournalException> problem,
                                Optional<TornTail> torn) {
    }

    /** The bytes {@code [from, to)} of {@code file} are an unfinished excerpt. */
    record TornTail(Path file, long from, long to, JournalException report) {
    }

    /**
     * Walks what follows the last delivered excerpt of each queue file read, and every later file
     * from its start: only zeros may follow, or, at the very end of the journal, one unfinished
     * excerpt (a torn tail). See {@link QueueTail}.
     */
    private TailFindings checkTails(Map<Integer, Long> ends, boolean wholeJournal) {
        List<File> all = new ArrayList<>(existingQueueFiles());
        all.sort(Comparator.comparing(File::getName));
        Map<String, Long> from = new HashMap<>();
        ends.forEach((cycle, end) -> {
            File f = files.get(cycle);
            if (f != null) {
                from.put(f.getName(), end);
            }
        });
        String lastRead = from.keySet().stream().max(String::compareTo).orElse(null);
        Optional<TornCreation> tornCreation = tornCreation();
        TornTail torn = null;
        for (int i = 0; i < all.size(); i++) {
            File f = all.get(i);
            if (tornCreation.isPresent() && tornCreation.get().holds(f)) {
                torn = tornCreation.get().asTornTail(); // the newest file, after which nothing follows
                continue;
            }
            Long offset = from.get(f.getName());
            if (offset == null && !(lastRead == null ? wholeJournal : f.getName().compareTo(lastRead) > 0)) {
                continue;
            }
            QueueTail.Result r;
            try {
                r = QueueTail.check(f.toPath(), offset == null ? 0 : offset);
            } catch (IOException e) {
                return new TailFindings(false, Optional.of(
                        JournalException.io(dir, "cannot read queue file " + f.getName(), e)), Optional.empty());
            }
            boolean last = i == all.size() - 1;
            switch (r.kind()) {
                case CLEAN -> {
                }
                case UNDELIVERED -> {
                    return new TailFindings(true, Optional.of(JournalException.corrupt(r.what(), null)
                            .at(dir, f.toPath(), -1)), Optional.empty());
                }
                case TORN -> {
                    if (last) {
                        torn = new TornTail(f.toPath(), r.offset(), r.end(),
                                JournalException.tornTail(r.what()).at(dir, f.toPath(), -1));
                    } else {
                        return new TailFindings(false, Optional.of(JournalException.corrupt(r.what()
                                + ", and later queue files follow", null).at(dir, f.toPath(), -1)), Optional.empty());
                    }
                }
                case GARBAGE -> {
                    return new TailFindings(false, Optional.of(JournalException.corrupt(r.what(), null)
                            .at(dir, f.toPath(), -1)), Optional.empty());
                }
                default -> throw new IllegalStateException("unknown tail kind " + r.kind());
            }
        }
        return new TailFindings(false, Optional.empty(), Optional.ofNullable(torn));
    }

    private static void skipBefore(ExcerptTailer tailer, long fromIndex) {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent() || dc.index() >= fromIndex) {
                    dc.rollbackOnClose();
                    return;
                }
            }
        }
    }

    JournalException locate(JournalException e, long index) {
        File f = index < 0 ? null : files.get(queue.rollCycle().toCycle(index));
        return e.at(dir, f == null ? null : f.toPath(), index);
    }

    private Set<File> existingQueueFiles() {
        File[] found = dir.toFile().listFiles((d, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        return found == null ? Set.of() : Set.of(found);
    }

    private Bytes<?> buffer() {
        if (buffer == null) {
            buffer = Bytes.allocateElasticDirect(1024);
            // Appends may come from any thread (the journal's lock orders them): Chronicle's own check
            // that one thread uses the buffer would refuse the second thread.
            buffer.singleThreadedCheckDisabled(true);
        }
        return buffer;
    }

    private ExcerptAppender appender() {
        if (appender == null) {
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true);
        }
        return appender;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
    }

    /** Closes the queue. Events appended and not synced stay in the operating system's hands. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<FileChannel> open = new ArrayList<>(channels.values());
        if (manifest != null) {
            open.add(manifest);
        }
        for (FileChannel c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing a channel used only to force: nothing is lost
            }
        }
        if (appender != null) {
            appender.close();
        }
        if (buffer != null) {
            buffer.releaseLast();
        }
        queue.close();
        if (lock != null) {
            lock.close();
        }
    }

    /** An index as the journal shows it: hexadecimal, the cycle in the high bits. */
    static String formatIndex(long index) {
        return "0x" + Long.toHexString(index);
    }

    @Override
    public String toString() {
        return "Journal[" + dir + "]";
    }
}
