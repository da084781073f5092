package org.ozworkbench.workbench.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalTail;

/**
 * Follows one bus address of a journal from any index: it catches up from the journal and then
 * goes on with the events a {@link JournalPublisher} publishes live.
 *
 * <p><b>Guarantee.</b> The handler receives every event the address carries whose index is at
 * least {@code fromIndex}, exactly once and in index order, with no gap between the ones read
 * from the journal and the live ones, each as an {@link EventMessage} (without
 * {@code "previous"}). It is called on this follower's Vert.x context, one event at a time.
 *
 * <p><b>How.</b> It subscribes first and holds what arrives. It then reads the journal from
 * {@code fromIndex} until it meets the first event that arrived live (or the journal's end),
 * delivers that, and then takes the held and later events in turn: one at or below the last
 * index delivered is a duplicate and is dropped; one whose {@code "previous"} is not the last
 * index delivered follows a gap (an event that went out before the subscription, or a publisher
 * that started meanwhile), which it fills from the journal before delivering it. Journal reads
 * run on Vert.x worker threads, in batches, while live events keep being held.
 *
 * <p>It ends when {@link #close() closed} or at the first journal excerpt it cannot read
 * ({@link #ended()} then fails). The journal must stay open while it runs.
 */
public final class JournalFollower {
    private static final System.Logger LOG = System.getLogger(JournalFollower.class.getName());
    /** Events read from the journal per trip to a worker thread. */
    private static final int BATCH = 1024;
    private static final long NOTHING = -1;
    /** The bound of the first read: up to the first event that arrived live, whenever that happens. */
    private static final long UNTIL_LIVE = Long.MAX_VALUE;

    private final Vertx vertx;
    private final Context context;
    private final Journal journal;
    private final BusAddress address;
    private final long fromIndex;
    private final Handler<JsonObject> handler;
    private final Promise<Void> ended = Promise.promise();

    // Touched on the context only.
    private final Deque<JsonObject> held = new ArrayDeque<>();
    private MessageConsumer<JsonObject> consumer;
    private boolean reading;
    private boolean closed;
    private long delivered;
    // Read by the worker threads too.
    private volatile long last = NOTHING;
    private volatile long firstLive = Long.MAX_VALUE;
    /** The tail of the journal read in progress; used by one worker at a time. */
    private JournalTail tail;

    private JournalFollower(Vertx vertx, Journal journal, BusAddress address, long fromIndex,
                            Handler<JsonObject> handler) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.journal = journal;
        this.address = address;
        this.fromIndex = Math.max(0, fromIndex);
        this.handler = handler;
    }

    /**
     * Starts following {@code address} from the first event whose index is at least
     * {@code fromIndex} (0: the whole journal). The future completes once the follower is
     * subscribed and has delivered the events the journal held up to the first live one (it
     * follows on); it fails when the journal cannot be read.
     */
    public static Future<JournalFollower> follow(Vertx vertx, Journal journal, BusAddress address, long fromIndex,
                                                 Handler<JsonObject> handler) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        JournalFollower f = new JournalFollower(vertx, journal, address, fromIndex, handler);
        Promise<JournalFollower> started = Promise.promise();
        f.context.runOnContext(v -> f.subscribe(started));
        return started.future();
    }

    private void subscribe(Promise<JournalFollower> started) {
        consumer = vertx.eventBus().consumer(address.name(), message -> onLive(message.body()));
        consumer.completion()
                .compose(v -> fill(UNTIL_LIVE))
                .onSuccess(v -> {
                    started.complete(this);
                    pump();
                })
                .onFailure(e -> {
                    started.fail(e);
                    end(e);
                });
    }

    /** The index of the last event delivered, or -1 before the first. */
    public long lastDelivered() {
        return last;
    }

    /** How many events were delivered (called on the follower's context, or after it ended). */
    public long delivered() {
        return delivered;
    }

    /** Completes when the follower is closed; fails with the reason when it stopped on a journal problem. */
    public Future<Void> ended() {
        return ended.future();
    }

    /** Unsubscribes and stops delivering. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            end(null);
            done.complete();
        });
        return done.future().compose(v -> ended.future().otherwiseEmpty());
    }

    private void onLive(JsonObject message) {
        if (closed) {
            return;
        }
        if (firstLive == Long.MAX_VALUE) {
            firstLive = EventMessage.index(message);
        }
        held.add(message);
        pump();
    }

    private void pump() {
        while (!reading && !closed && !held.isEmpty()) {
            JsonObject m = held.peek();
            long index = EventMessage.index(m);
            if (index <= last || index < fromIndex) {
                held.poll();
                continue;
            }
            Long previous = m.getLong(EventMessage.PREVIOUS);
            boolean follows = previous != null && (previous == last || last == NOTHING && previous < fromIndex);
            if (follows) {
                deliver(held.poll());
                continue;
            }
            fill(index).onSuccess(v -> {
                JsonObject after = held.poll();
                if (after != null && EventMessage.index(after) > last) {
                    deliver(after);
                }
                pump();
            }).onFailure(this::end);
            return;
        }
    }

    /**
     * Reads from the journal and delivers the events after the last one delivered whose index is
     * below {@code before} ({@link #UNTIL_LIVE}: below the first live event's).
     */
    private Future<Void> fill(long before) {
        reading = true;
        return context.executeBlocking(() -> readBatch(before), true).compose(batch -> {
            if (closed) {
                reading = false;
                closeTail();
                return Future.succeededFuture();
            }
            batch.forEach(this::deliver);
            if (batch.size() == BATCH) {
                return fill(before);
            }
            reading = false;
            closeTail();
            return Future.succeededFuture();
        }, e -> {
            reading = false;
            closeTail();
            return Future.failedFuture(e);
        });
    }

    private List<JsonObject> readBatch(long before) {
        if (tail == null) {
            tail = journal.tail(last == NOTHING ? fromIndex : last);
        }
        List<JsonObject> out = new ArrayList<>();
        while (out.size() < BATCH) {
            long limit = before == UNTIL_LIVE ? firstLive : before;
            Optional<Journal.Entry> e = tail.next();
            if (e.isEmpty() || e.get().index() >= limit) {
                break;
            }
            JsonObject event = EventMessage.of(e.get());
            if (e.get().index() > last && address.carries(event)) {
                out.add(event);
            }
        }
        return out;
    }

    private void deliver(JsonObject event) {
        event.remove(EventMessage.PREVIOUS);
        last = EventMessage.index(event);
        delivered++;
        handler.handle(event);
    }

    private void end(Throwable failure) {
        if (closed) {
            return;
        }
        closed = true;
        held.clear();
        if (!reading) {
            closeTail();
        }
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        unregistered.onComplete(v -> {
            if (failure == null) {
                ended.tryComplete();
            } else {
                LOG.log(System.Logger.Level.ERROR, "following " + address + " stopped", failure);
                ended.tryFail(failure);
            }
        });
    }

    private void closeTail() {
        if (tail != null) {
            tail.close();
            tail = null;
        }
    }
}
