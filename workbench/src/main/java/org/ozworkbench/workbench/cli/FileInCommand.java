package org.ozworkbench.workbench.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.space.ObjectSpace;
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
        FileIn.Result result = new FileIn(space).fileIn(text, file.toString());
        space.save(out);
        result.descriptions().forEach(d -> out().println("installed " + d));
        out().printf("%d methods filed in from %s; saved %s%n", result.installed().size(), file, out);
    }
}
