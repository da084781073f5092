package org.ozworkbench.workbench.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ozworkbench.journal.EventCodec;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.workbench.bus.BusAddress;
import org.ozworkbench.workbench.bus.EventKind;
import org.ozworkbench.workbench.bus.EventMessage;
import org.ozworkbench.workbench.bus.JournalFollower;
import org.ozworkbench.workbench.bus.JournalPublisher;
import org.ozworkbench.workbench.report.ChangeDescription;
import org.ozworkbench.workbench.report.Describe;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/**
 * {@code ozw journal tail DIR}: prints a journal's events from an index on, then each event as
 * it is journaled (by any process), through the event bus: a {@link JournalPublisher} and a
 * {@link JournalFollower} on a Vert.x instance of its own. Runs until interrupted (Ctrl-C), or
 * until {@code --count} events or {@code --until-idle}.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print a journal's events from an index on, then follow it live (Ctrl-C stops).")
public final class JournalTailCommand extends JournalDirCommand {
    private static final long CHECK_MILLIS = 100;
    private static final long CLEANUP_SECONDS = 10;

    @Option(names = "--from", paramLabel = "INDEX", defaultValue = "0", converter = IndexConverter.class,
            description = "Start at this index (decimal or 0x hex, as 'ozw journal tail' prints them; default: the start).")
    long from;

    @Option(names = "--space", paramLabel = "ID",
            description = "The space id in the bus addresses (default: 12 hex digits of the image's SHA-256).")
    String space;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
            description = "Only events of this kind: surgeries, methods, processes, classes or slots.")
    EventKind kind;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    Long count;

    @Option(names = "--until-idle", paramLabel = "MILLIS",
            description = "Stop when no event came for MILLIS milliseconds.")
    Long untilIdle;

    @Option(names = "--json", description = "Print each event as one line of JSON (the bus message).")
    boolean json;

    @Override
    void run(Journal journal) throws Exception {
        if (count != null && count < 1 || untilIdle != null && untilIdle < 1) {
            throw new IllegalArgumentException("--count and --until-idle must be 1 or more");
        }
        String spaceId = space != null ? space : BusAddress.defaultSpaceId(journal).orElseThrow(
                () -> BadInputException.because(dir + ": the journal does not begin with a SpaceLoaded event:"
                        + " name the space with --space"));
        BusAddress address = kind == null ? BusAddress.space(spaceId) : BusAddress.kind(spaceId, kind);
        CompletableFuture<Void> done = new CompletableFuture<>();
        CountDownLatch cleaned = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            done.complete(null);
            awaitQuietly(cleaned);
        }, "ozw-journal-tail-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        Vertx vertx = Vertx.vertx();
        try (JournalPublisher publisher = JournalPublisher.startAtEnd(vertx, journal, spaceId)) {
            Printer printer = new Printer(out(), json, count, done);
            JournalFollower follower = JournalFollower.follow(vertx, journal, address, from, printer::print)
                    .toCompletionStage().toCompletableFuture().get();
            follower.ended().onFailure(done::completeExceptionally);
            vertx.setPeriodic(CHECK_MILLIS, id -> {
                publisher.failure().ifPresent(done::completeExceptionally);
                if (untilIdle != null && System.nanoTime() - printer.lastEventNanos
                        > TimeUnit.MILLISECONDS.toNanos(untilIdle)) {
                    done.complete(null);
                }
            });
            try {
                done.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            follower.close().toCompletionStage().toCompletableFuture().get(CLEANUP_SECONDS, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLEANUP_SECONDS, TimeUnit.SECONDS);
            out().flush();
            cleaned.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the cleanup just finished
            }
        }
    }

    /** Reads an index in decimal or, with {@code 0x}, in hex. */
    static final class IndexConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.decode(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an index (decimal, or hex after 0x)");
            }
        }
    }

    /** Reads a kind by the last part of its address ({@code slots}), in any case. */
    static final class KindConverter implements ITypeConverter<EventKind> {
        @Override
        public EventKind convert(String value) {
            for (EventKind k : EventKind.values()) {
                if (k.addressPart().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a kind: surgeries, methods, processes,"
                    + " classes or slots");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the events the follower delivers (on its Vert.x context, one at a time). */
    private static final class Printer {
        private final PrintWriter out;
        private final boolean json;
        private final Long count;
        private final CompletableFuture<Void> done;
        private long printed;
        private volatile long lastEventNanos = System.nanoTime();

        Printer(PrintWriter out, boolean json, Long count, CompletableFuture<Void> done) {
            this.out = out;
            this.json = json;
            this.count = count;
            this.done = done;
        }

        void print(JsonObject message) {
            lastEventNanos = System.nanoTime();
            if (done.isDone()) {
                return;
            }
            out.println(json ? message.encode() : line(message));
            out.flush();
            if (count != null && ++printed >= count) {
                done.complete(null);
            }
        }
    }

    /** One event as a line: its index, its type, and what it says. */
    static String line(JsonObject message) {
        long index = EventMessage.index(message);
        JsonObject copy = message.copy();
        copy.remove(EventMessage.INDEX);
        JournalEvent event = EventCodec.decode(copy.encode().getBytes(StandardCharsets.UTF_8));
        return index(index) + "  " + event.type() + "  " + describe(event);
    }

    private static String describe(JournalEvent event) {
        if (event instanceof JournalEvent.SpaceLoaded l) {
            return l.path() + " (sha256 " + l.sha256() + ")";
        } else if (event instanceof JournalEvent.SurgeryBegun b) {
            return JournalLogCommand.prefix(b.surgeryId()) + " '" + Describe.printable(b.label()) + "'";
        } else if (event instanceof JournalEvent.ChangeMade c) {
            return JournalLogCommand.prefix(c.surgeryId()) + " #" + c.sequence() + "  "
                    + ChangeDescription.of(c.change(), c.names());
        } else if (event instanceof JournalEvent.SurgeryCommitted c) {
            return JournalLogCommand.prefix(c.surgeryId()) + " " + c.changeCount() + " changes";
        } else if (event instanceof JournalEvent.SurgeryAborted a) {
            return JournalLogCommand.prefix(a.surgeryId()) + ": " + Describe.printable(a.reason());
        } else if (event instanceof JournalEvent.SpaceSaved s) {
            return s.path() + " (sha256 " + s.sha256() + ")";
        } else if (event instanceof JournalEvent.SpaceCreated c) {
            return "genesis of " + c.name() + ", format " + c.format() + ", " + c.dialect() + " (seed sha256 "
                    + c.sha256() + ")";
        }
        return event.toString();
    }
}
