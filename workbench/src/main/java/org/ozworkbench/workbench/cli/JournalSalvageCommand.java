package org.ozworkbench.workbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ozworkbench.journal.Salvage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ozw journal salvage DIR --out NEW-DIR}: the committed surgeries before a journal's damage, in a new journal. */
@Command(name = "salvage", mixinStandardHelpOptions = true,
        description = {"Copy the committed surgeries of a journal, up to its damage if it is damaged, into a new"
                + " journal, which replays as the original did up to there and can be appended to.",
                "DIR is only read. Exits 0 when DIR was whole, 1 when it was damaged (the copy stops at the damage)."})
public final class JournalSalvageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal to salvage (read only).")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "NEW-DIR", description = "The new journal's folder:"
            + " new, or empty.")
    Path out;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Journals.requireJournal(dir); // a missing folder or one that is no journal: one line
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw BadInputException.because("--out " + out + " is the journal being salvaged: name a new folder");
        }
        Salvage.Result r = Salvage.copy(dir, out);
        if (json) {
            Json.print(spec.commandLine().getOut(), r);
        } else {
            spec.commandLine().getOut().printf("salvaged %d committed surgeries (%d events) from %s into %s%n",
                    r.surgeries(), r.events(), r.from(), r.to());
            r.damage().ifPresent(d -> spec.commandLine().getOut().println("the original is damaged, the copy stops"
                    + " there: " + d));
        }
        spec.commandLine().getOut().flush();
        return r.damage().isPresent() ? 1 : 0;
    }
}
