package org.ozworkbench.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.SaveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ozw save IMAGE --out FILE}: loads an image and saves it unchanged, which must give the same bytes. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Load an image and save it unchanged; tells whether the file written is byte-identical.")
public final class SaveCommand extends ImageCommand {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save.")
    Path out;

    @Option(names = "--overwrite", description = "Allow FILE to be IMAGE itself.")
    boolean overwrite;

    @Override
    void checkArguments() {
        OutputFile.check(out).notTheImage(image, overwrite);
    }

    @Override
    void run(ObjectSpace space) throws IOException {
        byte[] before = Files.readAllBytes(image);
        space.save(out, overwrite);
        print(report(image, before, out), SaveCommand::printText);
    }

    /** What was saved to {@code out}, and whether it is byte-identical to {@code before}, the bytes of {@code image}. */
    public static SaveReport report(Path image, byte[] before, Path out) throws IOException {
        byte[] written = Files.readAllBytes(out);
        return new SaveReport(image.toString(), out.toString(), written.length, Arrays.equals(before, written),
                sha256(written));
    }

    static void printText(SaveReport r, PrintWriter out) {
        out.printf("wrote %,d bytes to %s%n", r.bytesWritten(), r.out());
        out.printf("%s %s%n", r.identical() ? "identical to" : "differs from", r.image());
        out.printf("sha256 %s%n", r.sha256());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
