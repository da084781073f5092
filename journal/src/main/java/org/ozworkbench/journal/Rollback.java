package org.ozworkbench.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Membrane;
import org.ozworkbench.core.memory.ObjectMemory;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Rolls back a committed surgery by a new, compensating surgery: the journal stays append-only.
 *
 * <p>{@link #plan} first looks at the surgeries committed after it: one that changed the same
 * places (a slot, byte or word of the same object, an object's class, or any object the surgery
 * created), or refers to an object the surgery created (a method whose literal is the new class's
 * global), would lose its change, see its change undone under it, or be left holding what the
 * rollback takes away, so the rollback is refused,
 * naming the later surgery and the methods and slots they share — unless that later surgery was
 * rolled back itself already (roll back the later ones first, newest first).
 *
 * <p>{@link #apply} then undoes the surgery's changes in reverse order in a space where they
 * stand, each undo checking that its place still holds what the surgery left there. Objects the
 * surgery created are taken back when they are the latest created ones (so a rollback right after
 * the surgery gives back the very bytes of before); otherwise they stay, unreferenced. The
 * rollback's label is {@code "rollback <id>: <label>"}, which is how a journal knows a surgery
 * was rolled back.
 */
public final class Rollback {
    private static final Pattern ROLLBACK_LABEL = Pattern.compile("^rollback ([0-9a-f-]{36}): ");

    private Rollback() {
    }

    /**
     * What rolling back a surgery would do, or why it cannot.
     *
     * @param surgery    the surgery to roll back
     * @param conflicts  the later committed surgeries standing in the way, each with the places shared
     * @param rolledBack the rollback surgery that already undid it, if one did
     */
    public record Plan(RecordedSurgery surgery, List<Conflict> conflicts, Optional<RecordedSurgery> rolledBack) {
        public Plan {
            conflicts = List.copyOf(conflicts);
        }

        /** Whether the rollback may go ahead. */
        public boolean isPossible() {
            return conflicts.isEmpty() && rolledBack.isEmpty() && !takesBackCreations();
        }

        /**
         * Whether the surgery took back objects created before it (a rollback that undid creations):
         * their contents are not recorded with the undo, so they cannot be made again.
         */
        public boolean takesBackCreations() {
            return surgery.changes().stream().anyMatch(c -> c instanceof Change.CreationUndone);
        }

        /** Why not, in a few lines, objects named by their references; empty when it is possible. */
        public String refusal() {
            return refusal(GuestRef.Obj::toString);
        }

        /** Why not, in a few lines, objects named by {@code names}; empty when it is possible. */
        public String refusal(Function<GuestRef.Obj, String> names) {
            if (takesBackCreations()) {
                return "cannot roll back " + surgery.id() + " '" + surgery.label() + "': it took back objects created"
                        + " before it, whose contents it does not record; replay the journal without it and what it"
                        + " rolled back instead (ozw replay --skip)";
            }
            if (rolledBack.isPresent()) {
                return "surgery " + surgery.id() + " '" + surgery.label() + "' was rolled back already by "
                        + rolledBack.get().id();
            }
            StringBuilder b = new StringBuilder();
            for (Conflict c : conflicts) {
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                List<String> shared = new ArrayList<>();
                List<String> referred = new ArrayList<>();
                c.methods().forEach(m -> shared.add("method " + m));
                c.places().forEach(p -> (p.part().equals("reference") ? referred : shared).add(p.describe(names)));
                List<String> what = new ArrayList<>();
                if (!shared.isEmpty()) {
                    what.add("changed the same " + String.join(", ", shared));
                }
                if (!referred.isEmpty()) {
                    what.add("refers to " + String.join(", ", referred));
                }
                b.append("cannot roll back ").append(surgery.id()).append(" '").append(surgery.label())
                        .append("': later surgery ").append(c.later().id()).append(" '").append(c.later().label())
                        .append("' ").append(String.join(" and ", what)).append(" (roll it back first)");
            }
            return b.toString();
        }
    }

    /**
     * A place a surgery changed: {@code part} ({@code "slot 3"}, {@code "byte 0"}, {@code "word 2"},
     * {@code "class"}, {@code "object"} for any change to an object the surgery created, or
     * {@code "reference"} for a later reference to one) of {@code object}.
     */
    public record Place(GuestRef.Obj object, String part) {
        String describe(Function<GuestRef.Obj, String> names) {
            return switch (part) {
                case "object" -> names.apply(object) + ", which it created";
                case "reference" -> names.apply(object) + ", which the rolled-back surgery created";
                default -> part + " of " + names.apply(object);
            };
        }
    }

    /** A later surgery that changed places the rolled-back one changed, and the methods both named. */
    public record Conflict(RecordedSurgery later, List<String> methods, List<Place> places) {
        public Conflict {
            methods = List.copyOf(methods);
            places = List.copyOf(places);
        }
    }

    /**
     * Plans the rollback of the committed surgery {@code surgeryId} of {@code report}.
     *
     * @throws IllegalArgumentException when the report has no such surgery, or it is not committed
     */
    public static Plan plan(JournalReport report, String surgeryId) {
        RecordedSurgery target = report.surgery(surgeryId).orElseThrow(() -> new IllegalArgumentException(
                "journal " + report.dir() + " has no surgery " + surgeryId));
        if (!target.isCommitted()) {
            throw new IllegalArgumentException("surgery " + surgeryId + " '" + target.label() + "' is "
                    + target.state().name().toLowerCase() + ": only a committed surgery can be rolled back");
        }
        Map<String, RecordedSurgery> rollbacks = rollbacks(report);
        Optional<RecordedSurgery> done = Optional.ofNullable(rollbacks.get(target.id()));
        Footprint mine = Footprint.of(target);
        List<Conflict> conflicts = new ArrayList<>();
        for (RecordedSurgery later : report.committed()) {
            if (later.beginIndex() <= target.beginIndex() || rollbacks.containsKey(later.id())
                    || rollsBackOneAfter(later, target, report)) {
                continue; // a later surgery and its rollback cancel out
            }
            Footprint theirs = Footprint.of(later);
            List<Place> shared = mine.sharedWith(theirs);
            if (!shared.isEmpty()) {
                List<String> methods = new ArrayList<>(mine.methods());
                methods.retainAll(theirs.methods());
                conflicts.add(new Conflict(later, methods, shared));
            }
        }
        return new Plan(target, conflicts, done);
    }

    /** The surgery a rollback surgery rolled back, from its label; empty for other surgeries. */
    public static Optional<String> rolledBackSurgeryOf(RecordedSurgery surgery) {
        Matcher m = ROLLBACK_LABEL.matcher(surgery.label());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static boolean rollsBackOneAfter(RecordedSurgery later, RecordedSurgery target, JournalReport report) {
        return rolledBackSurgeryOf(later).flatMap(report::surgery)
                .filter(undone -> undone.beginIndex() > target.beginIndex()).isPresent();
    }

    private static Map<String, RecordedSurgery> rollbacks(JournalReport report) {
        Map<String, RecordedSurgery> byTarget = new HashMap<>();
        for (RecordedSurgery s : report.committed()) {
            rolledBackSurgeryOf(s).ifPresent(id -> byTarget.put(id, s));
        }
        return byTarget;
    }

    /**
     * Rolls back {@code plan}'s surgery in {@code space}, where its changes stand, as a new
     * committed surgery (journaled by any recorder attached to the space).
     *
     * @throws IllegalStateException   when the plan is not possible, or a surgery is open
     * @throws ReplayConflictException when a place no longer holds what the surgery left there
     *                                 (nothing is changed)
     */
    public static Surgery apply(ObjectSpace space, Plan plan) {
        return apply(space, plan, s -> { });
    }

    /**
     * {@link #apply(ObjectSpace, Plan)}, calling {@code beforeCommit} once every undo is made and
     * before the rollback commits (to stage its image: a failure there aborts it).
     */
    public static Surgery apply(ObjectSpace space, Plan plan, java.util.function.Consumer<Surgery> beforeCommit) {
        if (!plan.isPossible()) {
            throw new IllegalStateException(plan.refusal());
        }
        RecordedSurgery target = plan.surgery();
        List<Change> changes = target.changes();
        Surgery s = space.beginSurgery("rollback " + target.id() + ": " + target.label());
        try (s) {
            Membrane membrane = space.membrane();
            ObjectMemory memory = space.memory();
            // a note follows the changes it spans: its inverse follows their undos, spanning those
            Operation pending = null;
            long pendingMark = 0;
            int pendingLeft = 0;
            for (int i = changes.size() - 1; i >= 0; i--) {
                Change c = changes.get(i);
                try {
                    if (c instanceof Change.Noted n) {
                        pending = inverse(n.operation());
                        pendingMark = membrane.mark();
                        pendingLeft = n.spans();
                    } else {
                        undo(target, membrane, memory, c);
                        pendingLeft--;
                    }
                    if (pending != null && pendingLeft <= 0) {
                        membrane.note(pending, pendingMark);
                        pending = null;
                    }
                } catch (RuntimeException e) {
                    throw new ReplayConflictException(i, c, "cannot undo it: " + e.getMessage(), e);
                }
            }
            beforeCommit.accept(s);
            s.commit();
        }
        return s;
    }

    private static void undo(RecordedSurgery target, Membrane membrane, ObjectMemory memory, Change c) {
        if (c instanceof Change.ObjectCreated created) {
            if (isLatestCreated(memory, created.target())) {
                membrane.undo(c);
            }
        } else if (c instanceof Change.CreationUndone) {
            throw new IllegalStateException("surgery " + target.id() + " took back a created object;"
                    + " its content is not recorded, so it cannot be created again");
        } else {
            membrane.undo(c);
        }
    }

    private static boolean isLatestCreated(ObjectMemory memory, GuestRef.Created ref) {
        GuestObject o = memory.resolve(ref);
        return o != null && memory.createdCount() == ref.index();
    }

    /** The operation that undoes {@code op}, where one has a name; null otherwise. */
    private static Operation inverse(Operation op) {
        if (op instanceof Operation.MethodInstalled m) {
            return m.oldMethod() == null
                    ? new Operation.MethodRemoved(m.behavior(), m.className(), m.selector(), m.method())
                    : new Operation.MethodInstalled(m.behavior(), m.className(), m.selector(), m.oldMethod(), m.method(),
                    null, null);
        } else if (op instanceof Operation.MethodRemoved m) {
            return new Operation.MethodInstalled(m.behavior(), m.className(), m.selector(), m.oldMethod(), null, null,
                    null);
        } else if (op instanceof Operation.ProcessPriorityChanged p) {
            return new Operation.ProcessPriorityChanged(p.process(), p.newPriority(), p.oldPriority());
        }
        return null;
    }

    /** The places a surgery changed, the objects it created, and the methods it named. */
    private record Footprint(Set<Place> places, Set<GuestRef.Obj> objects, Set<GuestRef.Created> created,
                             Set<String> methods, Set<GuestRef.Created> referred) {
        static Footprint of(RecordedSurgery s) {
            Set<Place> places = new LinkedHashSet<>();
            Set<GuestRef.Obj> objects = new LinkedHashSet<>();
            Set<GuestRef.Created> created = new LinkedHashSet<>();
            Set<String> methods = new LinkedHashSet<>();
            Set<GuestRef.Created> referred = new LinkedHashSet<>();
            for (Change c : s.changes()) {
                if (c instanceof Change.Noted n) {
                    if (n.operation() instanceof Operation.OnMethod m) {
                        methods.add(m.methodName());
                    }
                    continue;
                }
                objects.add(c.target());
                if (c instanceof Change.ObjectCreated o) {
                    created.add(o.target());
                    o.pointers().forEach(p -> refer(p, referred));
                    refer(o.cls(), referred);
                } else if (c instanceof Change.SlotStored st) {
                    places.add(new Place(st.target(), "slot " + st.index()));
                    refer(st.newValue(), referred);
                } else if (c instanceof Change.ByteStored b) {
                    places.add(new Place(b.target(), "byte " + b.index()));
                } else if (c instanceof Change.WordStored w) {
                    places.add(new Place(w.target(), "word " + w.index()));
                } else if (c instanceof Change.ClassChanged cc) {
                    places.add(new Place(cc.target(), "class"));
                }
            }
            return new Footprint(places, objects, created, methods, referred);
        }

        private static void refer(GuestRef value, Set<GuestRef.Created> referred) {
            if (value instanceof GuestRef.Created c) {
                referred.add(c);
            }
        }

        /** The places both changed, and the objects this one created that {@code later} changed. */
        List<Place> sharedWith(Footprint later) {
            List<Place> out = new ArrayList<>();
            for (Place p : places) {
                if (later.places.contains(p) && !created.contains(p.object())) {
                    out.add(p);
                }
            }
            for (GuestRef.Obj o : later.objects) {
                if (created.contains(o)) {
                    out.add(new Place(o, "object"));
                }
            }
            for (GuestRef.Created o : later.referred) {
                if (created.contains(o) && !later.objects.contains(o)) {
                    out.add(new Place(o, "reference"));
                }
            }
            return out;
        }
    }
}
