package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.Describe;
import org.ozworkbench.workbench.report.Inspection;
import org.ozworkbench.workbench.report.ObjectDetail;
import org.ozworkbench.workbench.report.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw object IMAGE (OOP | Global[.step...])}: one object in full. */
@Command(name = "object", mixinStandardHelpOptions = true,
        description = "Show one object: header, slots (named instance variables by name), bytes, words or method.")
public final class ObjectCommand extends ImageCommand {
    private static final int BYTES_PER_LINE = 16;
    private static final int WORDS_PER_LINE = 8;

    @Parameters(index = "1", paramLabel = "OBJECT", description = "An oop of the loaded file (0x150bcc84 or"
            + " decimal), a global or a class name, then dotted steps: instance variable names or 0-based slot"
            + " indices. E.g. Processor.activeProcess.suspendedContext, Smalltalk.1")
    String expression;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "256",
            description = "Show at most N slots, bytes or words (default: ${DEFAULT-VALUE}; 0: all).")
    int limit;

    @Override
    void run(ObjectSpace space) {
        GuestValue value;
        try {
            value = ObjectPath.resolve(space, expression);
        } catch (IllegalArgumentException e) {
            throw BadInputException.badObjectPath(image, expression, e.getMessage());
        }
        print(Inspection.of(expression, value, limit), ObjectCommand::printText);
    }

    static void printText(Inspection inspection, PrintWriter out) {
        if (inspection instanceof Inspection.SmallIntegerDetail i) {
            out.printf("%s = %d (a SmallInteger: immediate, no header, no slots)%n", i.expression(), i.value());
            return;
        }
        ObjectDetail o = (ObjectDetail) inspection;
        out.printf("%s  %s  %s%n", o.expression(), o.oop(), o.description());
        out.printf("  class     %s%n", o.className());
        out.printf("  format    %d (%s)%n", o.format(), o.formatName());
        out.printf("  header    %d word%s%s%n", o.headerWords(), o.headerWords() == 1 ? "" : "s",
                o.compactClassIndex() == 0 ? "" : ", compact class " + o.compactClassIndex());
        out.printf("  hash      %d (0x%x)%n", o.hash(), o.hash());
        out.printf("  size      %d body words; %d named, %d indexable%n", o.bodyWords(), o.fixedSlots(), o.basicSize());
        if (o.method() != null) {
            MethodsCommand.printText(o.method(), out);
        } else if (o.string() != null) {
            out.printf("  string    '%s'%n", Describe.printable(o.string()).replace("'", "''"));
            printHex(o.hex(), out);
        } else if (o.words() != null) {
            if (o.floatValue() != null) {
                out.printf("  float     %s%n", o.floatValue());
            }
            for (int i = 0; i < o.words().size(); i += WORDS_PER_LINE) {
                out.printf("  %5d:  %s%n", i, String.join(" ", o.words().subList(i,
                        Math.min(o.words().size(), i + WORDS_PER_LINE))));
            }
        } else if (!o.slots().isEmpty()) {
            out.println("slots");
            Table table = Table.withColumns(4);
            for (ObjectDetail.Slot s : o.slots()) {
                table.row("" + s.index(), s.name() == null ? "" : s.name(), s.value(), s.ref() == null ? "" : s.ref());
            }
            table.print(out, "  ");
        }
        if (o.omitted() > 0) {
            out.printf("  ... %d more (--limit 0 shows all)%n", o.omitted());
        }
    }

    private static void printHex(String hex, PrintWriter out) {
        int digitsPerLine = 2 * BYTES_PER_LINE;
        for (int i = 0; i < hex.length(); i += digitsPerLine) {
            String line = hex.substring(i, Math.min(hex.length(), i + digitsPerLine));
            out.printf("  %5d:  %s%n", i / 2, line.replaceAll("(..)(?!$)", "$1 "));
        }
    }
}
