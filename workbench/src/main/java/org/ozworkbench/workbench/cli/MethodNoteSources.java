package org.ozworkbench.workbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.memory.Operation;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.replay.Replay;
import org.ozworkbench.replay.ReplayOptions;

/**
 * The methods a surgery's {@code MethodInstalled} notes name, as source: the journal records the
 * source a method was compiled from, and only a reference to the method it replaced. So the base
 * image is loaded and the journal replayed onto it up to the surgery (up to the last committed one
 * before it, for a surgery that did not commit); the replaced method, still in memory, is then
 * decompiled by the host, and so is a new method that was built without source.
 */
final class MethodNoteSources {
    private static final String NOT_FOUND = "\"ozw: not found in the replayed image\"";

    /** A replaced method's source (null when the selector was new) and the new method's. */
    record Sides(String replaced, String installed) {
    }

    private MethodNoteSources() {
    }

    /** Per change index of the surgery, the sources of its MethodInstalled notes. */
    static Map<Integer, Sides> of(JournalReport report, RecordedSurgery surgery, Path base) {
        Map<Integer, Sides> sides = new LinkedHashMap<>();
        try (ObjectSpace space = ImageCommand.load(base)) {
            Optional<String> until = surgery.isCommitted() ? Optional.of(surgery.id())
                    : lastCommittedBefore(report.committed(), surgery).map(RecordedSurgery::id);
            if (until.isPresent()) {
                try {
                    Replay.run(space, report, ReplayOptions.all().until(until.get()), s -> { });
                } catch (JournalException e) {
                    throw BadInputException.because(base + ": cannot replay the journal onto it: " + e.getMessage());
                }
            }
            Decompiler decompiler = Decompiler.on(space);
            List<Change> changes = surgery.changes();
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i) instanceof Change.Noted n && n.operation() instanceof Operation.MethodInstalled m) {
                    String replaced = m.oldMethod() == null ? null : decompiled(space, decompiler, m, m.oldMethod());
                    String installed = m.source() != null ? m.source() : decompiled(space, decompiler, m, m.method());
                    sides.put(i, new Sides(replaced, installed));
                }
            }
        }
        return sides;
    }

    private static Optional<RecordedSurgery> lastCommittedBefore(List<RecordedSurgery> committed, RecordedSurgery s) {
        return committed.stream().filter(c -> c.beginIndex() < s.beginIndex()).reduce((a, b) -> b);
    }

    private static String decompiled(ObjectSpace space, Decompiler decompiler, Operation.MethodInstalled note,
                                     GuestRef.Obj methodRef) {
        GuestObject behavior = space.memory().resolve(note.behavior());
        GuestObject method = space.memory().resolve(methodRef);
        if (behavior == null || method == null || !(space.mirror(method) instanceof MethodMirror m)
                || !space.isClass(behavior) && !space.isMetaclass(behavior)) {
            return NOT_FOUND;
        }
        ClassMirror cls = space.classMirror(behavior);
        return decompiler.source(cls, note.selector(), m);
    }
}
