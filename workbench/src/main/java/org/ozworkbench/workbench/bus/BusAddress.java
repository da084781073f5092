package org.ozworkbench.workbench.bus;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalEvent;
import org.ozworkbench.journal.JournalTail;

/**
 * An event-bus address journal events are published on: {@code ozw.space.<spaceId>} carries
 * every event of the space, {@code ozw.space.<spaceId>.<kind>} those of one {@link EventKind}.
 *
 * @param spaceId names the space: by default {@link #defaultSpaceId} of its journal
 * @param kind    the kind of events carried; empty for the space's address, which carries all
 */
public record BusAddress(String spaceId, Optional<EventKind> kind) {
    private static final String PREFIX = "ozw.space.";
    private static final int SPACE_ID_HEX_DIGITS = 12;

    public BusAddress {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(kind, "kind");
        if (spaceId.isEmpty()) {
            throw new IllegalArgumentException("empty space id");
        }
    }

    /** The address of every event of a space. */
    public static BusAddress space(String spaceId) {
        return new BusAddress(spaceId, Optional.empty());
    }

    /** The address of the events of one kind. */
    public static BusAddress kind(String spaceId, EventKind kind) {
        return new BusAddress(spaceId, Optional.of(kind));
    }

    /** The address as Vert.x knows it. */
    public String name() {
        return PREFIX + spaceId + kind.map(k -> "." + k.addressPart()).orElse("");
    }

    /** Whether an event (its journal JSON) is published on this address. */
    public boolean carries(JsonObject event) {
        return kind.isEmpty() || EventKind.of(event).equals(kind);
    }

    /**
     * The first {@value #SPACE_ID_HEX_DIGITS} hex digits of the SHA-256 of the image the journal's
     * first event, a {@code SpaceLoaded}, names; empty when the journal does not begin with one
     * (yet).
     */
    public static Optional<String> defaultSpaceId(Journal journal) {
        try (JournalTail tail = journal.tail(0)) {
            return tail.next()
                    .map(Journal.Entry::event)
                    .filter(JournalEvent.SpaceLoaded.class::isInstance)
                    .map(e -> shortHash(((JournalEvent.SpaceLoaded) e).sha256()));
        }
    }

    private static String shortHash(String sha256) {
        return sha256.substring(0, Math.min(SPACE_ID_HEX_DIGITS, sha256.length()));
    }

    @Override
    public String toString() {
        return name();
    }
}
