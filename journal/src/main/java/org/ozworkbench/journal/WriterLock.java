package org.ozworkbench.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per journal, across processes: an exclusive lock on the file {@value #NAME} in the
 * journal folder, held from the moment a journal is opened for writing (before it is read) until it
 * is closed. A writer therefore reads the journal as the last writer left it, and nobody appends
 * behind its back. The lock is the operating system's ({@code fcntl}): it goes with the process
 * that holds it, so a writer killed by SIGKILL blocks nobody after its death.
 *
 * <p>A second writer waits, up to {@link #waitLimit()} (system property
 * {@code ozw.journal.lockWait}, ISO-8601 duration or seconds; default 120 s), then is refused
 * ({@link JournalException.Problem#BUSY}) naming the holder. Within one JVM a second writer of the
 * same folder is refused at once: it would wait for itself.
 */
final class WriterLock implements AutoCloseable {
    static final String NAME = "writer.lock";
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the journal in {@code dir}, waiting while another process holds it.
     *
     * @throws JournalException BUSY when it is still held after the wait, IO when the file cannot be made
     */
    static WriterLock acquire(Path dir) {
        if (!HELD_HERE.add(dir)) {
            throw JournalException.busy(dir, "this process has the journal open for writing already");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + waitLimit().toNanos();
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    sayWhoHolds(channel);
                    return new WriterLock(dir, channel, lock);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw JournalException.busy(dir, "another writer holds it (" + holder(channel) + ") and did not"
                            + " let go within " + waitLimit().toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException | OverlappingFileLockException e) {
            release(dir, channel);
            throw JournalException.io(dir, "cannot lock the journal for writing (" + NAME + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(dir, channel);
            throw JournalException.busy(dir, "interrupted while waiting for another writer");
        } catch (RuntimeException e) {
            release(dir, channel);
            throw e;
        }
    }

    /** How long a writer waits for another to let go of the journal. */
    static Duration waitLimit() {
        String v = System.getProperty("ozw.journal.lockWait", "120");
        try {
            return v.startsWith("P") ? Duration.parse(v) : Duration.ofSeconds(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ozw.journal.lockWait is " + v + ": give seconds or an ISO-8601 duration");
        }
    }

    private static void sayWhoHolds(FileChannel channel) throws IOException {
        byte[] who = ("process " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(who), 0);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(128);
            int n = channel.read(b, 0);
            String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not said which" : text;
        } catch (IOException e) {
            return "a process that cannot be named: " + e.getMessage();
        }
    }

    private static void release(Path dir, FileChannel channel) {
        HELD_HERE.remove(dir);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
            }
        }
    }

    /** Whether {@code name}, a file of a journal folder, is the lock rather than part of the journal. */
    static boolean isLockFile(Path file) {
        return file.getFileName().toString().equals(NAME);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        release(dir, channel);
    }
}
