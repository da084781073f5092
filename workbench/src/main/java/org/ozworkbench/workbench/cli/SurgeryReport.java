package org.ozworkbench.workbench.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ozworkbench.core.space.Surgery;

/**
 * What {@code ozw surgery} committed (and, inside a {@link RollbackReport}, the compensating
 * surgery of {@code ozw rollback}): what a script needs to go on, such as the surgery's id.
 *
 * @param id          the surgery's whole id
 * @param label       its label
 * @param state       {@code committed}
 * @param changes     how many changes it made
 * @param operations  the operations among them, by kind ({@code MethodInstalled}, ...)
 * @param objectLevel the object-level changes among them
 * @param journal     the journal folder
 * @param replayed    the journal's earlier surgeries replayed onto the base image first
 * @param out         the image saved
 * @param warnings    what the compiler warned about (sends of selectors no class implements)
 */
public record SurgeryReport(String id, String label, String state, int changes, Map<String, Integer> operations,
                     int objectLevel, String journal, int replayed, String out, List<String> warnings) {

    public static SurgeryReport of(Surgery surgery, String journal, int replayed, String out, List<String> warnings) {
        return new SurgeryReport(surgery.id(), surgery.label(), surgery.state().name().toLowerCase(Locale.ROOT),
                surgery.changes().size(), Journals.operations(surgery.changes()), Journals.objectLevel(surgery.changes()),
                journal, replayed, out, List.copyOf(warnings));
    }

    /**
     * What {@code ozw rollback} did.
     *
     * @param rolledBack      the id of the surgery rolled back
     * @param rolledBackLabel its label
     * @param rollback        the compensating surgery
     */
    public record RollbackReport(String rolledBack, String rolledBackLabel, SurgeryReport rollback) {
    }
}
