package org.ozworkbench.workbench.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.workbench.cli.Json;
import org.ozworkbench.workbench.bus.BusAddress;
import org.ozworkbench.workbench.bus.EventKind;
import org.ozworkbench.workbench.bus.EventMessage;
import org.ozworkbench.workbench.bus.JournalPublisher;

/**
 * One image the server holds: its journal session (the base image with the journal's committed
 * surgeries standing in it, the journal shared: see {@link JournalSession#openShared}) and the one
 * thread that touches it.
 *
 * <p>Every request on the space, reading or changing, runs on that thread in arrival order, so
 * changes are serialized (one writer per space) and a read sees the space between two surgeries,
 * never inside one. A change runs inside {@link JournalSession#write}: it holds the journal's
 * writer lock only meanwhile, so {@code ozw surgery} in another process can take its turn. A read's
 * answer is kept until the next change, and a later same read is answered from it at once. A
 * {@link JournalPublisher} puts each event the journal records on the bus, whoever wrote it; a commit
 * this space does not stand at yet (another writer's) makes the space's thread catch up with the
 * journal ({@link JournalSession#catchUp}) and drop the kept answers.
 */
final class LiveSpace implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveSpace.class.getName());
    private static final int MAX_KEPT_ANSWERS = 10_000;

    private final String id;
    private final Path image;
    private final Path journalDir;
    private final JournalSession session;
    private final WorkerExecutor worker;
    private final JournalPublisher publisher;
    private volatile ObjectSpace running;
    private ObjectSpace base;
    /** The answers of reads since the last change, by route and query: written on the space's thread only. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final MessageConsumer<JsonObject> commits;
    /** Whether the guest ran in the space (not journaled): then its bytes are no checkpoint of the journal. */
    private boolean ran;

    LiveSpace(Vertx vertx, String id, Path image, Path journalDir, JournalSession session) {
        this.id = id;
        this.image = image;
        this.journalDir = journalDir;
        this.session = session;
        this.worker = vertx.createSharedWorkerExecutor("ozw-space-" + id, 1);
        this.publisher = JournalPublisher.startAtEnd(vertx, session.journal(), id);
        this.commits = vertx.eventBus().localConsumer(BusAddress.kind(id, EventKind.SURGERIES).name(), this::heard);
    }

    /** A surgery event on the bus: a commit past where the space stands is another writer's, to catch up with. */
    private void heard(Message<JsonObject> message) {
        JsonObject event = message.body();
        if (!JournalEvent.SurgeryCommitted.TYPE.equals(event.getString("type"))
                || EventMessage.index(event) <= session.position()) {
            return;
        }
        worker.executeBlocking(() -> {
            if (session.catchUp() > 0) {
                answers.clear();
            }
            return null;
        }, true).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "space " + id + " cannot catch up with its journal: "
                + e.getMessage()));
    }

    String id() {
        return id;
    }

    Path image() {
        return image;
    }

    Path journalDir() {
        return journalDir;
    }

    JournalSession session() {
        return session;
    }

    ObjectSpace space() {
        return session.space();
    }

    /** The address this space's run events go out on (the journal's are {@link BusAddress#space}'s). */
    String runAddress() {
        return WorkbenchServer.RUN_ADDRESS_PREFIX + id;
    }

    /** The base image as loaded, unchanged, for a diff against the space; loaded on first use, on the space's thread. */
    ObjectSpace base() {
        if (base == null) {
            base = ObjectSpace.load(image);
        }
        return base;
    }

    /** Runs guest code in {@code space} (this one or a sandbox of it) so that {@link #interrupt} reaches it. */
    <T> T running(ObjectSpace space, Supplier<T> run) {
        running = space;
        try {
            return run.get();
        } finally {
            running = null;
        }
    }

    /** Stops the guest code running for this space, if any, at its next bytecode; from any thread. */
    void interrupt() {
        ObjectSpace space = running;
        if (space != null) {
            space.interrupt();
        }
    }

    /**
     * A read: the answer kept since the last change when there is one, else {@code work}'s report
     * as JSON, computed on the space's thread after every request that came before it, and kept.
     * Between two changes the space does not change, so neither does the answer.
     */
    Future<String> read(String key, Callable<?> work) {
        String kept = answers.get(key);
        if (kept != null) {
            return Future.succeededFuture(kept);
        }
        return worker.executeBlocking(() -> {
            String answer = Json.compact(work.call());
            if (answers.size() >= MAX_KEPT_ANSWERS) {
                answers.clear();
            }
            answers.put(key, answer);
            return answer;
        }, true);
    }

    /**
     * A read never kept: {@code work}'s report as JSON, computed on the space's thread after every
     * request that came before it. For what the journal holds now, which another writer may have
     * added to without changing the space yet (a surgery begun, not yet committed).
     */
    Future<String> readNow(Callable<?> work) {
        return worker.executeBlocking(() -> Json.compact(work.call()), true);
    }

    /**
     * A change (or a run) of the space: runs {@code work} on the space's thread after every
     * request that came before it; the answers kept for reads are dropped first.
     */
    <T> Future<T> change(Callable<T> work) {
        return worker.executeBlocking(() -> {
            answers.clear();
            try {
                return session.write(() -> {
                    T result = call(work);
                    if (!ran) {
                        session.checkpointIfDue();
                    }
                    return result;
                });
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }, true);
    }

    /** Marks the space as run outside surgeries: no checkpoint is taken of it from then on. */
    void ran() {
        ran = true;
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public void close() {
        commits.unregister();
        publisher.close();
        worker.close();
        session.close();
        if (base != null) {
            base.close();
        }
    }

    /** What {@code GET /api/spaces} lists of a space. */
    record Entry(String id, String image, String journal, String address, String runAddress) {
    }

    Entry entry() {
        return new Entry(id, image.toString(), journalDir.toString(), BusAddress.space(id).name(), runAddress());
    }
}
