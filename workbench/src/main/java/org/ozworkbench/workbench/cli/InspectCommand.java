package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.ImageSummary;
import picocli.CommandLine.Command;

/** {@code ozw inspect IMAGE}: what kind of image it is, its header and its objects counted. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show an image's format, dialect, header and object counts.")
public final class InspectCommand extends ImageCommand {

    @Override
    void run(ObjectSpace space) {
        print(ImageSummary.of(image, space), InspectCommand::printText);
    }

    static void printText(ImageSummary s, PrintWriter out) {
        ImageSummary.Header h = s.header();
        ImageSummary.Counts c = s.counts();
        out.printf("file        %s (%,d bytes)%n", s.file(), s.sizeBytes());
        out.printf("format      %d (V3, %s), %s%n", s.format(), s.closures() ? "closures" : "pre-closure",
                s.byteOrder());
        out.printf("dialect     %s: %s%n", s.dialect(), s.dialectDescription());
        out.printf("header      headerSize %d, dataSize %,d, oldBaseAddress %s, specialObjectsOop %s%n",
                h.headerSize(), h.dataSize(), h.oldBaseAddress(), h.specialObjectsOop());
        out.printf("            lastHash %d, window %dx%d, flags 0x%x, extraVmMemory %d%n",
                h.lastHash(), h.windowWidth(), h.windowHeight(), h.flags(), h.extraVmMemory());
        out.printf("objects     %,d (headers: %,d of 1 word, %,d of 2, %,d of 3)%n",
                c.objects(), c.oneWordHeaders(), c.twoWordHeaders(), c.threeWordHeaders());
        out.printf("classes     %,d%n", c.classes());
        out.printf("methods     %,d CompiledMethods%n", c.compiledMethods());
        out.printf("globals     %s%n", c.hasSmalltalk() ? String.format("%,d", c.globals()) : "none (no Smalltalk)");
        out.printf("processes   %d (active process at priority %d)%n", c.processes(), s.activeProcessPriority());
    }
}
