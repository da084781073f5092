package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.UnknownSelectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw filein IMAGE FILE.st --out FILE}: files a chunk-format file in, all or nothing, and saves. */
@Command(name = "filein", mixinStandardHelpOptions = true,
        description = "File a chunk-format file (.st, .cs) into an image and save it; nothing is installed if any "
                + "method fails to compile.")
public final class FileInCommand extends ImageCommand {

    @Parameters(index = "1", paramLabel = "FILE.st", description = "The file to file in (ISO-8859-1).")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the image.")
    Path out;

    @Override
    void checkArguments() {
        OutputFile.check(out).notTheImage(image, false).notTheInput(file, "the file-in");
    }

    @Override
    void run(ObjectSpace space) throws Exception {
        String text = new String(InputFile.read(file), StandardCharsets.ISO_8859_1);
        List<Change> changes = new ArrayList<>();
        space.addListener(changes::add);
        FileIn.Result result = new FileIn(space).fileIn(text, file.toString());
        List<String> warnings = UnknownSelectors.warnings(space, changes);
        warnings.forEach(w -> err().println("ozw: warning: " + w));
        space.save(out);
        print(new Report(image.toString(), file.toString(), result.descriptions(), result.installed().size(),
                out.toString(), warnings), FileInCommand::printText);
    }

    /**
     * What {@code ozw filein} did.
     *
     * @param image     the image filed into
     * @param file      the file filed in
     * @param installed what it installed, one line each ({@code Point>>ozwSum})
     * @param methods   how many methods it installed
     * @param out       the image saved
     * @param warnings  what the compiler warned about (sends of selectors no class implements)
     */
    record Report(String image, String file, List<String> installed, int methods, String out, List<String> warnings) {
    }

    static void printText(Report r, PrintWriter w) {
        r.installed().forEach(d -> w.println("installed " + d));
        w.printf("%d methods filed in from %s; saved %s%n", r.methods(), r.file(), r.out());
    }
}
