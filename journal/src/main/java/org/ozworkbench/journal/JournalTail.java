package org.ozworkbench.journal;

import java.util.Optional;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A reader that follows a journal as it grows: {@link #next()} answers the next event, or nothing
 * when none has been appended yet, and a later call sees what was appended meanwhile, by this
 * process or another. Open one with {@link Journal#tail(long)}.
 *
 * <p>Unlike {@link Journal#read(long)}, it does not look past the last excerpt for damage (a live
 * writer keeps appending there): it delivers complete excerpts only, in index order, and throws a
 * {@link JournalException} at the first one that is not a valid event; it then stays at that
 * excerpt. A torn tail, an excerpt a dead writer left unfinished, is never delivered.
 *
 * <p>Not thread-safe: use a tail from one thread at a time. It holds a Chronicle tailer: close it
 * before its journal.
 */
public final class JournalTail implements AutoCloseable {
    private final Journal journal;
    private final ExcerptTailer tailer;
    /** Events below this index are skipped: the tail may stand before it when it was not an event's index. */
    private final long fromIndex;
    private boolean closed;

    JournalTail(Journal journal, ExcerptTailer tailer, long fromIndex) {
        this.journal = journal;
        this.tailer = tailer;
        this.fromIndex = fromIndex;
    }

    /**
     * The next event, if one has been appended.
     *
     * @throws JournalException when the next excerpt is not a valid event
     * @throws IllegalStateException when this tail or its journal is closed
     */
    public Optional<Journal.Entry> next() {
        if (closed) {
            throw new IllegalStateException("this tail of " + journal + " is closed");
        }
        while (true) {
            Optional<Journal.Entry> e = read();
            if (e.isEmpty() || e.get().index() >= fromIndex) {
                return e;
            }
        }
    }

    private Optional<Journal.Entry> read() {
        long index = tailer.index();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return Optional.empty();
            }
            index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            byte[] data = new byte[(int) bytes.readRemaining()];
            bytes.read(data);
            try {
                return Optional.of(new Journal.Entry(index, EventCodec.decode(data)));
            } catch (JournalException e) {
                dc.rollbackOnClose();
                throw journal.locate(e, index);
            }
        } catch (IllegalStateException | JournalException e) {
            throw e;
        } catch (Exception e) { // Chronicle throws checked ones unchecked too
            throw journal.locate(JournalException.corrupt("Chronicle cannot read the excerpt ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e), index);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tailer.close();
        }
    }
}
