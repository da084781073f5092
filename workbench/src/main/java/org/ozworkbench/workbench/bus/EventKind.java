package org.ozworkbench.workbench.bus;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import org.ozworkbench.journal.JournalEvent;

/**
 * What a journal event is about, which picks the per-kind bus address it is also published on
 * ({@link BusAddress#kind}). Read from the event's JSON alone: a {@code ChangeMade} goes by the
 * {@code "kind"} name of its change, so change kinds added later classify without a change here.
 */
public enum EventKind {
    /** {@code SurgeryBegun}, {@code SurgeryCommitted}, {@code SurgeryAborted}. */
    SURGERIES,
    /** Changes whose kind starts with {@code Method} ({@code MethodInstalled}, {@code MethodRemoved} ...). */
    METHODS,
    /** Changes whose kind starts with {@code Process} ({@code ProcessCreated}, {@code ProcessSuspended} ...). */
    PROCESSES,
    /** {@code ClassDefined} changes. */
    CLASSES,
    /** Every other change: the object-level ones ({@code SlotStored}, {@code ObjectCreated} ...). */
    SLOTS;

    private static final String CHANGE = "change";
    private static final String CHANGE_KIND = "kind";

    /** The last part of this kind's address: {@code surgeries}, {@code methods} ... */
    public String addressPart() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of an event in its journal JSON form ({@code "type"}, and for a change its
     * {@code "change":{"kind":...}}); empty for the events that go on the space address only
     * ({@code SpaceLoaded}, {@code SpaceSaved}, and any type this code does not know).
     */
    public static Optional<EventKind> of(JsonObject event) {
        String type = event.getString("type", "");
        if (type.equals(JournalEvent.SurgeryBegun.TYPE) || type.equals(JournalEvent.SurgeryCommitted.TYPE)
                || type.equals(JournalEvent.SurgeryAborted.TYPE)) {
            return Optional.of(SURGERIES);
        }
        if (type.equals(JournalEvent.ChangeMade.TYPE)) {
            JsonObject change = event.getJsonObject(CHANGE);
            return Optional.of(ofChange(change == null ? "" : change.getString(CHANGE_KIND, "")));
        }
        return Optional.empty();
    }

    /** The kind of a change by the {@code "kind"} name its JSON form carries. */
    public static EventKind ofChange(String changeKind) {
        if (changeKind.startsWith("Method")) {
            return METHODS;
        }
        if (changeKind.startsWith("Process")) {
            return PROCESSES;
        }
        if (changeKind.equals("ClassDefined")) {
            return CLASSES;
        }
        return SLOTS;
    }
}
