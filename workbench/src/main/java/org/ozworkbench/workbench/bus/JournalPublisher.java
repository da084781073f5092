package org.ozworkbench.workbench.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalTail;

/**
 * Publishes a journal's events on the Vert.x event bus as they are journaled: each event, as an
 * {@link EventMessage}, on its space's address ({@link BusAddress#space}) and, when it has a
 * {@link EventKind}, on that kind's address too. Events go out in journal order.
 *
 * <p>A publisher follows the journal with a {@link JournalTail} on a thread of its own, so it
 * publishes what any writer appends, in this process or another (open the journal with
 * {@link Journal#openReadOnly} then). It polls, pausing up to {@value #MAX_PAUSE_MICROS} µs when
 * the journal is idle. The bus holds no history: a tool that starts late catches up from the
 * journal with a {@link JournalFollower}.
 *
 * <p>It stops at the first excerpt that is not a valid event (see {@link #failure()}), and when
 * closed. Close it before the journal and the Vert.x instance. Thread-safe.
 */
public final class JournalPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JournalPublisher.class.getName());
    private static final long MIN_PAUSE_MICROS = 1;
    private static final long MAX_PAUSE_MICROS = 1000;
    private static final long NONE = -1;

    private final EventBus bus;
    private final BusAddress spaceAddress;
    private final Map<EventKind, BusAddress> kindAddresses = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Long> lastByKind = new EnumMap<>(EventKind.class);
    private final JournalTail tail;
    private final long skipThrough;
    private final Thread thread;
    private long lastOnSpace = NONE;
    private volatile long lastPublished = NONE;
    private volatile long count;
    private volatile RuntimeException failure;
    private volatile boolean running = true;

    private JournalPublisher(Vertx vertx, Journal journal, String spaceId, long fromIndex, long skipThrough) {
        this.bus = vertx.eventBus();
        this.spaceAddress = BusAddress.space(spaceId);
        for (EventKind k : EventKind.values()) {
            kindAddresses.put(k, BusAddress.kind(spaceId, k));
        }
        this.tail = journal.tail(fromIndex);
        this.skipThrough = skipThrough;
        this.thread = new Thread(this::run, "ozw-journal-publisher-" + spaceId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Publishes the journal's events from the first whose index is at least {@code fromIndex}
     * (0: all of them), then each event appended later.
     */
    public static JournalPublisher start(Vertx vertx, Journal journal, String spaceId, long fromIndex) {
        Objects.requireNonNull(vertx, "vertx");
        return new JournalPublisher(vertx, journal, spaceId, Math.max(0, fromIndex), NONE);
    }

    /** Publishes the events appended to the journal from now on. */
    public static JournalPublisher startAtEnd(Vertx vertx, Journal journal, String spaceId) {
        Objects.requireNonNull(vertx, "vertx");
        long last = journal.lastIndex();
        return new JournalPublisher(vertx, journal, spaceId, Math.max(0, last), last);
    }

    public BusAddress address() {
        return spaceAddress;
    }

    /** The index of the last event published, or -1 before the first. */
    public long lastPublished() {
        return lastPublished;
    }

    /** How many events were published. */
    public long count() {
        return count;
    }

    /** Why the publisher stopped on its own, if it did: an excerpt that is not a valid event. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        long pause = MIN_PAUSE_MICROS;
        try {
            while (running) {
                Optional<Journal.Entry> next = tail.next();
                if (next.isPresent()) {
                    if (next.get().index() > skipThrough) {
                        publish(next.get());
                    }
                    pause = MIN_PAUSE_MICROS;
                } else {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pause));
                    pause = Math.min(pause * 2, MAX_PAUSE_MICROS);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.log(System.Logger.Level.ERROR, "publishing " + spaceAddress + " stopped", e);
        } finally {
            tail.close();
        }
    }

    private void publish(Journal.Entry entry) {
        JsonObject event = EventMessage.of(entry);
        long index = entry.index();
        bus.publish(spaceAddress.name(), withPrevious(event, lastOnSpace));
        lastOnSpace = index;
        Optional<EventKind> kind = EventKind.of(event);
        if (kind.isPresent()) {
            bus.publish(kindAddresses.get(kind.get()).name(), withPrevious(event, lastByKind.getOrDefault(kind.get(), NONE)));
            lastByKind.put(kind.get(), index);
        }
        lastPublished = index;
        count++;
    }

    private static JsonObject withPrevious(JsonObject event, long previous) {
        JsonObject m = event.copy();
        return previous == NONE ? m : m.put(EventMessage.PREVIOUS, previous);
    }

    /** Stops publishing and waits for the publisher's thread to end. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
