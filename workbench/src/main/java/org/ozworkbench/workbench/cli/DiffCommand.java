package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.diff.ImageDiff;
import org.ozworkbench.workbench.diff.ImageDiff.Change;
import org.ozworkbench.workbench.diff.ImageDiff.Named;
import org.ozworkbench.workbench.diff.ImageDiff.Section;
import org.ozworkbench.workbench.diff.SpecialObjectsDiff;
import org.ozworkbench.workbench.diff.ObjectCounts;
import org.ozworkbench.workbench.diff.ProcessDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ozw diff A B}: what differs between two images, section by section, and one summary
 * line. A report, not a test: it answers 0 whether or not the images differ, 2 on bad input.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what differs between two images: header, classes, methods, globals, class variables,",
            "processes and object counts, matched by name and meaning (never by oop)."})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The image to compare from.")
    Path imageA;

    @Parameters(index = "1", paramLabel = "B", description = "The image to compare with.")
    Path imageB;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Only these sections (comma-separated): header, classes, methods, globals,"
                    + " class-variables, processes, special-objects, objects.")
    List<String> only = List.of();

    @Option(names = "--methods-only", description = "Only the methods: the same as --only METHODS.")
    boolean methodsOnly;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "List at most N classes whose instance counts differ (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        if (top < 0) {
            throw BadInputException.because("--top must be 0 or more, got " + top);
        }
        Set<Section> sections = EnumSet.noneOf(Section.class);
        only.forEach(name -> sections.add(section(name)));
        if (methodsOnly) {
            sections.add(Section.METHODS);
        }
        ImageDiff diff;
        try (ObjectSpace a = ImageCommand.load(imageA); ObjectSpace b = ImageCommand.load(imageB)) {
            diff = ImageDiff.between(imageA, a, imageB, b, sections, top);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, diff);
        } else {
            printText(diff, out);
        }
        out.flush();
        return 0;
    }

    static void printText(ImageDiff d, PrintWriter out) {
        out.printf("A: %s (%d objects, %d classes)%nB: %s (%d objects, %d classes)%n", d.a().file(), d.a().objects(),
                d.a().classes(), d.b().file(), d.b().objects(), d.b().classes());
        header(d, out);
        classes(d, out);
        methods(d, out);
        named("Globals", d.globals(), "", out);
        if (d.classVariables() != null && !d.classVariables().isEmpty()) {
            out.println("Class variables");
            d.classVariables().forEach(v -> named(null, v.variables(), v.className() + " ", out));
        }
        processes(d.processes(), out);
        specialObjects(d.specialObjects(), out);
        objects(d.objects(), out);
        out.println("Summary: " + d.summary());
    }

    private static void header(ImageDiff d, PrintWriter out) {
        if (d.header() == null || d.header().isEmpty() && d.layout().isEmpty()) {
            return;
        }
        out.println("Header");
        d.header().forEach(c -> out.println("  " + change(c)));
        if (!d.layout().isEmpty()) {
            out.println("  layout (moves with every save): "
                    + String.join(", ", d.layout().stream().map(DiffCommand::change).toList()));
        }
    }

    private static void classes(ImageDiff d, PrintWriter out) {
        if (d.classes() == null || !d.classes().differs()) {
            return;
        }
        out.println("Classes");
        d.classes().added().forEach(c -> out.println("  + " + c));
        d.classes().removed().forEach(c -> out.println("  - " + c));
        d.classes().changed().forEach(c -> c.changes().forEach(ch -> out.println("  ~ " + c.name() + " " + change(ch))));
    }

    private static void methods(ImageDiff d, PrintWriter out) {
        if (d.methods() == null || d.methods().isEmpty()) {
            return;
        }
        out.println("Methods");
        for (ImageDiff.MethodChanges m : d.methods()) {
            m.added().forEach(s -> out.println("  + " + m.className() + ">>" + s));
            m.removed().forEach(s -> out.println("  - " + m.className() + ">>" + s));
            m.changed().forEach(c -> out.println("  ~ " + m.className() + ">>" + c.selector() + "  ("
                    + String.join(", ", c.parts()) + ")"));
        }
    }

    /** Added, removed and changed named values; under a heading when {@code heading} is not null. */
    private static void named(String heading, Named named, String prefix, PrintWriter out) {
        if (named == null || !named.differs()) {
            return;
        }
        if (heading != null) {
            out.println(heading);
        }
        named.added().forEach(v -> out.println("  + " + prefix + v.name() + " = " + v.value()));
        named.removed().forEach(v -> out.println("  - " + prefix + v.name() + " = " + v.value()));
        named.changed().forEach(c -> out.println("  ~ " + prefix + change(c)));
    }

    private static void processes(ProcessDiff p, PrintWriter out) {
        if (p == null || !p.differs()) {
            return;
        }
        out.println("Processes");
        if (p.active() != null) {
            out.println("  ~ active process: " + p.active().a() + "\n                 -> " + p.active().b());
            if (p.activeReason() != null) {
                out.println("    " + p.activeReason());
            }
        }
        p.priorityLists().forEach(c -> out.println("  ~ runnable at " + change(c)));
        p.onlyInA().forEach(s -> out.println("  - " + s));
        p.onlyInB().forEach(s -> out.println("  + " + s));
    }

    private static void specialObjects(SpecialObjectsDiff s, PrintWriter out) {
        if (s == null || !s.differs()) {
            return;
        }
        out.println("Special objects");
        if (s.size() != null) {
            out.println("  ~ " + change(s.size()));
        }
        for (SpecialObjectsDiff.Slot slot : s.changed()) {
            out.println("  ~ " + slot.index() + " (" + slot.meaning() + "): " + slot.a() + " -> " + slot.b());
            if (slot.reason() != null) {
                out.println("    " + slot.reason());
            }
        }
    }

    private static void objects(ObjectCounts o, PrintWriter out) {
        if (o == null || !o.differs()) {
            return;
        }
        out.println("Objects");
        out.printf("  total: %d -> %d (%+d)%n", o.a(), o.b(), o.b() - o.a());
        if (o.unreachableA() != 0 || o.unreachableB() != 0) {
            out.printf("  unreachable: %d -> %d (%+d): garbage, which nothing reaches from the special objects and the"
                    + " VM's next collection frees%n", o.unreachableA(), o.unreachableB(), o.unreachableB() - o.unreachableA());
            out.printf("  reachable: %d -> %d (%+d)%s%n", o.a() - o.unreachableA(), o.b() - o.unreachableB(),
                    (o.b() - o.unreachableB()) - (o.a() - o.unreachableA()), o.reachableDiffers() ? ""
                            : ": the same in all and by class, so only garbage differs");
        }
        if (o.classesDiffering() > 0) {
            out.printf("  %d class%s with different counts%s:%n", o.classesDiffering(),
                    o.classesDiffering() == 1 ? "" : "es",
                    o.byClass().size() < o.classesDiffering() ? ", the " + o.byClass().size() + " largest" : "");
            Table table = Table.withColumns(o.unreachableA() != 0 || o.unreachableB() != 0 ? 5 : 4);
            o.byClass().forEach(c -> {
                String reachable = c.reachableA() == c.reachableB() ? "reachable: same"
                        : "reachable: " + c.reachableA() + " -> " + c.reachableB();
                if (o.unreachableA() != 0 || o.unreachableB() != 0) {
                    table.row(c.className(), Integer.toString(c.a()), "-> " + c.b(),
                            String.format("(%+d)", c.difference()), reachable);
                } else {
                    table.row(c.className(), Integer.toString(c.a()), "-> " + c.b(),
                            String.format("(%+d)", c.difference()));
                }
            });
            table.print(out, "    ");
            o.byClass().forEach(c -> c.heldBy().forEach(h -> out.println("    " + c.className() + ", reachable as " + h)));
        }
    }

    private static String change(Change c) {
        return c.what() + ": " + c.a() + " -> " + c.b();
    }

    private static Section section(String name) {
        String constant = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Section s : Section.values()) {
            if (s.name().equals(constant)) {
                return s;
            }
        }
        throw BadInputException.because("--only: no section '" + name + "'; the sections are header, classes,"
                + " methods, globals, class-variables, processes, special-objects, objects");
    }
}
