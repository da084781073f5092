package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.util.List;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.ClassSummary;
import org.ozworkbench.workbench.report.NamePattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ozw classes IMAGE [PATTERN]}: the classes, sorted by name. */
@Command(name = "classes", mixinStandardHelpOptions = true,
        description = "List the classes (name, superclass, category, methods, instance variables).")
public final class ClassesCommand extends ImageCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATTERN",
            description = "Only classes whose name matches: a glob (Array*, *Stream) or a substring; case-insensitive.")
    String pattern;

    @Override
    void run(ObjectSpace space) {
        NamePattern filter = NamePattern.of(pattern);
        List<ClassSummary> classes = ObjectSpace.sortedByName(space.classes()).stream()
                .filter(c -> filter.test(c.name()))
                .map(ClassSummary::of)
                .toList();
        print(classes, ClassesCommand::printText);
    }

    static void printText(List<ClassSummary> classes, PrintWriter out) {
        Table table = Table.withHeadings("class", "superclass", "category", "methods", "instance variables");
        for (ClassSummary c : classes) {
            table.row(c.name(), c.superclass() == null ? "-" : c.superclass(),
                    c.category() == null ? "-" : c.category(), c.instanceMethods() + "+" + c.classMethods(),
                    String.join(" ", c.instanceVariables()));
        }
        table.print(out);
        out.printf("%d classes (methods: instance side + class side)%n", classes.size());
    }
}
