package org.ozworkbench.workbench.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.memory.StagedFile;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.journal.RecordedSurgery;
import org.ozworkbench.journal.Rollback;
import org.ozworkbench.workbench.report.ObjectNames;
import org.ozworkbench.workbench.report.UnknownSelectors;
import org.ozworkbench.workbench.surgery.SurgeryBatch;

/**
 * One journaled surgery, or the rollback of one, on a journal session: what {@code ozw surgery},
 * {@code ozw rollback} and {@code ozw serve} share. With an image to save, the image is staged
 * before the surgery commits and put in place after ({@link Journals#commit}, {@link Journals#publish}).
 */
public final class Surgeries {
    private Surgeries() {
    }

    /**
     * What a surgery does: a JSON batch ({@link SurgeryBatch}) or a chunk-format file-in.
     *
     * @param name   where it comes from (a file, or a request), named in errors
     * @param batch  the batch, or null
     * @param fileIn the file-in's text, or null
     */
    public record Work(String name, SurgeryBatch batch, String fileIn) {

        /** A file's content: a batch when its name ends with {@code .json}, else a file-in. */
        public static Work of(Path file, byte[] content) {
            boolean isBatch = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            return isBatch ? new Work(file.toString(), SurgeryBatch.parse(file, content), null)
                    : new Work(file.toString(), null, new String(content, StandardCharsets.ISO_8859_1));
        }

        /** The label: the batch's own when it has one, else {@code otherwise}. */
        public String label(String otherwise) {
            return batch != null && batch.label() != null ? batch.label() : otherwise;
        }

        void applyTo(ObjectSpace space) {
            if (batch != null) {
                batch.applyTo(space);
            } else {
                new FileIn(space).fileIn(fileIn, name);
            }
        }
    }

    /** A committed surgery and what the compiler warned about. */
    public record Applied(Surgery surgery, List<String> warnings) {
    }

    /**
     * Applies {@code work} as one surgery labelled {@code label}, all or nothing, and saves the
     * result to {@code out} when it is not null. On any failure the surgery is undone (journaled
     * as aborted) and the exception comes out.
     */
    public static Applied apply(JournalSession session, String label, Work work, Path out) {
        Surgery surgery = session.space().beginSurgery(label);
        StagedFile image = null;
        try (surgery) {
            work.applyTo(session.space());
            if (out != null) {
                image = session.space().stage(out); // a failed write aborts the surgery
                Journals.commit(surgery, image);
            } else {
                surgery.commit();
            }
        }
        List<String> warnings = UnknownSelectors.warnings(session.space(), surgery.changes());
        if (image != null) {
            Journals.publish(session, surgery, image);
        }
        return new Applied(surgery, warnings);
    }

    /** Why a rollback is refused: the conflict report, naming the methods and slots. */
    public static final class RollbackRefused extends BadInputException {
        RollbackRefused(String report) {
            super(report);
        }
    }

    /** A rollback: the surgery rolled back and the compensating surgery. */
    public record RolledBack(RecordedSurgery undone, Surgery rollback) {
    }

    /**
     * Rolls back the committed surgery {@code name} (an id, a unique id prefix or a label) by a
     * compensating surgery, saving the result to {@code out} when it is not null.
     *
     * @throws RollbackRefused when a later surgery changed the same places
     */
    public static RolledBack rollback(JournalSession session, String name, Path out) {
        RecordedSurgery undone = session.report().find(name);
        Rollback.Plan plan = Rollback.plan(session.report(), undone.id());
        if (!plan.isPossible()) {
            throw new RollbackRefused(plan.refusal(ObjectNames.of(session.space())));
        }
        StagedFile[] image = new StagedFile[1];
        Surgery rollback;
        try {
            rollback = Rollback.apply(session.space(), plan, s -> {
                if (out != null) {
                    image[0] = session.space().stage(out);
                }
            });
        } catch (RuntimeException e) {
            if (image[0] != null) {
                image[0].close();
            }
            throw e;
        }
        if (image[0] != null) {
            Journals.publish(session, rollback, image[0]);
        }
        return new RolledBack(undone, rollback);
    }
}
