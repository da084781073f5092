package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodLocation;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.MethodDetail;
import org.ozworkbench.workbench.report.MethodListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ozw methods IMAGE CLASS [--disassemble SELECTOR | --source [SELECTOR]]}: a class's methods,
 * or one method in full, or one method (or all of them, as a file-out) as source (the host's
 * decompiler).
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List a class's methods, disassemble one of them, or show it as source.")
public final class MethodsCommand extends ImageCommand {

    @Parameters(index = "1", paramLabel = "CLASS", description = "A class name; \"Foo class\" for its class side.")
    String className;

    @Option(names = {"-d", "--disassemble"}, paramLabel = "SELECTOR",
            description = "Show this method's header, literals and bytecodes (looked up through the superclasses).")
    String selector;

    @Option(names = {"-s", "--source"}, paramLabel = "SELECTOR", arity = "0..1", fallbackValue = "",
            description = "Show this method as Smalltalk source, decompiled by the host (looked up through the"
                    + " superclasses); bytecodes it cannot read are shown as a commented disassembly. Without a"
                    + " selector: every method of the class as a chunk file-out.")
    String sourceSelector;

    @Override
    void run(ObjectSpace space) {
        ClassMirror cls = space.classNamed(className)
                .orElseThrow(() -> BadInputException.noSuchClass(image, className));
        if (selector != null && sourceSelector != null) {
            throw BadInputException.because(image + ": give either --disassemble or --source, not both");
        }
        if (sourceSelector != null && sourceSelector.isEmpty()) {
            out().print(Decompiler.on(space).fileOut(cls));
            return;
        }
        if (sourceSelector != null) {
            MethodMirror method = find(cls, sourceSelector);
            MethodLocation location = space.methodLocation(method).orElse(new MethodLocation(cls, sourceSelector));
            String source = Decompiler.on(space).source(location.methodClass(), location.selector(), method);
            print(new MethodSource(location.toString(), source), (m, out) -> out.print(m.source()));
            return;
        }
        if (selector == null) {
            print(MethodListing.of(cls), MethodsCommand::printText);
            return;
        }
        print(MethodDetail.withSource(cls, selector, find(cls, selector)), MethodsCommand::printText);
    }

    /** A method as source: where it is installed and its decompiled text. */
    public record MethodSource(String location, String source) {
    }

    private MethodMirror find(ClassMirror cls, String name) {
        return cls.compiledMethodAt(name).or(() -> cls.lookup(name))
                .orElseThrow(() -> BadInputException.noSuchMethod(image, cls.name(), name));
    }

    static void printText(MethodListing listing, PrintWriter out) {
        out.printf("%s (superclass %s): %d methods%n", listing.className(),
                listing.superclass() == null ? "none" : listing.superclass(), listing.methods().size());
        Table table = Table.withHeadings("selector", "args", "temps", "primitive", "bytecodes");
        for (MethodListing.Method m : listing.methods()) {
            String primitive = m.quick() != null ? "quick " + m.quick() : m.primitive() == 0 ? "-" : "" + m.primitive();
            table.row(m.selector(), "" + m.numArgs(), "" + m.numTemps(), primitive, "" + m.bytecodeSize());
        }
        table.print(out, "  ");
    }

    static void printText(MethodDetail m, PrintWriter out) {
        MethodDetail.Header h = m.header();
        String where = m.location() != null ? m.location() : m.oldVersionOf() != null
                ? "an old version of " + m.oldVersionOf() + ", installed nowhere" : "a CompiledMethod installed nowhere";
        out.printf("%s  (%s)%n", where, m.oop());
        out.printf("  header    %s: %d args, %d temps, %d literals, primitive %d%s, %s frame%n", h.word(), h.numArgs(),
                h.numTemps(), h.numLiterals(), h.primitive(), h.quick() == null ? "" : " (quick " + h.quick() + ")",
                h.largeFrame() ? "large" : "small");
        out.printf("  bytecodes pc %d to %d%n", h.initialPc(), h.endPc());
        out.printf("  trailer   %s%n", m.trailer());
        if (!m.literals().isEmpty()) {
            out.println("literals");
            Table table = Table.withColumns(3);
            for (MethodDetail.Literal l : m.literals()) {
                table.row("" + l.index(), l.value(), l.ref() == null ? "" : l.ref());
            }
            table.print(out, "  ");
        }
        out.println("instructions");
        m.disassembly().lines().forEach(line -> out.println("  " + line));
    }
}
