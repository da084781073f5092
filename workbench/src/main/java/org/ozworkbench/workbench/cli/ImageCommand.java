package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ozworkbench.core.space.ObjectSpace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that loads one image, given as its first parameter, and reports on it as text or JSON. */
abstract class ImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A Squeak V3 image file (formats 6502, 6504, 6505).")
    Path image;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** What the command exits with when run returns: 0 unless it says otherwise. */
    int exitCode;

    @Override
    public final Integer call() throws Exception {
        checkArguments();
        try (ObjectSpace space = load(image)) {
            run(space);
        }
        out().flush();
        return exitCode;
    }

    abstract void run(ObjectSpace space) throws Exception;

    /** Refuses bad arguments (such as an {@code --out} that must not be written) before the image is loaded. */
    void checkArguments() {
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code report} as JSON when asked, else as text by {@code text}. */
    <T> void print(T report, TextPrinter<T> text) {
        if (json) {
            Json.print(out(), report);
        } else {
            text.print(report, out());
        }
    }

    /** Loads an image, telling a missing file apart from a bad one. */
    static ObjectSpace load(Path image) {
        if (!Files.exists(image)) {
            throw BadInputException.noSuchFile(image);
        }
        return ObjectSpace.load(image);
    }

    /** Prints one kind of report as text. */
    @FunctionalInterface
    interface TextPrinter<T> {
        void print(T report, PrintWriter out);
    }
}
