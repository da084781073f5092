package org.ozworkbench.workbench.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.ozworkbench.journal.EventCodec;
import org.ozworkbench.journal.Journal;

/**
 * The JSON object a journal event travels as: the event as the journal writes it
 * ({@link EventCodec}: {@code "schema"}, {@code "type"}, its fields) plus {@code "index"}, its
 * index in the journal. On the bus it also carries {@code "previous"}: the index of the event
 * published before it on the same address, absent when the publisher does not know it (its first
 * event on that address). {@link JournalFollower} uses it to tell a gap; it delivers events
 * without it.
 */
public final class EventMessage {
    /** The event's index in the journal (increasing; not contiguous across Chronicle roll cycles). */
    public static final String INDEX = "index";
    /** The index of the event published before this one on the same address. */
    public static final String PREVIOUS = "previous";

    private EventMessage() {
    }

    /** The event with its index, as a new JSON object. */
    public static JsonObject of(Journal.Entry entry) {
        return new JsonObject(Buffer.buffer(EventCodec.encode(entry.event()))).put(INDEX, entry.index());
    }

    public static long index(JsonObject message) {
        return message.getLong(INDEX);
    }
}
