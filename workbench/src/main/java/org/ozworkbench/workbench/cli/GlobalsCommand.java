package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.util.List;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.GlobalSummary;
import org.ozworkbench.workbench.report.NamePattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw globals IMAGE [PATTERN]}: Smalltalk's global variables and what they hold. */
@Command(name = "globals", mixinStandardHelpOptions = true,
        description = "List the global variables (Smalltalk's) with a short description of each value.")
public final class GlobalsCommand extends ImageCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATTERN",
            description = "Only globals whose name matches: a glob (Sys*) or a substring; case-insensitive.")
    String pattern;

    @Option(names = "--no-classes", negatable = false, description = "Leave out the globals that hold classes.")
    boolean noClasses;

    @Override
    void run(ObjectSpace space) {
        if (space.smalltalk().isEmpty() && !json) {
            out().println("this image has no Smalltalk (SystemDictionary), hence no globals");
            return;
        }
        print(GlobalSummary.matching(space, NamePattern.of(pattern), !noClasses), GlobalsCommand::printText);
    }

    static void printText(List<GlobalSummary> globals, PrintWriter out) {
        Table table = Table.withColumns(3);
        for (GlobalSummary g : globals) {
            table.row(g.name(), g.isClass() ? "class " + g.value() : g.value(), g.ref() == null ? "" : g.ref());
        }
        table.print(out);
        out.printf("%d globals%n", globals.size());
    }
}
