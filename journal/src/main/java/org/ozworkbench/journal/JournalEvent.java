package org.ozworkbench.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Objects;
import org.ozworkbench.core.memory.Change;

/**
 * One event of the journal: one Chronicle excerpt, written as JSON by {@link EventCodec}. The
 * JSON names its kind by {@code "type"} (the names below, never ordinals) and carries the
 * {@code "schema"} version it was written with.
 *
 * <p>A surgery is {@link SurgeryBegun}, its {@link ChangeMade} events, then {@link SurgeryCommitted}
 * or {@link SurgeryAborted}. {@link SpaceLoaded} starts a session: the snapshot oops and creation
 * numbers of the changes that follow are those of the image it names. {@link SpaceCreated} starts a
 * genesis journal instead: a space made with no base image (a bootstrap), from the seed it carries.
 */
@JsonIgnoreProperties({EventCodec.SCHEMA_PROPERTY})
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = EventCodec.TYPE_PROPERTY)
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalEvent.SpaceLoaded.class, name = JournalEvent.SpaceLoaded.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.SurgeryBegun.class, name = JournalEvent.SurgeryBegun.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.ChangeMade.class, name = JournalEvent.ChangeMade.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.SurgeryCommitted.class, name = JournalEvent.SurgeryCommitted.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.SurgeryAborted.class, name = JournalEvent.SurgeryAborted.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.SpaceSaved.class, name = JournalEvent.SpaceSaved.TYPE),
        @JsonSubTypes.Type(value = JournalEvent.SpaceCreated.class, name = JournalEvent.SpaceCreated.TYPE)})
public sealed interface JournalEvent {

    /** The event's type name, as written in the JSON. */
    default String type() {
        return EventCodec.typeName(getClass());
    }

    /** The surgery an event belongs to (begin, change, commit, abort); null for a load or a save. */
    static String surgeryIdOf(JournalEvent event) {
        if (event instanceof SurgeryBegun b) {
            return b.surgeryId();
        } else if (event instanceof ChangeMade c) {
            return c.surgeryId();
        } else if (event instanceof SurgeryCommitted c) {
            return c.surgeryId();
        } else if (event instanceof SurgeryAborted a) {
            return a.surgeryId();
        }
        return null;
    }

    /**
     * An image was loaded into an object space: a new session begins.
     *
     * @param path    the image file, absolute
     * @param sha256  SHA-256 of the file's bytes, lowercase hex
     * @param format  the image format version (6502, 6504, 6505)
     * @param dialect the contract's dialect name ({@code squeak3}, {@code squeak2}, {@code candle} ...)
     * @param time    when the journal heard of the load
     */
    @JsonTypeName(SpaceLoaded.TYPE)
    record SpaceLoaded(String path, String sha256, int format, String dialect, Instant time) implements JournalEvent {
        public static final String TYPE = "SpaceLoaded";

        public SpaceLoaded {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(time, "time");
        }
    }

    /** A surgery began; {@code surgeryId} names it in the events that follow. */
    @JsonTypeName(SurgeryBegun.TYPE)
    record SurgeryBegun(String surgeryId, String label, Instant time) implements JournalEvent {
        public static final String TYPE = "SurgeryBegun";

        public SurgeryBegun {
            Objects.requireNonNull(surgeryId, "surgeryId");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * One membrane change of an open surgery. {@code sequence} counts the surgery's changes from 0,
     * without gaps. The change is written in the JSON form {@link ChangeCodec} defines.
     * {@code names} gives, for objects of the loaded file the change refers to (by oop, unsigned),
     * a symbolic name ({@link org.ozworkbench.core.space.names.ObjectName}) as the object could be
     * found when the change was made: how a replay finds them in another image of the same system.
     */
    @JsonTypeName(ChangeMade.TYPE)
    record ChangeMade(String surgeryId, int sequence,
                      @JsonSerialize(using = ChangeCodec.Serializer.class)
                      @JsonDeserialize(using = ChangeCodec.Deserializer.class) Change change,
                      java.util.Map<Long, String> names) implements JournalEvent {
        public static final String TYPE = "ChangeMade";

        public ChangeMade(String surgeryId, int sequence, Change change) {
            this(surgeryId, sequence, change, java.util.Map.of());
        }

        public ChangeMade {
            Objects.requireNonNull(surgeryId, "surgeryId");
            Objects.requireNonNull(change, "change");
            // sorted by oop: the same event always writes the same bytes (the commit digest covers them)
            names = names == null || names.isEmpty() ? java.util.Map.of()
                    : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(names));
            if (sequence < 0) {
                throw new IllegalArgumentException("negative change sequence " + sequence);
            }
        }
    }

    /**
     * A surgery committed: it is durable once this event is. {@code digest} is
     * {@link ChangeCodec#digest} of its changes, so a reader can tell they are the ones committed.
     * {@code time}: when the commit record was written; null in journals written before it was
     * recorded (and then not written).
     */
    @JsonTypeName(SurgeryCommitted.TYPE)
    record SurgeryCommitted(String surgeryId, int changeCount, String digest,
                            @com.fasterxml.jackson.annotation.JsonInclude(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Instant time)
            implements JournalEvent {
        public static final String TYPE = "SurgeryCommitted";

        public SurgeryCommitted {
            Objects.requireNonNull(surgeryId, "surgeryId");
            Objects.requireNonNull(digest, "digest");
            if (changeCount < 0) {
                throw new IllegalArgumentException("negative change count " + changeCount);
            }
        }

        /** A commit without its time. */
        public SurgeryCommitted(String surgeryId, int changeCount, String digest) {
            this(surgeryId, changeCount, digest, null);
        }
    }

    /** A surgery was aborted: its changes were undone in the guest and are never replayed. */
    @JsonTypeName(SurgeryAborted.TYPE)
    record SurgeryAborted(String surgeryId, String reason) implements JournalEvent {
        public static final String TYPE = "SurgeryAborted";

        public SurgeryAborted {
            Objects.requireNonNull(surgeryId, "surgeryId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The space was saved to {@code path}, whose bytes have this SHA-256. */
    @JsonTypeName(SpaceSaved.TYPE)
    record SpaceSaved(String path, String sha256) implements JournalEvent {
        public static final String TYPE = "SpaceSaved";

        public SpaceSaved {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * A space was created with no base image (the genesis of a bootstrap): its first state is the
     * seed carried here (the objects made without classes: nil, true, false, the classes and
     * metaclasses, symbols, special objects), and the surgeries that follow build the rest.
     *
     * @param name    what was bootstrapped (the spec folder)
     * @param sha256  SHA-256 of the seed's bytes, lowercase hex
     * @param format  the image format version (6502, 6504, 6505)
     * @param dialect the contract's dialect name
     * @param seed    the seed, a V3 image, in Base64
     * @param time    when the space was created
     */
    @JsonTypeName(SpaceCreated.TYPE)
    record SpaceCreated(String name, String sha256, int format, String dialect, String seed, Instant time)
            implements JournalEvent {
        public static final String TYPE = "SpaceCreated";

        public SpaceCreated {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(seed, "seed");
            Objects.requireNonNull(time, "time");
        }
    }
}
